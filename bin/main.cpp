// The formwork program: the CLI over the reference stacks of stacks/.
#include "bin/cli/cli.hpp"
#include "stacks/reference_stacks.hpp"

int main(int argc, char** argv) {
  formwork::App app;
  stacks::add_reference_stacks(app);
  return formwork::run_cli(app, argc, argv);
}
