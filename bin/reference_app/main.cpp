// The reference app: the reference stacks of stacks/, an app of this repository like
// any user's. The formwork tool builds and runs it from the repository root (formwork.json):
// `./build/formwork synth` writes templates/.
#include <formwork/cli.hpp>

#include "stacks/reference_stacks.hpp"

int main(int argc, char** argv) {
  formwork::App app;
  stacks::add_reference_stacks(app);
  return formwork::run_cli(app, argc, argv);
}
