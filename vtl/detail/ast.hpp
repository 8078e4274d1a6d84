#pragma once

// The parsed template: a tree of nodes (text, references, directives) and expressions.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vtl/detail/value.hpp"

namespace formwork::vtl::detail {

struct Pos {
  int line = 1;
  int column = 1;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// One `.name` or `.name(args)` after a reference's identifier.
struct Segment {
  std::string name;
  bool is_method = false;
  std::vector<ExprPtr> args;
  Pos pos;
};

/// `$name.a.b(x)`, `$!name`, `${name.a}`.
struct Reference {
  std::string name;
  std::vector<Segment> segments;
  bool quiet = false;
  std::string text;  // the reference as written, rendered when its value is null
  Pos pos;
};

enum class ExprKind { Literal, Interpolated, List, Map, Range, Ref, Not, Binary };

struct Expr {
  ExprKind kind = ExprKind::Literal;
  Pos pos;
  Value literal;                                // Literal
  std::unique_ptr<Node> body;                   // Interpolated: a double-quoted string's template
  std::vector<ExprPtr> items;                   // List; Map (key, value, key, value…); Range (2); Not (1)
  Reference ref;                                // Ref
  std::string op;                               // Binary: || && == != < > <= >= + - * / %
  ExprPtr left, right;                          // Binary
};

enum class NodeKind { Block, Text, Ref, Set, If, Foreach, Define, Break };

struct Node {
  NodeKind kind = NodeKind::Block;
  Pos pos;
  std::vector<std::unique_ptr<Node>> children;  // Block; If: one Block per branch; Foreach/Define: body
  std::string text;                             // Text; Foreach variable; Define name
  Reference ref;                                // Ref (escapes = backslashes before it); Set left side
  int escapes = 0;
  ExprPtr expr;                                 // Set right side; Foreach iterable
  std::vector<ExprPtr> conditions;              // If: one per branch with a condition (#else has none)
};

/// Parses a template; throws vtl::Error with `name`, line and column.
std::unique_ptr<Node> parse(std::string_view text, std::string_view name);

}  // namespace formwork::vtl::detail
