#pragma once

// formwork import: a CloudFormation template (read by constructs/core/template_reader.hpp) as
// the C++ of a formwork stack that synthesizes the same template: typed L1 constructs
// (constructs/cfn/*.generated.hpp) where the type has one, CfnResource otherwise, parameters,
// mappings, conditions and outputs, intrinsics as tokens, logical IDs kept. docs/import.md.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "constructs/core/template_reader.hpp"

namespace formwork::importer {

struct ImportOptions {
  /// The stack's construct id (its template is written as templates/<id>.yaml). Required.
  std::string stack_id;
  /// Carries the template's YAML comments over as C++ comments. Default: true.
  bool comments = true;
  /// The stack's C++ class and the header that declares it (several imported stacks can share
  /// one app). Default: `AppStack` in `app_stack.hpp`, as `formwork init` names them.
  std::string class_name = "AppStack";
  std::string header = "app_stack.hpp";
};

/// What an import writes besides the build files (formwork.json, CMakeLists.txt, which are
/// the CLI's, shared with `formwork init`).
struct ImportedProject {
  /// (path relative to the project, text): app_stack.hpp, app_stack.cpp, main.cpp,
  /// test/app_stack_test.cpp, README.md.
  std::vector<std::pair<std::string, std::string>> files;
  /// `file:line: what was not kept as it is` (a top-level Transform, a parameter attribute
  /// formwork's CfnParameter cannot hold, a schema problem synthesis will refuse), one a line.
  std::vector<std::string> warnings;
  /// How many resources used a typed L1 class, and how many the generic CfnResource.
  int typed = 0;
  int generic = 0;
};

/// The project for `file`. Throws InputError (file:line, the value, what is allowed) for a
/// template that cannot become a stack: resources that refer to each other in a cycle, a
/// section that is not a mapping, a resource without a string Type.
/// `text` is the template's text, read for its YAML comments (none when empty).
[[nodiscard]] ImportedProject import_template(const TemplateFile& file, std::string_view text,
                                              const ImportOptions& options);

/// The header that declares `options.class_name` (app_stack.hpp in a project).
[[nodiscard]] std::string stack_header(const ImportOptions& options);

/// app_stack.cpp alone (what import_template puts in the project), for tests and tools; the
/// optional outputs get the warnings and the counts of typed and generic resources.
[[nodiscard]] std::string stack_source(const TemplateFile& file, std::string_view text, const ImportOptions& options,
                                       std::vector<std::string>* warnings = nullptr, int* typed = nullptr,
                                       int* generic = nullptr);

}  // namespace formwork::importer
