#include "diff/diff_model.hpp"

namespace formwork::diff {

const char* to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Modified: return "modified";
  }
  return "modified";
}

const char* to_string(Replacement replacement) {
  switch (replacement) {
    case Replacement::None: return "none";
    case Replacement::Replaces: return "replace";
    case Replacement::MayReplace: return "may-replace";
    case Replacement::Unknown: return "unknown";
  }
  return "unknown";
}

std::string Change::path_text() const {
  std::string out;
  for (const auto& s : path) out += (out.empty() || s.front() == '[' ? "" : ".") + s;
  return out;
}

std::string Summary::text() const {
  std::string out = std::to_string(add) + " to add, " + std::to_string(change) + " to change";
  std::string notes;
  auto note = [&](int count, const char* one, const char* many) {
    if (count > 0) notes += (notes.empty() ? "" : ", ") + std::to_string(count) + " " + (count == 1 ? one : many);
  };
  note(replace, "replacement", "replacements");
  note(may_replace, "possible replacement", "possible replacements");
  note(unknown, "replacement unknown", "replacements unknown");
  if (!notes.empty()) out += " (" + notes + ")";
  out += ", " + std::to_string(remove) + " to remove";
  return out;
}

Summary& Summary::operator+=(const Summary& o) {
  add += o.add;
  change += o.change;
  replace += o.replace;
  may_replace += o.may_replace;
  unknown += o.unknown;
  remove += o.remove;
  other += o.other;
  security += o.security;
  widening += o.widening;
  return *this;
}

Summary StackDiff::summary() const {
  Summary s;
  for (const auto& r : resources) {
    if (r.kind == ChangeKind::Added) ++s.add;
    else if (r.kind == ChangeKind::Removed) ++s.remove;
    else {
      ++s.change;
      if (r.replacement == Replacement::Replaces) ++s.replace;
      if (r.replacement == Replacement::MayReplace) ++s.may_replace;
      if (r.replacement == Replacement::Unknown) ++s.unknown;
    }
  }
  s.other = static_cast<int>(elements.size());
  s.security = static_cast<int>(security.size());
  for (const auto& c : security)
    if (!c.widening.empty()) ++s.widening;
  return s;
}

StackStatus StackDiff::status() const {
  if (new_stack) return StackStatus::New;
  return summary().any() ? StackStatus::Changed : StackStatus::Unchanged;
}

Summary DiffResult::summary() const {
  Summary s;
  for (const auto& stack : stacks) s += stack.summary();
  return s;
}

}  // namespace formwork::diff
