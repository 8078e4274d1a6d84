// libFuzzer target: the template reader (YAML and JSON), then the writers on what it read,
// which must read back to the same document.
#include <cstdlib>

#include "constructs/core/yaml_writer.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = formwork::fuzz::read(formwork::fuzz::as_text(data, size), "fuzz.yaml");
  if (!file) return 0;
  const std::string yaml = formwork::to_yaml(file->document);
  const std::string json = formwork::to_json_text(file->document);
  auto again = formwork::fuzz::read(yaml, "again.yaml");
  // What formwork writes, formwork reads back (NaN is never equal to itself, so compare the text).
  if (!again || formwork::to_json_text(again->document) != json) std::abort();
  return 0;
}
