#include "vtl/vtl.hpp"

namespace formwork::vtl {

namespace {
std::string format(const std::string& name, int line, int column, const std::string& message) {
  std::string out = name;
  if (line > 0) out += ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  return out + ": " + message;
}
}  // namespace

Error::Error(std::string template_name, int line, int column, const std::string& message)
    : std::runtime_error(format(template_name, line, column, message)),
      template_name_(std::move(template_name)),
      line_(line),
      column_(column),
      message_(message) {}

}  // namespace formwork::vtl
