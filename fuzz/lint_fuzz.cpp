// libFuzzer target: formwork's own lint rules on any template the reader accepts.
#include "fuzz/fuzz_support.hpp"
#include "lint/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = formwork::fuzz::read(formwork::fuzz::as_text(data, size), "fuzz.yaml");
  if (!file) return 0;
  auto findings = formwork::lint::lint_template(*file, {.body_bytes = size});
  for (const auto& finding : findings) (void)formwork::lint::format_finding(finding);
  return 0;
}
