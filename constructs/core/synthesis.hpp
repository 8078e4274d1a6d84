#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork {

class App;
class Stack;

/// One stack's template, ready to write.
struct SynthesizedStack {
  std::string name;                               ///< the CloudFormation stack name
  const Stack* stack = nullptr;                   ///< the construct it came from
  nlohmann::ordered_json document;                ///< the template, long-form intrinsics
  std::map<std::string, std::string> comments;    ///< logical ID -> one-line comment
  std::vector<std::string> dependencies;          ///< stacks to deploy before this one
  std::map<std::string, std::string> construct_paths;  ///< logical ID -> construct path inside the stack
};

/// Every stack of an app, in an order where each comes after the stacks it depends on.
struct CloudAssembly {
  std::vector<SynthesizedStack> stacks;
  /// The stack with this name, or nullptr.
  [[nodiscard]] const SynthesizedStack* find(const std::string& name) const;
};

/// Synthesizes the app, a pure function of the tree: runs every construct's prepare(), then
/// every validation (throwing one ValidationError that lists all problems, each with its
/// path), then resolves tokens and builds the documents. Throws SynthError for logical ID
/// collisions, reference cycles and template limits.
[[nodiscard]] CloudAssembly synthesize(App& app);

enum class TemplateFormat { Yaml, Json };

struct RenderOptions {
  /// Default: YAML.
  TemplateFormat format = TemplateFormat::Yaml;
  /// A header and a comment above each resource (YAML only). Default: on.
  bool comments = true;
};

/// The text of one stack's template.
[[nodiscard]] std::string render(const SynthesizedStack& stack, const RenderOptions& options = {});
/// `Name.yaml` or `Name.json`.
[[nodiscard]] std::string template_file_name(const SynthesizedStack& stack, TemplateFormat format);

/// Writes the named stacks (all when `names` is empty) into `directory`. Everything is
/// rendered before anything is written, and each file is written to a temporary file and
/// renamed, so a failure leaves the folder as it was. Returns the paths written.
std::vector<std::filesystem::path> write_templates(const CloudAssembly& assembly, const std::filesystem::path& directory,
                                                   const RenderOptions& options = {},
                                                   const std::vector<std::string>& names = {});

/// Writes `text` to `path` atomically (temporary file in the same folder, then rename).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace formwork
