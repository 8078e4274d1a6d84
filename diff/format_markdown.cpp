#include <sstream>

#include "diff/diff_engine.hpp"
#include "diff/format.hpp"
#include "diff/value_diff.hpp"

namespace formwork::diff {
namespace {

// Inline code that survives tables: "|" escaped, a backtick inside widens the fence.
std::string code(const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  std::string fence = text.find('`') == std::string::npos ? "`" : "`` ";
  std::string close = fence == "`" ? "`" : " ``";
  return fence + escaped + close;
}

std::string sign(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "➕";
    case ChangeKind::Removed: return "➖";
    case ChangeKind::Modified: return "✏️";
  }
  return "";
}

std::string joined(const std::vector<std::string>& parts, const char* separator = "; ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string replacement_cell(const ResourceDiff& r) {
  switch (r.replacement) {
    case Replacement::Replaces: return "**replaced**: " + joined(r.replacement_reasons);
    case Replacement::MayReplace: return "**may be replaced**: " + joined(r.replacement_reasons);
    case Replacement::Unknown: return "unknown";
    case Replacement::None: break;
  }
  return r.kind == ChangeKind::Modified ? "no" : "";
}

void write_change(std::ostream& out, const Change& c, const char* indent) {
  auto path = display_path(c);
  out << indent << "- " << sign(c.kind) << (path.empty() ? "" : " " + code(path)) << ": ";
  if (c.kind == ChangeKind::Modified)
    out << code(render_value(*c.old_value)) << " → " << code(render_value(*c.new_value));
  else out << code(render_value(c.kind == ChangeKind::Added ? *c.new_value : *c.old_value));
  out << "\n";
}

void write_callouts(std::ostream& out, const DiffResult& result) {
  std::vector<std::string> replacements, security;
  for (const auto& stack : result.stacks) {
    for (const auto& r : stack.resources)
      if (r.replacement == Replacement::Replaces || r.replacement == Replacement::MayReplace)
        replacements.push_back(code(stack.name + "/" + r.logical_id) + " (" + code(r.type) + ") " +
                               (r.replacement == Replacement::Replaces ? "is replaced" : "may be replaced") + ": " +
                               joined(r.replacement_reasons));
    for (const auto& c : stack.security) {
      std::string line = sign(c.change) + " " + code(stack.name) + " " + holder(c) + ": " + code(describe(c));
      if (!c.widening.empty()) {
        std::vector<std::string> items;
        for (const auto& w : c.widening) items.push_back(code(w));
        line += " — **widens access:** " + joined(items, ", ");
      }
      security.push_back(line);
    }
  }
  if (replacements.empty() && security.empty()) return;
  out << "> [!CAUTION]\n";
  if (!replacements.empty()) {
    out << "> **Replacements** (the resource is deleted and created again)\n>\n";
    for (const auto& line : replacements) out << "> - " << line << "\n";
    if (!security.empty()) out << ">\n";
  }
  if (!security.empty()) {
    out << "> **Security changes**\n>\n";
    for (const auto& line : security) out << "> - " << line << "\n";
  }
  out << "\n";
}

void write_stack(std::ostream& out, const StackDiff& stack) {
  auto summary = stack.summary();
  out << "### " << stack.name << (stack.new_stack ? " (new stack)" : "") << "\n\n";
  if (!summary.any()) {
    out << "No differences.\n\n";
    return;
  }
  out << summary.text() << "\n\n";
  if (!stack.resources.empty()) {
    out << "<details><summary>Resources (" << stack.resources.size() << ")</summary>\n\n";
    out << "| | Logical ID | Type | Replacement |\n|---|---|---|---|\n";
    for (const auto& r : stack.resources) {
      std::string id = code(r.logical_id);
      if (!r.renamed_from.empty()) id += " (was " + code(r.renamed_from) + ")";
      out << "| " << marker(r.kind) << " | " << id << " | " << code(r.type) << " | " << replacement_cell(r) << " |\n";
    }
    bool any_changes = false;
    for (const auto& r : stack.resources) any_changes = any_changes || !r.changes.empty();
    if (any_changes) out << "\n";
    for (const auto& r : stack.resources) {
      if (r.changes.empty()) continue;
      out << "- " << sign(r.kind) << " " << code(r.logical_id) << "\n";
      for (const auto& c : r.changes) write_change(out, c, "  ");
    }
    out << "\n</details>\n\n";
  }
  if (!stack.elements.empty()) {
    out << "<details><summary>Parameters, outputs, conditions, mappings (" << stack.elements.size()
        << ")</summary>\n\n";
    for (const auto& e : stack.elements) {
      out << "- " << sign(e.kind) << " " << element_noun(e.section) << " " << code(e.name);
      if (e.kind != ChangeKind::Modified)
        out << ": " << code(render_value(e.kind == ChangeKind::Added ? *e.new_value : *e.old_value));
      out << "\n";
      for (const auto& c : e.changes) write_change(out, c, "  ");
    }
    out << "\n</details>\n\n";
  }
}

}  // namespace

std::string format_markdown(const DiffResult& result) {
  std::ostringstream out;
  auto total = result.summary();
  out << "## formwork diff: " << total.text() << "\n\n";
  write_callouts(out, result);
  out << "| Stack | Add | Change | Replace | Remove | Other | Security |\n";
  out << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& stack : result.stacks) {
    auto s = stack.summary();
    out << "| " << stack.name << (stack.new_stack ? " (new)" : "") << " | " << s.add << " | " << s.change << " | "
        << s.replace << " | " << s.remove << " | " << s.other << " | " << s.security
        << (s.widening > 0 ? " (" + std::to_string(s.widening) + " widening)" : "") << " |\n";
  }
  out << "\n";
  for (const auto& stack : result.stacks) write_stack(out, stack);
  return out.str();
}

}  // namespace formwork::diff
