// The template's YAML comments, found next to the keys of its elements.
#include "import/detail/stack_writer.hpp"

namespace formwork::importer::detail {

std::vector<std::string> comments_at(const std::vector<std::string>& lines, int line, const std::string& key) {
  std::vector<std::string> out;
  if (line <= 0 || static_cast<std::size_t>(line) > lines.size()) return out;
  auto trimmed = [&lines](int n) {  // 1-based
    const std::string& text = lines[static_cast<std::size_t>(n) - 1];
    const auto start = text.find_first_not_of(" \t");
    return start == std::string::npos ? std::string() : text.substr(start);
  };
  // The value starts on `line`; its key is there or on a line above it.
  int key_line = 0;
  for (int n = line; n >= 1 && n >= line - 3 && key_line == 0; --n) {
    const std::string t = trimmed(n);
    for (const std::string& form : {key + ":", "\"" + key + "\":", "'" + key + "':"})
      if (t.rfind(form, 0) == 0) key_line = n;
  }
  if (key_line == 0) return out;
  for (int n = key_line - 1; n >= 1; --n) {
    const std::string t = trimmed(n);
    if (t.empty() || t[0] != '#') break;
    out.insert(out.begin(), t.substr(1));
  }
  const std::string own = trimmed(key_line);
  if (const auto hash = own.find(" #"); hash != std::string::npos && own.find_first_of("\"'") == std::string::npos)
    out.push_back(own.substr(hash + 2));
  return out;
}

}  // namespace formwork::importer::detail
