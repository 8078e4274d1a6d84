// The construct tree: ids, paths, lookups and tags (constructs/core/construct.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/construct.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/group.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

using namespace formwork;

TEST_CASE("builds paths from the ids below the app", "[core][construct]") {
  App app;
  auto& stack = app.add<Stack>("Orders");
  auto& group = stack.add<Group>("Api");
  auto& queue = group.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});

  CHECK(app.node().path().empty());
  CHECK(stack.node().path() == "Orders");
  CHECK(group.node().path() == "Orders/Api");
  CHECK(queue.node().path() == "Orders/Api/Queue");
  CHECK(queue.node().id() == "Queue");
  CHECK(queue.node().scope() == &group);
  CHECK(&Stack::of(queue) == &stack);
}

TEST_CASE("finds children by id and descendants by relative path", "[core][construct]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& group = stack.add<Group>("G");
  auto& inner = group.add<Group>("Inner");

  CHECK(&stack.node().find_child("G") == &group);
  CHECK(stack.node().try_find_child("Missing") == nullptr);
  CHECK(stack.node().try_find_path("G/Inner") == &inner);
  CHECK(stack.node().try_find_path("G/Nope") == nullptr);
  REQUIRE_THROWS_WITH(stack.node().find_child("Missing"), "[S] no child with id 'Missing' (NoSuchChild)");
}

TEST_CASE("keeps children in insertion order and visits parents before children", "[core][construct]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& b = stack.add<Group>("B");
  stack.add<Group>("A");
  b.add<Group>("C");

  std::vector<std::string> seen;
  app.node().for_each([&](Construct& c) { seen.push_back(c.node().path()); });
  CHECK(seen == std::vector<std::string>{"", "S", "S/B", "S/B/C", "S/A"});
}

TEST_CASE("rejects empty, slashed and duplicate ids", "[core][construct]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<Group>("Same");
  REQUIRE_THROWS_WITH(stack.add<Group>(""), "[S] a construct id must not be empty (InvalidId)");
  REQUIRE_THROWS_WITH(stack.add<Group>("a/b"), "[S] construct id 'a/b' must not contain '/' (InvalidId)");
  REQUIRE_THROWS_WITH(stack.add<Group>("Same"),
                      "[S] there is already a construct with id 'Same' in this scope (DuplicateId)");
  REQUIRE_THROWS_AS(stack.add<Group>("Same"), UsageError);
}

TEST_CASE("refuses a template element outside any stack", "[core][construct]") {
  App app;
  REQUIRE_THROWS_WITH(app.add<CfnResource>("Loose", {.type = "AWS::SQS::Queue"}),
                      "this construct must be created inside a Stack (NotInStack)");
  CHECK(app.node().children().empty());
}

TEST_CASE("lists the app's stacks in construction order", "[core][construct]") {
  App app;
  auto& b = app.add<Stack>("B");
  auto& a = app.add<Stack>("A", {.stack_name = "a-stack"});
  auto stacks = app.stacks();
  REQUIRE(stacks.size() == 2);
  CHECK(stacks[0] == &b);
  CHECK(stacks[1] == &a);
  CHECK(a.stack_name() == "a-stack");
  CHECK(b.stack_name() == "B");
}

TEST_CASE("applies tags from outer scopes, inner ones winning, and removals", "[core][construct][tags]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& group = stack.add<Group>("G");
  auto& queue = group.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& topic = stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  auto& param = stack.add<CfnResource>("Param", {.type = "AWS::SSM::Parameter",
                                                  .properties = {{"Type", "String"}, {"Value", "v"}}});
  auto& untaggable = stack.add<CfnResource>("Perm", {.type = "AWS::Lambda::Permission", .properties = {
      {"Action", "lambda:InvokeFunction"}, {"FunctionName", "f"}, {"Principal", "sns.amazonaws.com"}}});
  Tags::of(app).add("team", "payments");
  Tags::of(stack).add("stage", "dev");
  Tags::of(group).add("stage", "prod");
  Tags::of(group).remove("team");
  (void)queue, (void)topic, (void)param, (void)untaggable;

  auto assembly = synthesize(app);
  const auto& resources = assembly.stacks.at(0).document["Resources"];
  CHECK(resources["GQueue"]["Properties"]["Tags"] == nlohmann::ordered_json::parse(R"([{"Key":"stage","Value":"prod"}])"));
  CHECK(resources["Topic"]["Properties"]["Tags"] ==
        nlohmann::ordered_json::parse(R"([{"Key":"stage","Value":"dev"},{"Key":"team","Value":"payments"}])"));
  CHECK(resources["Param"]["Properties"]["Tags"] == nlohmann::ordered_json::parse(R"({"stage":"dev","team":"payments"})"));
  CHECK_FALSE(resources["Perm"]["Properties"].contains("Tags"));
}

TEST_CASE("keeps a Tags entry the resource sets itself over an inherited one", "[core][construct][tags]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue",
                                   .properties = {{"Tags", Value::list({Value::map({{"Key", "team"}, {"Value", "own"}})})}}});
  Tags::of(stack).add("team", "inherited");
  Tags::of(stack).add("cost", "42");
  auto assembly = synthesize(app);
  CHECK(assembly.stacks.at(0).document["Resources"]["Queue"]["Properties"]["Tags"] ==
        nlohmann::ordered_json::parse(R"([{"Key":"cost","Value":"42"},{"Key":"team","Value":"own"}])"));
}
