// Writing templates/: every file under a temporary name first, then renamed into place, and
// temporary files removed whatever stops the run (docs/hostile-input.md, "What a crash
// mid-way can and cannot leave").
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "constructs/core/errors.hpp"
#include "constructs/core/synthesis.hpp"

namespace formwork {
namespace {

constexpr std::string_view kTempMarker = ".tmp-";

std::filesystem::path temporary_name(const std::filesystem::path& path) {
  auto temp = path;
  temp += std::string(kTempMarker) + std::to_string(getpid());
  return temp;
}

// Writes `text` next to `path` as `<path>.tmp-<pid>` and returns that name.
std::filesystem::path write_temporary(const std::filesystem::path& path, const std::string& text) {
  const auto temp = temporary_name(path);
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) {
    const std::string reason = std::strerror(errno);
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw SynthError("WriteFailed", "", "cannot write " + temp.string() + ": " + reason);
  }
  return temp;
}

void rename_into_place(const std::filesystem::path& temp, const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) {
    const std::string reason = error.message();  // before remove() reuses `error`
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw SynthError("WriteFailed", "", "cannot write " + path.string() + ": " + reason);
  }
}

// A run killed between writing and renaming leaves `<file>.tmp-<pid>`: remove those of
// processes that no longer run (and this one's), never another live run's.
void remove_stale_temporaries(const std::filesystem::path& directory) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    const auto at = name.rfind(kTempMarker);
    if (at == std::string::npos) continue;
    const std::string digits = name.substr(at + kTempMarker.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    const bool running = pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM);
    if (!running) std::filesystem::remove(entry.path(), error);
  }
}

// SIGINT, SIGTERM or SIGHUP while templates are written: the handler unlinks every temporary
// name of this run (unlink is async-signal-safe; the names are made before it is installed),
// then dies of the signal as it would have. A SIGKILL leaves them to the next run, above. A
// signal whose handler is not the default (the app's own, or ignored) is left alone.
const char* const* g_temporaries = nullptr;
volatile sig_atomic_t g_temporary_count = 0;

extern "C" void remove_temporaries_and_reraise(int signal_number) {
  for (sig_atomic_t i = 0; i < g_temporary_count; ++i) unlink(g_temporaries[i]);
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

class RemoveOnSignal {
 public:
  explicit RemoveOnSignal(const std::vector<std::filesystem::path>& temporaries) {
    for (const auto& temp : temporaries) names_.push_back(temp.string());
    pointers_ = std::make_unique<const char*[]>(names_.size() + 1);
    for (std::size_t i = 0; i < names_.size(); ++i) pointers_[i] = names_[i].c_str();
    g_temporary_count = 0;
    g_temporaries = pointers_.get();
    for (int s : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction ours = {}, previous = {};
      ours.sa_handler = remove_temporaries_and_reraise;
      sigemptyset(&ours.sa_mask);
      if (sigaction(s, nullptr, &previous) == 0 && previous.sa_handler == SIG_DFL && sigaction(s, &ours, nullptr) == 0)
        installed_.push_back(s);
    }
  }
  /// The first `count` temporaries may exist: a signal removes them.
  void written(std::size_t count) { g_temporary_count = static_cast<sig_atomic_t>(count); }
  ~RemoveOnSignal() {
    for (int s : installed_) signal(s, SIG_DFL);
    g_temporary_count = 0;
    g_temporaries = nullptr;
  }
  RemoveOnSignal(const RemoveOnSignal&) = delete;
  RemoveOnSignal& operator=(const RemoveOnSignal&) = delete;

 private:
  std::vector<std::string> names_;
  std::unique_ptr<const char*[]> pointers_;
  std::vector<int> installed_;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  rename_into_place(write_temporary(path, text), path);
}

std::vector<std::filesystem::path> write_templates(const CloudAssembly& assembly, const std::filesystem::path& directory,
                                                   const RenderOptions& options, const std::vector<std::string>& names) {
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  for (const auto& stack : assembly.stacks) {
    if (!names.empty() && std::find(names.begin(), names.end(), stack.name) == names.end()) continue;
    files.emplace_back(directory / template_file_name(stack, options.format), render(stack, options));
  }
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw SynthError("WriteFailed", "", "cannot create " + directory.string() + ": " + error.message());
  remove_stale_temporaries(directory);
  // Every file is written before any is renamed, so a failure or a kill while writing leaves
  // the old set whole; only a kill within the renames (microseconds) can mix old and new.
  std::vector<std::filesystem::path> temporaries;
  for (const auto& file : files) temporaries.push_back(temporary_name(file.first));
  RemoveOnSignal remove_on_signal(temporaries);
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      remove_on_signal.written(i + 1);  // before the file exists, so a signal while it is written removes it
      (void)write_temporary(files[i].first, files[i].second);
    }
  } catch (...) {
    std::error_code ignored;
    for (const auto& temp : temporaries) std::filesystem::remove(temp, ignored);
    throw;
  }
  std::vector<std::filesystem::path> written;
  for (std::size_t i = 0; i < files.size(); ++i) {
    rename_into_place(temporaries[i], files[i].first);
    written.push_back(files[i].first);
  }
  return written;
}

}  // namespace formwork
