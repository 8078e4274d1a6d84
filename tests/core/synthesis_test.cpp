// Synthesis: validation first, cross-stack references, stack order, determinism and
// atomic writes (constructs/core/synthesis.hpp).
#include <catch2/catch.hpp>

#include <filesystem>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/group.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using nlohmann::ordered_json;
namespace fs = std::filesystem;
using formwork::testing::TempDir;

namespace {
std::vector<std::string>& prepare_log() {
  static std::vector<std::string> log;
  return log;
}

// Records the order prepare() runs in, and adds a resource there, as constructs that need
// the finished tree do.
class Recorder : public Construct {
 public:
  Recorder(Construct& scope, std::string_view id) : Construct(scope, id) {}
  void prepare() override {
    prepare_log().push_back(node().path());
    if (node().children().empty()) add<CfnResource>("Made", {.type = "AWS::SNS::Topic"});
  }
};

// Two stacks; Consumer is built first but reads Producer's queue through Ref, GetAtt and Sub.
void build_two_stacks(App& app) {
  auto& consumer = app.add<Stack>("Consumer", {.description = "Reads the queue"});
  auto& producer = app.add<Stack>("Producer");
  auto& queue = producer.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& stage = consumer.add<CfnParameter>("Stage", {.default_value = "dev"});
  consumer.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic", .properties = {
      {"DisplayName", queue.get_att("QueueName")},
      {"TopicName", Value::sub("${Stage}-${Url}", {{"Stage", stage.value()}, {"Url", queue.ref()}})},
  }});
  consumer.add<CfnOutput>("QueueArn", {.value = queue.get_att("Arn")});
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    files[fs::relative(entry.path(), dir).string()] =
        entry.is_regular_file() ? formwork::testing::read_file(entry.path()) : "<dir>";
  return files;
}
}  // namespace

TEST_CASE("reports every validation error together, one line each with its path", "[core][synthesis]") {
  App app;
  auto& stack = app.add<Stack>("bad_name");
  stack.add<CfnResource>("Typo", {.type = "AWS::SQS"});
  auto& group = stack.add<Group>("Group");
  group.node().add_validation([] { return std::vector<std::string>{"first problem", "second problem"}; });
  app.add<Stack>("Other", {.stack_name = "bad_name"});
  app.add<Stack>("Fine").add<CfnOutput>("Empty", {.value = nullptr});

  try {
    (void)synthesize(app);
    FAIL("synthesis should have failed");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()) ==
          "[bad_name] stack name 'bad_name' must be 1 to 128 characters, start with a letter and contain only A-Z a-z 0-9 -\n"
          "[bad_name/Typo] resource type must look like 'AWS::Service::Resource', got 'AWS::SQS'\n"
          "[bad_name/Group] first problem\n"
          "[bad_name/Group] second problem\n"
          "[Other] stack name 'bad_name' must be 1 to 128 characters, start with a letter and contain only A-Z a-z 0-9 -\n"
          "[Fine/Empty] an output needs a value\n"
          "[Other] stack name 'bad_name' is used by two stacks");
  }
}

TEST_CASE("runs prepare() on every construct, children first, before validating", "[core][synthesis]") {
  App app;
  prepare_log().clear();
  auto& stack = app.add<Stack>("S");
  stack.add<Recorder>("Outer").add<Recorder>("Inner");
  auto assembly = synthesize(app);
  CHECK(prepare_log() == std::vector<std::string>{"S/Outer/Inner", "S/Outer"});
  // What prepare() added is validated and synthesized like the rest.
  CHECK(assembly.stacks.at(0).document["Resources"].contains("OuterInnerMade"));
}

TEST_CASE("a template has at most 500 resources", "[core][synthesis]") {
  App app;
  auto& stack = app.add<Stack>("Big");
  for (int i = 0; i < 501; ++i) stack.add<CfnResource>("Topic" + std::to_string(i), {.type = "AWS::SNS::Topic"});
  REQUIRE_THROWS_WITH(synthesize(app), "[Big] a template has at most 500 resources, got 501");
}

TEST_CASE("turns a reference into another stack into an Export and an ImportValue", "[core][synthesis][cross-stack]") {
  App app;
  build_two_stacks(app);
  auto assembly = synthesize(app);
  REQUIRE(assembly.stacks.size() == 2);
  const auto& producer = assembly.stacks[0];
  const auto& consumer = assembly.stacks[1];
  CHECK(producer.name == "Producer");
  CHECK(consumer.name == "Consumer");
  CHECK(consumer.dependencies == std::vector<std::string>{"Producer"});
  CHECK(producer.dependencies.empty());

  CHECK(producer.document["Outputs"] == ordered_json::parse(R"({
    "ExportQueueQueueName": {"Value": {"Fn::GetAtt": ["Queue", "QueueName"]}, "Export": {"Name": "Producer:Queue-QueueName"}},
    "ExportQueueRef": {"Value": {"Ref": "Queue"}, "Export": {"Name": "Producer:Queue"}},
    "ExportQueueArn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}, "Export": {"Name": "Producer:Queue-Arn"}}})"));
  CHECK(consumer.document["Resources"]["Topic"]["Properties"] == ordered_json::parse(R"({
    "DisplayName": {"Fn::ImportValue": "Producer:Queue-QueueName"},
    "TopicName": {"Fn::Sub": ["${Stage}-${Url}", {"Url": {"Fn::ImportValue": "Producer:Queue"}}]}})"));
  CHECK(consumer.document["Outputs"]["QueueArn"]["Value"] == ordered_json::parse(R"({"Fn::ImportValue": "Producer:Queue-Arn"})"));
  // Outputs stay the last section, after the exports were added.
  CHECK(std::prev(producer.document.end()).key() == "Outputs");
}

TEST_CASE("exports a referenced value once however often it is used", "[core][synthesis][cross-stack]") {
  App app;
  auto& producer = app.add<Stack>("Producer");
  auto& consumer = app.add<Stack>("Consumer");
  auto& queue = producer.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  consumer.add<CfnOutput>("A", {.value = queue.ref()});
  consumer.add<CfnOutput>("B", {.value = Value::join(",", {queue.ref(), queue.ref()})});
  auto assembly = synthesize(app);
  CHECK(assembly.stacks[0].document["Outputs"].size() == 1);
}

TEST_CASE("orders stacks after the stacks they depend on, otherwise in construction order",
          "[core][synthesis][cross-stack]") {
  App app;
  auto& c = app.add<Stack>("C");
  auto& b = app.add<Stack>("B");
  auto& a = app.add<Stack>("A");
  auto& d = app.add<Stack>("D");
  auto& qa = a.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& qb = b.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue", .properties = {{"QueueName", qa.get_att("QueueName")}}});
  c.add<CfnOutput>("FromB", {.value = qb.ref()});
  d.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  c.add_dependency(d);

  auto assembly = synthesize(app);
  std::vector<std::string> order;
  for (const auto& s : assembly.stacks) order.push_back(s.name);
  CHECK(order == std::vector<std::string>{"A", "B", "D", "C"});
  CHECK(assembly.find("C")->dependencies == std::vector<std::string>{"B", "D"});
  CHECK(assembly.find("B")->dependencies == std::vector<std::string>{"A"});
  CHECK(assembly.find("Z") == nullptr);
}

TEST_CASE("fails when stacks depend on each other in a cycle, naming the stacks", "[core][synthesis][cross-stack]") {
  App app;
  auto& a = app.add<Stack>("A");
  auto& b = app.add<Stack>("B");
  auto& after = app.add<Stack>("After");
  auto& qa = a.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& qb = b.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  a.add<CfnOutput>("Other", {.value = qb.ref()});
  b.add<CfnOutput>("Other", {.value = qa.ref()});
  after.add<CfnOutput>("Late", {.value = qa.ref()});
  REQUIRE_THROWS_AS(synthesize(app), SynthError);
  REQUIRE_THROWS_WITH(synthesize(app), "stacks depend on each other in a cycle: A, B (StackCycle)");
}

TEST_CASE("fails on a cycle made of explicit stack dependencies", "[core][synthesis][cross-stack]") {
  App app;
  auto& a = app.add<Stack>("A");
  auto& b = app.add<Stack>("B");
  auto& c = app.add<Stack>("C");
  a.add_dependency(b);
  b.add_dependency(c);
  c.add_dependency(a);
  REQUIRE_THROWS_WITH(synthesize(app), "stacks depend on each other in a cycle: A, B, C (StackCycle)");
}

TEST_CASE("synthesis is byte-for-byte deterministic", "[core][synthesis][determinism]") {
  auto render_all = [] {
    App app;
    build_two_stacks(app);
    std::string text;
    for (const auto& s : synthesize(app).stacks)
      text += render(s) + render(s, {.format = TemplateFormat::Json}) + render(s, {.comments = false});
    return text;
  };
  std::string first = render_all();
  CHECK(first == render_all());

  App app;
  build_two_stacks(app);
  auto once = synthesize(app);
  auto twice = synthesize(app);
  for (std::size_t i = 0; i < once.stacks.size(); ++i) CHECK(render(once.stacks[i]) == render(twice.stacks[i]));

  TempDir one, two;
  (void)write_templates(once, one.path());
  (void)write_templates(twice, two.path());
  CHECK(snapshot(one.path()) == snapshot(two.path()));
}

TEST_CASE("writes one file per stack, all or the ones named", "[core][synthesis]") {
  App app;
  build_two_stacks(app);
  auto assembly = synthesize(app);
  TempDir dir;
  auto written = write_templates(assembly, dir.path() / "templates");
  REQUIRE(written.size() == 2);
  CHECK(written[0] == dir.path() / "templates" / "Producer.yaml");
  CHECK(formwork::testing::read_file(written[1]) == render(*assembly.find("Consumer")));

  auto json = write_templates(assembly, dir.path() / "json", {.format = TemplateFormat::Json}, {"Consumer"});
  REQUIRE(json.size() == 1);
  CHECK(json[0].filename() == "Consumer.json");
  CHECK(ordered_json::parse(formwork::testing::read_file(json[0])) == assembly.find("Consumer")->document);
  CHECK(snapshot(dir.path() / "json").size() == 1);  // no temporary file left behind
}

TEST_CASE("an invalid construct anywhere leaves the templates folder untouched", "[core][synthesis][atomicity]") {
  TempDir dir;
  auto templates = dir.path() / "templates";
  {
    App app;
    build_two_stacks(app);
    (void)write_templates(synthesize(app), templates);
  }
  formwork::testing::write_file(templates / "Unrelated.yaml", "keep: me\n");
  auto before = snapshot(templates);

  App app;
  build_two_stacks(app);
  dynamic_cast<Stack&>(app.node().find_child("Producer"))
      .add<CfnResource>("Changed", {.type = "AWS::SNS::Topic"});  // would change Producer.yaml
  auto& deep = app.node().find_child("Consumer").node().find_child("Topic");
  deep.node().add_validation([] { return std::vector<std::string>{"deliberately invalid"}; });

  try {
    (void)write_templates(synthesize(app), templates);
    FAIL("synthesis should have failed");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()) == "[Consumer/Topic] deliberately invalid");
  }
  CHECK(snapshot(templates) == before);
}

TEST_CASE("writes a file atomically, replacing the old one and leaving no temporary file", "[core][synthesis][atomicity]") {
  TempDir dir;
  write_file_atomically(dir.path() / "a.yaml", "old\n");
  write_file_atomically(dir.path() / "a.yaml", "new\n");
  CHECK(snapshot(dir.path()) == std::map<std::string, std::string>{{"a.yaml", "new\n"}});

  fs::create_directories(dir.path() / "taken.yaml" / "child");
  REQUIRE_THROWS_AS(write_file_atomically(dir.path() / "taken.yaml", "x"), SynthError);
  CHECK(snapshot(dir.path()).size() == 3);  // a.yaml, taken.yaml/, taken.yaml/child/
}
