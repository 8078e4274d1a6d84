#pragma once

// The formwork command line for a user's app, from one call at the end of main:
//
//   #include <formwork/formwork.hpp>
//   #include <formwork/cli.hpp>
//
//   int main(int argc, char** argv) {
//     formwork::App app;
//     ...
//     return formwork::run_cli(app, argc, argv);  // synth, ls, diff, lint, deploy, destroy, graph, …
//   }

#include "bin/cli/cli.hpp"
