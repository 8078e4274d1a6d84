#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace formwork {

class Construct;

/// The tree side of a construct: id, path, children, validations, tags.
/// Reached through `construct.node()`, as in aws/constructs.
class Node {
 public:
  using Validation = std::function<std::vector<std::string>()>;

  [[nodiscard]] const std::string& id() const { return id_; }
  /// `AsyncSquareApi/Square/ServiceRole`: the ids from the app (excluded) down to this construct.
  [[nodiscard]] std::string path() const;
  [[nodiscard]] Construct* scope() const { return scope_; }
  [[nodiscard]] const std::vector<std::unique_ptr<Construct>>& children() const { return children_; }

  /// The child with this id; throws UsageError naming this path when there is none.
  [[nodiscard]] Construct& find_child(std::string_view id) const;
  [[nodiscard]] Construct* try_find_child(std::string_view id) const;
  /// A descendant by relative path (`Square/ServiceRole`), or nullptr.
  [[nodiscard]] Construct* try_find_path(std::string_view relative_path) const;

  /// Registers a check that runs at synthesis, once the tree is complete. It returns one
  /// message per problem (without the path, which synthesis adds); empty when all is well.
  void add_validation(Validation validation) { validations_.push_back(std::move(validation)); }
  [[nodiscard]] const std::vector<Validation>& validations() const { return validations_; }

  /// Tags set on this scope with Tags::of(scope); applied to every taggable resource below it.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& tags() const { return tags_; }
  [[nodiscard]] const std::vector<std::string>& removed_tags() const { return removed_tags_; }

  /// Visits this construct and every descendant, parents before children, in insertion order.
  void for_each(const std::function<void(Construct&)>& visit) const;

 private:
  friend class Construct;
  friend class Tags;
  Node(Construct* self, Construct* scope, std::string id) : self_(self), scope_(scope), id_(std::move(id)) {}

  Construct* self_;
  Construct* scope_;
  std::string id_;
  std::vector<std::unique_ptr<Construct>> children_;
  std::vector<Validation> validations_;
  std::vector<std::pair<std::string, std::string>> tags_;
  std::vector<std::string> removed_tags_;
};

template <class T>
concept HasProps = requires { typename T::Props; };

/// A node of the construct tree. The tree owns its constructs: create one with
/// `scope.add<T>(id, props)`, which returns a reference to it.
///
///   auto& queue = stack.add<sqs::Queue>("Orders", {.fifo = true});
class Construct {
 public:
  virtual ~Construct() = default;
  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;
  Construct(Construct&&) = delete;
  Construct& operator=(Construct&&) = delete;

  [[nodiscard]] Node& node() { return node_; }
  [[nodiscard]] const Node& node() const { return node_; }

  /// Creates a child construct of type T, owned by this one.
  template <class T>
    requires HasProps<T>
  T& add(std::string_view id, typename T::Props props = {}) {
    return adopt(std::make_unique<T>(*this, id, std::move(props)));
  }
  template <class T>
    requires(!HasProps<T>)
  T& add(std::string_view id) {
    return adopt(std::make_unique<T>(*this, id));
  }

  /// Called on every construct, children first, before synthesis validates and resolves:
  /// the place for work that needs the finished tree (a hash over an API's methods).
  virtual void prepare() {}

 protected:
  /// A construct under `scope`. The id must be non-empty, without '/', unique among siblings.
  Construct(Construct& scope, std::string_view id);
  /// The root of a tree (an App). From then on an exception that escapes main is reported as
  /// one `error:` line per line of its message, with exit code 2 (std::set_terminate).
  Construct();

 private:
  template <class T>
  T& adopt(std::unique_ptr<T> child) {
    T& ref = *child;
    adopt_child(std::unique_ptr<Construct>(child.release()));
    return ref;
  }
  // Out of line, so that the vector of children is instantiated in the library once, not in
  // every file of a user's app that adds a construct.
  void adopt_child(std::unique_ptr<Construct> child);

  Node node_;
};

/// Tags for every taggable resource under a scope: `Tags::of(stack).add("team", "payments")`.
/// A tag set on an inner scope wins over the same key set further out.
class Tags {
 public:
  [[nodiscard]] static Tags of(Construct& scope) { return Tags(scope); }
  void add(std::string key, std::string value);
  /// Removes a key set further out, for this scope and below.
  void remove(std::string key);

 private:
  explicit Tags(Construct& scope) : scope_(scope) {}
  Construct& scope_;
};

}  // namespace formwork
