// The formwork program: the CLI over the reference stacks of stacks/.
#include <iostream>

#include "bin/cli/cli.hpp"
#include "stacks/reference_stacks.hpp"

int main(int argc, char** argv) {
  formwork::App app;
  try {
    stacks::add_reference_stacks(app);
  } catch (const std::exception& e) {
    // The stacks read their Lambda handlers from examples/handlers/, relative to the repository root.
    std::cerr << "error: " << e.what() << " (run formwork from the repository root)\n";
    return 2;
  }
  return formwork::run_cli(app, argc, argv);
}
