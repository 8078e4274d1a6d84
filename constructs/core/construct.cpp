#include "constructs/core/construct.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "constructs/core/errors.hpp"

namespace formwork {

std::string Node::path() const {
  std::vector<const Node*> chain;
  for (const Node* n = this; n->scope_ != nullptr; n = &n->scope_->node()) chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!out.empty()) out += '/';
    out += (*it)->id_;
  }
  return out;
}

Construct* Node::try_find_child(std::string_view id) const {
  for (const auto& child : children_)
    if (child->node().id() == id) return child.get();
  return nullptr;
}

Construct& Node::find_child(std::string_view id) const {
  if (Construct* child = try_find_child(id)) return *child;
  throw UsageError("NoSuchChild", path(), "no child with id '" + std::string(id) + "'");
}

Construct* Node::try_find_path(std::string_view relative_path) const {
  const Node* current = this;
  Construct* found = self_;
  while (!relative_path.empty()) {
    auto slash = relative_path.find('/');
    auto part = relative_path.substr(0, slash);
    found = current->try_find_child(part);
    if (found == nullptr) return nullptr;
    current = &found->node();
    relative_path = slash == std::string_view::npos ? std::string_view() : relative_path.substr(slash + 1);
  }
  return found;
}

void Node::for_each(const std::function<void(Construct&)>& visit) const {
  visit(*self_);
  for (const auto& child : children_) child->node().for_each(visit);
}

namespace {

/// What std::terminate does in a program that built a construct tree: an exception that
/// escaped main (a duplicate id, a bad value raised while the app builds its stacks, before
/// run_cli could catch it) becomes one `error:` line per line of its message, and exit 2 —
/// the same as every other mistake — instead of an abort.
[[noreturn]] void report_uncaught_error() {
  if (auto current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::exception& e) {
      std::fflush(stdout);
      std::string text = e.what();
      for (std::size_t start = 0; start <= text.size();) {
        auto end = text.find('\n', start);
        std::fprintf(stderr, "error: %s\n", text.substr(start, end - start).c_str());
        if (end == std::string::npos) break;
        start = end + 1;
      }
      std::fflush(stderr);
      std::_Exit(2);
    } catch (...) {
    }
  }
  std::abort();
}

}  // namespace

void Construct::adopt_child(std::unique_ptr<Construct> child) { node_.children_.push_back(std::move(child)); }

Construct::Construct() : node_(this, nullptr, "") { std::set_terminate(report_uncaught_error); }

Construct::Construct(Construct& scope, std::string_view id) : node_(this, &scope, std::string(id)) {
  if (id.empty()) throw UsageError("InvalidId", scope.node().path(), "a construct id must not be empty");
  if (id.find('/') != std::string_view::npos)
    throw UsageError("InvalidId", scope.node().path(), "construct id '" + std::string(id) + "' must not contain '/'");
  if (scope.node().try_find_child(id) != nullptr)
    throw UsageError("DuplicateId", scope.node().path(),
                     "there is already a construct with id '" + std::string(id) + "' in this scope");
}

void Tags::add(std::string key, std::string value) {
  auto& tags = scope_.node().tags_;
  auto it = std::find_if(tags.begin(), tags.end(), [&](const auto& t) { return t.first == key; });
  if (it != tags.end()) it->second = std::move(value);
  else tags.emplace_back(std::move(key), std::move(value));
}

void Tags::remove(std::string key) { scope_.node().removed_tags_.push_back(std::move(key)); }

}  // namespace formwork
