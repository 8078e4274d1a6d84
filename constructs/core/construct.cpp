#include "constructs/core/construct.hpp"

#include <algorithm>

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

Construct::Construct() : node_(this, nullptr, "") {}

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
