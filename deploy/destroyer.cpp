#include "deploy/destroyer.hpp"

#include <cstdio>

#include "deploy/stack_events.hpp"

namespace formwork::deploy {

bool destroy_stack(const AwsCli& aws, const std::string& stack_name, std::ostream& out, std::ostream& err) {
  if (aws.dry_run()) {
    aws.run({"cloudformation", "delete-stack", "--stack-name", stack_name});
    aws.run({"cloudformation", "wait", "stack-delete-complete", "--stack-name", stack_name});
    return true;
  }
  auto existing = aws.run({"cloudformation", "describe-stacks", "--stack-name", stack_name, "--output", "json"});
  if (existing.exit_code != 0) {
    if (existing.err.find("does not exist") != std::string::npos) {
      out << stack_name << ": not deployed, nothing to delete\n";
      return true;
    }
    err << "error: " << stack_name << ": cannot look the stack up\n";
    for (const auto& line : aws_error_lines(existing.err)) err << "  " << line << "\n";
    return false;
  }

  out << stack_name << ": deleting\n";
  EventWatcher watcher(aws, stack_name, out);
  watcher.start();
  auto deleted = aws.run({"cloudformation", "delete-stack", "--stack-name", stack_name});
  process::RunResult waited;
  if (deleted.exit_code == 0)
    waited = aws.run({"cloudformation", "wait", "stack-delete-complete", "--stack-name", stack_name},
                     {.on_tick = [&watcher] { watcher.poll(); }, .poll_interval_ms = 2000});
  watcher.poll();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1fs", watcher.elapsed());
  if (deleted.exit_code != 0 || waited.exit_code != 0) {
    err << "error: " << stack_name << ": delete failed after " << elapsed << "\n";
    for (const auto& line : aws_error_lines(deleted.exit_code != 0 ? deleted.err : waited.err))
      err << "  " << line << "\n";
    for (const auto& event : watcher.failures())
      err << "  " << event.status << "  " << event.resource_type << "  " << event.logical_id
          << (event.reason.empty() ? "" : ": " + event.reason) << "\n";
    return false;
  }
  out << stack_name << ": deleted in " << elapsed << "\n";
  return true;
}

}  // namespace formwork::deploy
