#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "constructs/core/construct.hpp"

namespace formwork {

class Stack;

/// How logical IDs are made from construct paths.
enum class LogicalIdStyle {
  /// PascalCase of the path inside the stack without `Resource`/`Default` and without a
  /// hash: `Square/ServiceRole/Resource` -> `SquareServiceRole`. A collision is an error.
  Readable,
  /// Exactly as AWS CDK allocates them (path components joined, plus the first 8 hex digits
  /// of their MD5): `Queue/Resource` -> `Queue4A7E3555`. For stacks moving from CDK, so that
  /// CloudFormation does not replace their resources.
  CdkCompatible,
};

struct AppProps {
  /// Default: readable logical IDs.
  LogicalIdStyle logical_ids = LogicalIdStyle::Readable;
  /// Context values the code gives itself; the project file and the command line override
  /// them (`App::context`). Default: none.
  std::vector<std::pair<std::string, std::string>> context = {};
};

/// The root of the construct tree: holds the stacks.
///
///   formwork::App app;
///   app.add<OrdersStack>("Orders");
///   return formwork::run_cli(app, argc, argv);
class App : public Construct {
 public:
  using Props = AppProps;
  /// Reads the context: AppProps::context, then the "context" object of the formwork.json in
  /// the current folder (where the formwork tool runs the app), then FORMWORK_CONTEXT (a JSON
  /// object), which run_cli sets from the command line's `--context KEY=VALUE`.
  explicit App(AppProps props = {});

  [[nodiscard]] LogicalIdStyle logical_id_style() const { return props_.logical_ids; }
  /// A context value, so that one app synthesizes `dev` and `prod`:
  ///   `formwork synth --context stage=prod` -> App::of(*this).context("stage") == "prod".
  [[nodiscard]] std::optional<std::string> context(std::string_view key) const;
  /// Every context value, sorted by key.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& context() const { return context_; }
  /// The app at the root of `scope`'s tree.
  [[nodiscard]] static const App& of(const Construct& scope);
  /// Every stack in the tree, in construction order.
  [[nodiscard]] std::vector<Stack*> stacks() const;

 private:
  AppProps props_;
  std::vector<std::pair<std::string, std::string>> context_;
};

}  // namespace formwork
