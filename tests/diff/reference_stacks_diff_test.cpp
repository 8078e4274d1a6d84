// Each output format on a real change of a reference stack: the committed
// templates/<Stack>.yaml against a copy with more memory for its function and its queue
// switched to FIFO.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "constructs/core/template_reader.hpp"
#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

struct Modified {
  std::string function;  ///< logical ID of the function whose memory was raised ("" when none)
  int old_memory = 0;
  int new_memory = 0;
  bool had_memory = false;  ///< false: MemorySize is added (the default was 128)
  std::string queue;  ///< logical ID of the queue made FIFO ("" when none)
};

// Writes the modified copy of `original` to `target`.
Modified modify(const fs::path& original, const fs::path& target) {
  auto file = formwork::read_template(original.string());
  auto& resources = file.document["Resources"];
  Modified out;
  for (auto& [id, resource] : resources.items()) {
    if (out.function.empty() && resource["Type"] == "AWS::Lambda::Function") {
      auto& properties = resource["Properties"];
      out.function = id;
      out.had_memory = properties.contains("MemorySize");
      const auto& memory = properties.contains("MemorySize") ? properties["MemorySize"] : nlohmann::ordered_json(128);
      out.old_memory = memory.is_string() ? std::stoi(memory.get<std::string>()) : memory.get<int>();
      out.new_memory = out.old_memory + 256;
      properties["MemorySize"] = out.new_memory;
    }
    if (out.queue.empty() && resource["Type"] == "AWS::SQS::Queue") {
      out.queue = id;
      auto& properties = resource["Properties"];
      properties["FifoQueue"] = true;
      std::string name = properties.contains("QueueName") && properties["QueueName"].is_string()
                             ? properties["QueueName"].get<std::string>()
                             : id;
      properties["QueueName"] = name + ".fifo";
    }
  }
  write_file(target, file.document.dump(2));
  return out;
}

template <typename Check>
void for_each_reference_stack(Check check) {
  for (const char* stack : {"AsyncSquareApi", "LambdaAsyncDlq", "SnsToLambda", "SqsToLambda"}) {
    auto original = source_dir() / "templates" / (std::string(stack) + ".yaml");
    if (!fs::exists(original)) {
      WARN("skipped: " << original << " does not exist yet");
      continue;
    }
    TempDir dir;
    auto changed = dir.path() / (std::string(stack) + ".json");
    auto modified = modify(original, changed);
    INFO(stack);
    check(stack, original.string(), changed.string(), modified);
  }
}

formwork::process::RunResult diff(const std::string& format, const std::string& before, const std::string& after) {
  return run({formwork_bin(), "diff", "--format", format, before, after});
}

}  // namespace

TEST_CASE("text output of a reference stack shows the memory change and the FIFO replacement", "[diff][reference]") {
  for_each_reference_stack([](const std::string&, const std::string& before, const std::string& after,
                              const Modified& m) {
    auto result = diff("text", before, after);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    if (!m.function.empty()) {
      CHECK(result.out.find("    ~ " + m.function + " AWS::Lambda::Function\n") != std::string::npos);
      auto line = m.had_memory ? "        ~ MemorySize: " + std::to_string(m.old_memory) + " → " + std::to_string(m.new_memory)
                               : "        + MemorySize: " + std::to_string(m.new_memory);
      CHECK(result.out.find(line + "\n") != std::string::npos);
    }
    if (!m.queue.empty()) {
      CHECK(result.out.find("    ~ " + m.queue + " AWS::SQS::Queue  REPLACED: ") != std::string::npos);
      CHECK(result.out.find("FifoQueue is create-only") != std::string::npos);
      CHECK(result.out.find("        + FifoQueue: true\n") != std::string::npos);
    }
    CHECK(result.out.find("Security") == std::string::npos);  // nothing about access changed
  });
}

TEST_CASE("markdown output of a reference stack calls out the FIFO replacement", "[diff][reference]") {
  for_each_reference_stack([](const std::string& stack, const std::string& before, const std::string& after,
                              const Modified& m) {
    auto result = diff("markdown", before, after);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    auto name = fs::path(after).stem().string();
    CHECK(name == stack);
    if (!m.queue.empty()) {
      CHECK(result.out.find("> **Replacements** (the resource is deleted and created again)") != std::string::npos);
      CHECK(result.out.find("> - `" + name + "/" + m.queue + "` (`AWS::SQS::Queue`) is replaced: ") !=
            std::string::npos);
    }
    if (!m.function.empty()) {
      auto line = m.had_memory ? "  - ✏️ `MemorySize`: `" + std::to_string(m.old_memory) + "` → `" +
                                     std::to_string(m.new_memory) + "`"
                               : "  - ➕ `MemorySize`: `" + std::to_string(m.new_memory) + "`";
      CHECK(result.out.find(line + "\n") != std::string::npos);
    }
  });
}

TEST_CASE("json output of a reference stack has the memory change and the FIFO replacement", "[diff][reference]") {
  for_each_reference_stack([](const std::string&, const std::string& before, const std::string& after,
                              const Modified& m) {
    auto result = diff("json", before, after);
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    int changed = 0;
    for (const auto& r : json["stacks"][0]["resources"]) {
      ++changed;
      CHECK(r["change"] == "modified");
      if (r["logical_id"] == m.function) {
        CHECK(r["replacement"] == "none");
        bool memory = false;
        for (const auto& c : r["changes"])
          memory = memory || (c["path"] == "Properties.MemorySize" && c["new"] == m.new_memory);
        CHECK(memory);
      } else if (r["logical_id"] == m.queue) {
        CHECK(r["replacement"] == "replace");
      } else {
        FAIL("unexpected change to " << r["logical_id"]);
      }
    }
    CHECK(changed == !m.function.empty() + !m.queue.empty());
    CHECK(json["summary"]["replace"] == (m.queue.empty() ? 0 : 1));
  });
}
