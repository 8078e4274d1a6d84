#pragma once

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
};

/// The root of the construct tree: holds the stacks.
///
///   formwork::App app;
///   app.add<OrdersStack>("Orders");
///   return formwork::run_cli(app, argc, argv);
class App : public Construct {
 public:
  using Props = AppProps;
  explicit App(AppProps props = {}) : props_(props) {}

  [[nodiscard]] LogicalIdStyle logical_id_style() const { return props_.logical_ids; }
  /// Every stack in the tree, in construction order.
  [[nodiscard]] std::vector<Stack*> stacks() const;

 private:
  AppProps props_;
};

}  // namespace formwork
