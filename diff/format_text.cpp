#include <sstream>

#include "diff/diff_engine.hpp"
#include "diff/format.hpp"
#include "diff/value_diff.hpp"

namespace formwork::diff {
namespace {

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  [[nodiscard]] std::string paint(const std::string& text, const char* code) const {
    return on_ ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
  [[nodiscard]] std::string kind(ChangeKind k, const std::string& text) const {
    return paint(text, k == ChangeKind::Added ? "32" : k == ChangeKind::Removed ? "31" : "33");
  }
  [[nodiscard]] std::string bold(const std::string& text) const { return paint(text, "1"); }
  [[nodiscard]] std::string warn(const std::string& text) const { return paint(text, "1;31"); }
  [[nodiscard]] std::string dim(const std::string& text) const { return paint(text, "2"); }

 private:
  bool on_;
};

void write_change(std::ostream& out, const Painter& p, const Change& c, const std::string& indent) {
  auto path = display_path(c);
  out << indent << p.kind(c.kind, std::string(marker(c.kind)) + (path.empty() ? "" : " " + path)) << ": ";
  if (c.kind == ChangeKind::Modified) out << render_value(*c.old_value) << " → " << render_value(*c.new_value);
  else if (c.kind == ChangeKind::Added) out << render_value(*c.new_value);
  else out << render_value(*c.old_value);
  out << "\n";
}

std::string replacement_note(const ResourceDiff& r) {
  std::string reasons;
  for (const auto& reason : r.replacement_reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
  switch (r.replacement) {
    case Replacement::Replaces: return "REPLACED: " + reasons;
    case Replacement::MayReplace: return "MAY BE REPLACED: " + reasons;
    case Replacement::Unknown: return "replacement unknown (" + r.type + " is not in the update-behaviour data)";
    case Replacement::None: break;
  }
  return "";
}

void write_stack(std::ostream& out, const Painter& p, const StackDiff& stack) {
  auto summary = stack.summary();
  out << p.bold("Stack " + stack.name);
  if (stack.new_stack) out << " (new stack)";
  if (!stack.old_source.empty() || !stack.new_source.empty())
    out << p.dim(" " + stack.old_source + " → " + stack.new_source);
  out << "\n";
  if (!summary.any()) {
    out << "  no differences\n";
    return;
  }
  if (!stack.security.empty()) {
    out << "  Security\n";
    for (const auto& c : stack.security) {
      out << "    " << p.kind(c.change, std::string(marker(c.change)) + " " + holder(c)) << "\n";
      out << "        " << describe(c) << "\n";
      if (!c.widening.empty()) {
        std::string what;
        for (const auto& w : c.widening) what += (what.empty() ? "" : ", ") + w;
        out << "        " << p.warn("widens access: " + what) << "\n";
      }
    }
  }
  if (!stack.resources.empty()) {
    out << "  Resources\n";
    for (const auto& r : stack.resources) {
      out << "    " << p.kind(r.kind, std::string(marker(r.kind)) + " " + r.logical_id) << " " << r.type;
      if (!r.renamed_from.empty()) out << " (was " << r.renamed_from << ")";
      if (r.replacement != Replacement::None) {
        auto note = replacement_note(r);
        out << "  " << (r.replacement == Replacement::Unknown ? p.dim(note) : p.warn(note));
      }
      out << "\n";
      for (const auto& c : r.changes) write_change(out, p, c, "        ");
    }
  }
  std::string section;
  for (const auto& e : stack.elements) {
    if (e.section != section) {
      section = e.section;
      out << "  " << section << "\n";
    }
    out << "    " << p.kind(e.kind, std::string(marker(e.kind)) + " " + e.name);
    if (e.kind == ChangeKind::Added) out << ": " << render_value(*e.new_value);
    if (e.kind == ChangeKind::Removed) out << ": " << render_value(*e.old_value);
    out << "\n";
    for (const auto& c : e.changes) write_change(out, p, c, "        ");
  }
  out << "  " << summary.text() << "\n";
}

}  // namespace

std::string format_text(const DiffResult& result, const TextOptions& options) {
  Painter p(options.color);
  std::ostringstream out;
  int changed = 0;
  for (const auto& stack : result.stacks) {
    write_stack(out, p, stack);
    out << "\n";
    if (stack.summary().any()) ++changed;
  }
  auto total = result.summary();
  out << p.bold("Total: " + total.text());
  out << " (" << changed << " of " << result.stacks.size() << (result.stacks.size() == 1 ? " stack" : " stacks")
      << " with differences";
  if (total.security > 0)
    out << "; " << total.security << " security " << (total.security == 1 ? "change" : "changes");
  if (total.widening > 0) out << ", " << p.warn(std::to_string(total.widening) + " widening access");
  out << ")\n";
  return out.str();
}

}  // namespace formwork::diff
