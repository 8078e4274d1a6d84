#include <algorithm>

#include "vtl/detail/parser.hpp"
#include "vtl/vtl.hpp"

namespace formwork::vtl::detail {

namespace {
constexpr int kMaxParseDepth = 64;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}
}  // namespace

bool is_ident_start(char c) { return is_letter(c) || c == '_'; }
bool is_ident_char(char c) { return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

Parser::Parser(std::string_view src, std::string_view name, std::size_t begin, std::size_t end, bool in_string)
    : src_(src), name_(name), p_(begin), end_(end), in_string_(in_string) {
  auto lines = std::make_shared<std::vector<std::size_t>>(1, 0);
  for (std::size_t k = 0; k < src.size(); ++k)
    if (src[k] == '\n') lines->push_back(k + 1);
  lines_ = std::move(lines);
}

Parser Parser::sub(std::size_t begin, std::size_t end) const {
  Parser p = *this;
  p.p_ = begin;
  p.end_ = end;
  p.in_string_ = true;
  return p;
}

Pos Parser::pos(std::size_t at) const {
  auto it = std::upper_bound(lines_->begin(), lines_->end(), at);
  std::size_t line = static_cast<std::size_t>(it - lines_->begin());
  return Pos{static_cast<int>(line), static_cast<int>(at - (*lines_)[line - 1] + 1)};
}

void Parser::fail(std::size_t at, const std::string& message) const { fail(pos(at), message); }

void Parser::fail(Pos at, const std::string& message) const { throw Error(name_, at.line, at.column, message); }

std::unique_ptr<Node> Parser::parse_all() {
  auto root = std::make_unique<Node>();
  std::string terminator = parse_block(*root);
  if (!terminator.empty()) fail(terminator_at_, "#" + terminator + " without a matching #if, #foreach or #define");
  return root;
}

void Parser::flush(Node& block, std::string& text) {
  if (text.empty()) return;
  auto node = std::make_unique<Node>();
  node->kind = NodeKind::Text;
  node->text = std::move(text);
  text.clear();
  block.children.push_back(std::move(node));
}

std::string Parser::parse_block(Node& block) {
  if (++depth_ > kMaxParseDepth) fail(p_, "directives nested deeper than 64 levels");
  std::string text;
  std::string terminator;
  while (p_ < end_ && terminator.empty()) {
    char c = src_[p_];
    if (c == '#') {
      if (!parse_hash(block, text, terminator)) text += src_[p_++];
    } else if (c == '$') {
      std::size_t at = p_;
      if (auto ref = try_reference()) {
        flush(block, text);
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Ref;
        node->pos = pos(at);
        node->ref = std::move(*ref);
        block.children.push_back(std::move(node));
      } else {
        text += src_[p_++];
      }
    } else if (c == '\\') {
      std::size_t at = p_;
      while (p_ < end_ && src_[p_] == '\\') ++p_;
      int count = static_cast<int>(p_ - at);
      if (peek() == '$') {
        if (auto ref = try_reference()) {
          flush(block, text);
          auto node = std::make_unique<Node>();
          node->kind = NodeKind::Ref;
          node->pos = pos(at);
          node->ref = std::move(*ref);
          node->escapes = count;
          block.children.push_back(std::move(node));
          continue;
        }
      } else if (peek() == '#' && (is_letter(peek(1)) || peek(1) == '{')) {
        fail(p_, "an escaped directive (\\#) is outside the VTL subset API Gateway supports");
      }
      text.append(src_.substr(at, p_ - at));
    } else if (in_string_ && c == '"' && peek(1) == '"') {
      text += '"';
      p_ += 2;
    } else {
      text += c;
      ++p_;
    }
  }
  flush(block, text);
  --depth_;
  return terminator;
}

std::string Parser::directive_name(std::size_t& at, bool& braced) const {
  at = p_ + 1;
  braced = at < end_ && src_[at] == '{';
  if (braced) ++at;
  std::size_t start = at;
  while (at < end_ && is_letter(src_[at])) ++at;
  std::string name(src_.substr(start, at - start));
  if (braced) {
    if (at >= end_ || src_[at] != '}') return "";
    ++at;
  }
  return name;
}

// At '#': a comment, unparsed content or a directive. Returns false when the '#' is plain text.
bool Parser::parse_hash(Node& block, std::string& text, std::string& terminator) {
  std::size_t start = p_;
  if (peek(1) == '#') {  // ## to the end of the line, newline included
    flush(block, text);
    while (p_ < end_ && src_[p_] != '\n') ++p_;
    if (p_ < end_) ++p_;
    return true;
  }
  if (peek(1) == '*') {
    flush(block, text);
    auto close = src_.find("*#", p_ + 2);
    if (close == std::string_view::npos || close + 2 > end_) fail(start, "unterminated #* comment");
    p_ = close + 2;
    return true;
  }
  if (peek(1) == '[' && peek(2) == '[') {
    flush(block, text);
    auto close = src_.find("]]#", p_ + 3);
    if (close == std::string_view::npos || close + 3 > end_) fail(start, "unterminated #[[ ]]# block");
    text.append(src_.substr(p_ + 3, close - p_ - 3));
    flush(block, text);
    p_ = close + 3;
    return true;
  }
  std::size_t after = 0;
  bool braced = false;
  std::string name = directive_name(after, braced);
  if (name.empty()) return false;
  if (name == "end" || name == "else" || name == "elseif") {
    flush(block, text);
    terminator_at_ = start;
    p_ = after;
    if (name != "elseif") eat_line_end();
    terminator = name;
    return true;
  }
  auto node = std::make_unique<Node>();
  node->pos = pos(start);
  if (name == "set") {
    if (all_blank(text)) text.clear();  // Velocity's #set token takes the blanks before it
    flush(block, text);
    p_ = after;
    parse_set(*node);
  } else if (name == "if") {
    flush(block, text);
    p_ = after;
    parse_if(*node);
  } else if (name == "foreach") {
    flush(block, text);
    p_ = after;
    parse_foreach(*node);
  } else if (name == "define") {
    flush(block, text);
    p_ = after;
    parse_define(*node);
  } else if (name == "macro" || name == "include" || name == "parse" || name == "evaluate" ||
             name == "stop" || name == "break" || name == "literal") {
    fail(start, "#" + name + " is outside the VTL subset API Gateway supports");
  } else {
    std::size_t look = after;
    while (look < end_ && (src_[look] == ' ' || src_[look] == '\t')) ++look;
    if (look < end_ && src_[look] == '(')
      fail(start, "#" + name + "(...) is not a directive of the VTL subset (macros are not supported)");
    text.append(src_.substr(p_, after - p_));  // Velocity renders an unknown #word as written
    p_ = after;
    return true;
  }
  block.children.push_back(std::move(node));
  return true;
}

// After a directive's ')' or #else/#end: blanks and one newline, when a newline follows.
void Parser::eat_line_end() {
  std::size_t at = p_;
  while (at < end_ && (src_[at] == ' ' || src_[at] == '\t')) ++at;
  if (at < end_ && src_[at] == '\n') {
    p_ = at + 1;
  } else if (at < end_ && src_[at] == '\r') {
    p_ = at + 1;
    if (p_ < end_ && src_[p_] == '\n') ++p_;
  }
}

void Parser::parse_set(Node& node) {
  node.kind = NodeKind::Set;
  skip_space();
  expect('(', "after #set");
  skip_space();
  std::size_t at = p_;
  auto ref = try_reference();
  if (!ref) fail(at, "#set needs a reference on its left side, like #set($x = 1)");
  if (ref->quiet) fail(at, "#set($!x ...) is not valid on the left side");
  if (!ref->segments.empty() && ref->segments.back().is_method) fail(at, "#set cannot assign to a method call");
  node.ref = std::move(*ref);
  skip_space();
  expect('=', "in #set");
  node.expr = parse_expr();
  skip_space();
  expect(')', "to close #set");
  eat_line_end();
}

void Parser::parse_if(Node& node) {
  node.kind = NodeKind::If;
  std::string terminator = "if";
  while (terminator == "if" || terminator == "elseif") {
    skip_space();
    expect('(', "after #" + terminator);
    node.conditions.push_back(parse_expr());
    skip_space();
    expect(')', "to close the condition");
    eat_line_end();
    auto branch = std::make_unique<Node>();
    terminator = parse_block(*branch);
    node.children.push_back(std::move(branch));
    if (terminator.empty()) fail(node.pos, "#if without #end");
  }
  if (terminator == "else") {
    auto branch = std::make_unique<Node>();
    terminator = parse_block(*branch);
    node.children.push_back(std::move(branch));
    if (terminator.empty()) fail(node.pos, "#if without #end");
    if (terminator != "end") fail(terminator_at_, "#" + terminator + " after #else");
  }
}

void Parser::parse_foreach(Node& node) {
  node.kind = NodeKind::Foreach;
  skip_space();
  expect('(', "after #foreach");
  skip_space();
  std::size_t at = p_;
  auto var = try_reference();
  if (!var || !var->segments.empty() || var->quiet) fail(at, "#foreach needs a variable, like #foreach($item in $list)");
  node.text = var->name;
  skip_space();
  if (!keyword("in")) fail(p_, "#foreach needs 'in' after its variable");
  node.expr = parse_expr();
  skip_space();
  expect(')', "to close #foreach");
  eat_line_end();
  auto body = std::make_unique<Node>();
  std::string terminator = parse_block(*body);
  if (terminator.empty()) fail(node.pos, "#foreach without #end");
  if (terminator != "end") fail(terminator_at_, "#" + terminator + " without #if");
  node.children.push_back(std::move(body));
}

void Parser::parse_define(Node& node) {
  node.kind = NodeKind::Define;
  skip_space();
  expect('(', "after #define");
  skip_space();
  std::size_t at = p_;
  auto var = try_reference();
  if (!var || !var->segments.empty() || var->quiet) fail(at, "#define needs a name, like #define($block)");
  node.text = var->name;
  skip_space();
  expect(')', "to close #define");
  eat_line_end();
  auto body = std::make_unique<Node>();
  std::string terminator = parse_block(*body);
  if (terminator.empty()) fail(node.pos, "#define without #end");
  if (terminator != "end") fail(terminator_at_, "#" + terminator + " without #if");
  node.children.push_back(std::move(body));
}

// At '$': a reference, or nothing (p_ unchanged) when what follows is not one ("$ 5", "$1").
std::optional<Reference> Parser::try_reference() {
  std::size_t start = p_;
  std::size_t at = p_ + 1;
  Reference ref;
  ref.pos = pos(start);
  if (at < end_ && src_[at] == '!') {
    ref.quiet = true;
    ++at;
  }
  bool braced = at < end_ && src_[at] == '{';
  if (braced) ++at;
  if (at >= end_ || !is_ident_start(src_[at])) return std::nullopt;
  std::size_t name_start = at;
  while (at < end_ && is_ident_char(src_[at])) ++at;
  ref.name = std::string(src_.substr(name_start, at - name_start));
  p_ = at;
  while (peek() == '.' && is_ident_start(peek(1))) {
    Segment seg;
    seg.pos = pos(p_ + 1);
    std::size_t s = p_ + 1;
    p_ = s;
    while (p_ < end_ && is_ident_char(src_[p_])) ++p_;
    seg.name = std::string(src_.substr(s, p_ - s));
    if (peek() == '(') {
      ++p_;
      seg.is_method = true;
      seg.args = parse_args();
    }
    ref.segments.push_back(std::move(seg));
  }
  if (peek() == '[') fail(p_, "index notation $x[...] is outside the VTL subset: use .get(...)");
  if (braced) {
    if (peek() != '}') fail(p_, "missing '}' to close ${...}");
    ++p_;
  }
  ref.text = std::string(src_.substr(start, p_ - start));
  return ref;
}

}  // namespace formwork::vtl::detail
