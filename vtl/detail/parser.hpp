#pragma once

// The recursive-descent parser of templates (parser.cpp) and expressions (expr_parser.cpp).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vtl/detail/ast.hpp"

namespace formwork::vtl::detail {

class Parser {
 public:
  Parser(std::string_view src, std::string_view name, std::size_t begin, std::size_t end, bool in_string);
  /// A parser of [begin, end) of the same source (a double-quoted string's content).
  [[nodiscard]] Parser sub(std::size_t begin, std::size_t end) const;

  /// The whole range as a block; an #else/#elseif/#end without its directive is an error.
  std::unique_ptr<Node> parse_all();

 private:
  // Templates (parser.cpp).
  std::string parse_block(Node& block);  // returns the terminator met: "end", "else", "elseif" or ""
  bool parse_hash(Node& block, std::string& text, std::string& terminator);
  std::string directive_name(std::size_t& at, bool& braced) const;
  void parse_if(Node& node);
  void parse_foreach(Node& node);
  void parse_set(Node& node);
  void parse_define(Node& node);
  void eat_line_end();
  std::optional<Reference> try_reference();
  void flush(Node& block, std::string& text);

  // Expressions (expr_parser.cpp).
  ExprPtr parse_expr();
  ExprPtr parse_and();
  ExprPtr parse_equality();
  ExprPtr parse_relational();
  ExprPtr parse_additive();
  ExprPtr parse_multiplicative();
  ExprPtr parse_unary();
  ExprPtr parse_primary();
  ExprPtr parse_string(char quote);
  ExprPtr parse_number();
  std::vector<ExprPtr> parse_args();  // after '(' up to and including ')'
  void skip_space();
  bool keyword(std::string_view word);
  bool symbol(std::string_view sym);
  void expect(char c, std::string_view what);

  [[noreturn]] void fail(std::size_t at, const std::string& message) const;
  [[noreturn]] void fail(Pos at, const std::string& message) const;
  [[nodiscard]] Pos pos(std::size_t at) const;
  [[nodiscard]] char peek(std::size_t ahead = 0) const { return p_ + ahead < end_ ? src_[p_ + ahead] : '\0'; }

  std::string_view src_;
  std::string name_;
  std::size_t p_;
  std::size_t end_;
  bool in_string_;
  int depth_ = 0;
  std::size_t terminator_at_ = 0;  // where the last #end/#else/#elseif met starts
  std::shared_ptr<const std::vector<std::size_t>> lines_;  // offsets where lines start
};

bool is_ident_start(char c);
bool is_ident_char(char c);

}  // namespace formwork::vtl::detail
