// libFuzzer target: diff on pairs. The input is two templates separated by a line "---8<---"
// (the seed corpus pairs each repository template with an edited copy); with no separator,
// the input is diffed against itself and against nothing.
#include "diff/diff_engine.hpp"
#include "diff/format.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

void render(formwork::diff::StackDiff stack) {
  formwork::diff::DiffResult result{.stacks = {std::move(stack)}};
  (void)formwork::diff::format_text(result);
  (void)formwork::diff::format_markdown(result);
  (void)formwork::diff::format_json(result);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = formwork::fuzz::as_text(data, size);
  constexpr std::string_view separator = "\n---8<---\n";
  const auto cut = text.find(separator);
  auto before = formwork::fuzz::read(text.substr(0, cut), "before.yaml");
  auto after = cut == std::string_view::npos ? before
                                             : formwork::fuzz::read(text.substr(cut + separator.size()), "after.yaml");
  const auto* b = before ? &before->document : nullptr;
  const auto* a = after ? &after->document : nullptr;
  if (b == nullptr && a == nullptr) return 0;
  render(formwork::diff::diff_templates("Fuzz", b, a));
  if (b != nullptr) render(formwork::diff::diff_templates("Fuzz", b, nullptr));
  return 0;
}
