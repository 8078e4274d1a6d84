// libFuzzer target: the template reader (YAML and JSON), then the writers on what it read.
// What formwork writes, formwork reads back, to a document that writes the same bytes again
// (the first write may normalize: `{"Fn::GetAtt": "A.B"}` reads back as ["A", "B"]).
#include <cstdlib>

#include "constructs/core/yaml_writer.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = formwork::fuzz::read(formwork::fuzz::as_text(data, size), "fuzz.yaml");
  if (!file) return 0;
  const std::string yaml = formwork::to_yaml(file->document);
  (void)formwork::to_json_text(file->document);
  auto again = formwork::fuzz::read(yaml, "again.yaml");
  if (!again || formwork::to_yaml(again->document) != yaml) std::abort();
  return 0;
}
