#include "tests/support/cli_runner.hpp"

#include <iostream>
#include <sstream>

#include "bin/cli/cli.hpp"

namespace formwork::testing {

namespace {
// Puts the standard streams back however the call ends.
class StreamRedirect {
 public:
  StreamRedirect(std::ostream& out, std::ostream& err, std::istream& in)
      : old_out_(std::cout.rdbuf(out.rdbuf())), old_err_(std::cerr.rdbuf(err.rdbuf())), old_in_(std::cin.rdbuf(in.rdbuf())) {}
  ~StreamRedirect() {
    std::cout.rdbuf(old_out_);
    std::cerr.rdbuf(old_err_);
    std::cin.rdbuf(old_in_);
    std::cin.clear();
  }
  StreamRedirect(const StreamRedirect&) = delete;
  StreamRedirect& operator=(const StreamRedirect&) = delete;

 private:
  std::streambuf* old_out_;
  std::streambuf* old_err_;
  std::streambuf* old_in_;
};
}  // namespace

CliResult run_formwork(App& app, std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), "formwork");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  std::istringstream in(input);
  CliResult result;
  {
    StreamRedirect redirect(out, err, in);
    result.exit_code = run_cli(app, static_cast<int>(argv.size()), argv.data());
  }
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace formwork::testing
