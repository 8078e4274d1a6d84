#pragma once

// Renderers of a DiffResult: text for a terminal, Markdown for a pull request comment, JSON
// for programs (documented field by field in docs/diff.md). They only read the result.

#include <string>

#include "diff/diff_model.hpp"

namespace formwork::diff {

struct TextOptions {
  /// ANSI colours. Default: off (the command turns them on for a terminal without NO_COLOR).
  bool color = false;
};

[[nodiscard]] std::string format_text(const DiffResult& result, const TextOptions& options = {});
[[nodiscard]] std::string format_markdown(const DiffResult& result);
[[nodiscard]] std::string format_json(const DiffResult& result);

/// One line for a statement or permission: "Allow sqs:SendMessage on !GetAtt Dlq.Arn".
[[nodiscard]] std::string describe(const SecurityChange& change);
/// "IAM statement in WorkerRole (Policies[0].PolicyDocument)" or "Lambda permission Invoke".
[[nodiscard]] std::string holder(const SecurityChange& change);
/// "+", "-" or "~".
[[nodiscard]] const char* marker(ChangeKind kind);
/// The singular name of a section's element: "Outputs" -> "output".
[[nodiscard]] std::string element_noun(const std::string& section);

}  // namespace formwork::diff
