#pragma once

#include <string>

namespace formwork::lambda {

/// Where a function's code comes from. There is no default, so `code` is a required prop.
///
///   .code = lambda::Code::from_inline("def handler(event, context):\n    return event\n")
///   .code = lambda::Code::from_asset("examples/handlers/simple_func")
class Code {
 public:
  /// Source written into the template (`Code.ZipFile`); Python and Node.js only, 4 KB at most.
  [[nodiscard]] static Code from_inline(std::string source) { return Code(Kind::Inline, std::move(source)); }
  /// A directory, relative to where `formwork` runs, zipped into `<sha256>.zip` and uploaded to
  /// the bucket given in the stack parameter `AssetsBucket` (`formwork deploy` does both).
  [[nodiscard]] static Code from_asset(std::string directory) { return Code(Kind::Asset, std::move(directory)); }

  [[nodiscard]] bool is_inline() const { return kind_ == Kind::Inline; }
  [[nodiscard]] bool is_asset() const { return kind_ == Kind::Asset; }
  /// The inline source, when is_inline().
  [[nodiscard]] const std::string& inline_source() const { return text_; }
  /// The directory as given, when is_asset().
  [[nodiscard]] const std::string& asset_path() const { return text_; }

 private:
  enum class Kind { Inline, Asset };
  Code(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}
  Kind kind_;
  std::string text_;
};

}  // namespace formwork::lambda
