// The formwork tool: works from any folder. Inside a formwork project (a formwork.json here
// or above) it rebuilds the project's app and runs it with the same command line; elsewhere
// lint, diff, graph and deploy work on template files, and init makes a new project.
#include "bin/cli/context.hpp"

int main(int argc, char** argv) { return formwork::cli::run_tool(argc, argv); }
