#include <charconv>
#include <cstdlib>

#include "vtl/detail/parser.hpp"
#include "vtl/vtl.hpp"

namespace formwork::vtl::detail {

namespace {
ExprPtr make(ExprKind kind, Pos pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

ExprPtr binary(std::string op, ExprPtr left, ExprPtr right, Pos pos) {
  auto e = make(ExprKind::Binary, pos);
  e->op = std::move(op);
  e->left = std::move(left);
  e->right = std::move(right);
  return e;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

void Parser::skip_space() {
  while (p_ < end_ && (src_[p_] == ' ' || src_[p_] == '\t' || src_[p_] == '\n' || src_[p_] == '\r')) ++p_;
}

bool Parser::keyword(std::string_view word) {
  skip_space();
  if (src_.substr(p_, word.size()) != word || p_ + word.size() > end_) return false;
  std::size_t after = p_ + word.size();
  if (after < end_ && is_ident_char(src_[after])) return false;
  p_ = after;
  return true;
}

bool Parser::symbol(std::string_view sym) {
  skip_space();
  if (p_ + sym.size() > end_ || src_.substr(p_, sym.size()) != sym) return false;
  p_ += sym.size();
  return true;
}

void Parser::expect(char c, std::string_view what) {
  skip_space();
  if (peek() != c) {
    std::string got = p_ < end_ ? std::string("'") + src_[p_] + "'" : std::string("the end of the template");
    fail(p_, std::string("expected '") + c + "' " + std::string(what) + ", got " + got);
  }
  ++p_;
}

ExprPtr Parser::parse_expr() {
  if (++depth_ > 64) fail(p_, "expression nested deeper than 64 levels");
  skip_space();
  Pos at = pos(p_);
  auto left = parse_and();
  while (symbol("||") || keyword("or")) left = binary("||", std::move(left), parse_and(), at);
  --depth_;
  return left;
}

ExprPtr Parser::parse_and() {
  skip_space();
  Pos at = pos(p_);
  auto left = parse_equality();
  while (symbol("&&") || keyword("and")) left = binary("&&", std::move(left), parse_equality(), at);
  return left;
}

ExprPtr Parser::parse_equality() {
  skip_space();
  Pos at = pos(p_);
  auto left = parse_relational();
  for (;;) {
    if (symbol("==") || keyword("eq")) {
      left = binary("==", std::move(left), parse_relational(), at);
    } else if (symbol("!=") || keyword("ne")) {
      left = binary("!=", std::move(left), parse_relational(), at);
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_relational() {
  skip_space();
  Pos at = pos(p_);
  auto left = parse_additive();
  for (;;) {
    std::string op;
    if (symbol("<=") || keyword("le")) op = "<=";
    else if (symbol(">=") || keyword("ge")) op = ">=";
    else if (symbol("<") || keyword("lt")) op = "<";
    else if (symbol(">") || keyword("gt")) op = ">";
    else return left;
    left = binary(op, std::move(left), parse_additive(), at);
  }
}

ExprPtr Parser::parse_additive() {
  skip_space();
  Pos at = pos(p_);
  auto left = parse_multiplicative();
  for (;;) {
    skip_space();
    if (peek() == '+') {
      ++p_;
      left = binary("+", std::move(left), parse_multiplicative(), at);
    } else if (peek() == '-') {
      ++p_;
      left = binary("-", std::move(left), parse_multiplicative(), at);
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_multiplicative() {
  skip_space();
  Pos at = pos(p_);
  auto left = parse_unary();
  for (;;) {
    skip_space();
    char c = peek();
    if (c == '*' || c == '/' || c == '%') {
      ++p_;
      left = binary(std::string(1, c), std::move(left), parse_unary(), at);
    } else {
      return left;
    }
  }
}

ExprPtr Parser::parse_unary() {
  skip_space();
  Pos at = pos(p_);
  bool bang = peek() == '!' && peek(1) != '=';
  if (bang || keyword("not")) {
    if (bang) ++p_;
    auto e = make(ExprKind::Not, at);
    e->items.push_back(parse_unary());
    return e;
  }
  return parse_primary();
}

std::vector<ExprPtr> Parser::parse_args() {
  std::vector<ExprPtr> args;
  skip_space();
  if (peek() == ')') {
    ++p_;
    return args;
  }
  for (;;) {
    args.push_back(parse_expr());
    skip_space();
    if (peek() == ',') {
      ++p_;
      continue;
    }
    expect(')', "to close the argument list");
    return args;
  }
}

ExprPtr Parser::parse_number() {
  std::size_t start = p_;
  if (peek() == '-') ++p_;
  while (is_digit(peek())) ++p_;
  bool real = false;
  if (peek() == '.' && is_digit(peek(1))) {
    real = true;
    ++p_;
    while (is_digit(peek())) ++p_;
  }
  if ((peek() == 'e' || peek() == 'E') && (is_digit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && is_digit(peek(2))))) {
    real = true;
    p_ += 2;
    while (is_digit(peek())) ++p_;
  }
  std::string text(src_.substr(start, p_ - start));
  auto e = make(ExprKind::Literal, pos(start));
  if (real) {
    e->literal = Value::real(std::strtod(text.c_str(), nullptr));
  } else {
    std::int64_t v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc()) fail(start, "integer " + text + " is outside the range of a Java long");
    e->literal = Value::integer(v);
  }
  return e;
}

ExprPtr Parser::parse_string(char quote) {
  std::size_t start = p_;
  ++p_;
  std::size_t content = p_;
  for (;;) {
    if (p_ >= end_) fail(start, "unterminated string literal");
    if (src_[p_] == quote) {
      if (peek(1) == quote) {
        p_ += 2;
        continue;
      }
      break;
    }
    ++p_;
  }
  std::size_t content_end = p_;
  ++p_;
  std::string_view raw = src_.substr(content, content_end - content);
  if (quote == '"' && raw.find_first_of("$#") != std::string_view::npos) {
    auto e = make(ExprKind::Interpolated, pos(start));
    Parser inner = sub(content, content_end);
    e->body = inner.parse_all();
    return e;
  }
  std::string value;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    value += raw[k];
    if (raw[k] == quote && k + 1 < raw.size() && raw[k + 1] == quote) ++k;
  }
  auto e = make(ExprKind::Literal, pos(start));
  e->literal = Value::string(std::move(value));
  return e;
}

ExprPtr Parser::parse_primary() {
  skip_space();
  std::size_t start = p_;
  Pos at = pos(p_);
  char c = peek();
  if (c == '(') {
    ++p_;
    auto e = parse_expr();
    expect(')', "to close '('");
    return e;
  }
  if (c == '$') {
    auto ref = try_reference();
    if (!ref) fail(start, "expected a reference after '$'");
    auto e = make(ExprKind::Ref, at);
    e->ref = std::move(*ref);
    return e;
  }
  if (c == '"' || c == '\'') return parse_string(c);
  if (is_digit(c) || (c == '-' && is_digit(peek(1)))) return parse_number();
  if (c == '[') {
    ++p_;
    skip_space();
    auto e = make(ExprKind::List, at);
    if (peek() == ']') {
      ++p_;
      return e;
    }
    e->items.push_back(parse_expr());
    if (symbol("..")) {
      e->kind = ExprKind::Range;
      e->items.push_back(parse_expr());
      expect(']', "to close the range");
      return e;
    }
    while (symbol(",")) e->items.push_back(parse_expr());
    expect(']', "to close the list");
    return e;
  }
  if (c == '{') {
    ++p_;
    auto e = make(ExprKind::Map, at);
    skip_space();
    if (peek() == '}') {
      ++p_;
      return e;
    }
    do {
      e->items.push_back(parse_expr());
      expect(':', "between a map key and its value");
      e->items.push_back(parse_expr());
    } while (symbol(","));
    expect('}', "to close the map");
    return e;
  }
  if (keyword("true") || keyword("false")) {
    auto e = make(ExprKind::Literal, at);
    e->literal = Value::boolean(src_[start] == 't');
    return e;
  }
  std::string got = p_ < end_ ? std::string("'") + src_[p_] + "'" : std::string("the end of the template");
  fail(start, "expected a value (reference, string, number, list, map, true or false), got " + got);
}

}  // namespace formwork::vtl::detail
