#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace formwork {

/// Base of every error the library throws. `what()` reads
/// `[Stack/Orders] visibility timeout must be between 0 and 43200 seconds, got 50000 (InvalidVisibilityTimeout)`;
/// the CLI maps the subclasses to exit codes.
class Error : public std::runtime_error {
 public:
  Error(std::string code, std::string construct_path, const std::string& message)
      : std::runtime_error(format(construct_path, message, code)),
        code_(std::move(code)),
        construct_path_(std::move(construct_path)),
        message_(message) {}

  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] const std::string& construct_path() const { return construct_path_; }
  /// The message without path and code.
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& path, const std::string& message,
                            const std::string& code) {
    std::string out;
    if (!path.empty()) out += "[" + path + "] ";
    out += message;
    if (!code.empty()) out += " (" + code + ")";
    return out;
  }
  std::string code_;
  std::string construct_path_;
  std::string message_;
};

/// A construct was given a value AWS would reject, or the tree is inconsistent.
/// Synthesis collects every one and throws a single ValidationError listing them.
class ValidationError : public Error {
 public:
  using Error::Error;
};

/// Synthesis could not complete (logical ID collision, reference cycle, I/O).
class SynthError : public Error {
 public:
  using Error::Error;
};

/// The library was called wrongly (unknown stack, bad path, bad option).
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A template file given to diff, lint or graph could not be read.
/// `what()` reads `file:line:column: message`.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, int column, const std::string& message)
      : std::runtime_error(format(file, line, column, message)),
        file_(std::move(file)),
        line_(line),
        column_(column) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }

 private:
  static std::string format(const std::string& file, int line, int column, const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
    return out + ": " + message;
  }
  std::string file_;
  int line_;
  int column_;
};

}  // namespace formwork
