#include "bin/cli/context.hpp"

namespace formwork::cli {

void add_ls_command(CLI::App& program, Context& context) {
  auto long_format = std::make_shared<bool>(false);
  auto* command = program.add_subcommand("ls", "List the app's stacks in deployment order");
  command->add_flag("-l,--long", *long_format, "Also show each stack's resource count and dependencies");
  command->callback([long_format, &context] {
    for (const auto* stack : context.select({})) {
      if (!*long_format) {
        context.out() << stack->name << "\n";
        continue;
      }
      std::size_t resources = stack->document.contains("Resources") ? stack->document["Resources"].size() : 0;
      std::string deps;
      for (const auto& d : stack->dependencies) deps += (deps.empty() ? "" : ", ") + d;
      context.out() << stack->name << "  " << resources << (resources == 1 ? " resource" : " resources")
                    << "  depends on: " << (deps.empty() ? "-" : deps) << "\n";
    }
  });
}

}  // namespace formwork::cli
