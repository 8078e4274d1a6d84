#include "local/timeline.hpp"

namespace formwork::local {
namespace {

constexpr std::size_t kKept = 10000;

const char* colour_of(const std::string& kind) {
  if (kind == "START" || kind == "END") return "\x1b[2m";            // dim
  if (kind == "REPORT") return "\x1b[36m";                            // cyan
  if (kind == "ERROR" || kind == "DROPPED") return "\x1b[31m";        // red
  if (kind == "RETRY" || kind == "WARN") return "\x1b[33m";           // yellow
  if (kind == "DLQ" || kind == "REDRIVE") return "\x1b[35m";          // magenta
  if (kind == "DESTINATION" || kind == "BATCH") return "\x1b[32m";    // green
  if (kind == "SERVE") return "\x1b[1m";                              // bold
  return "";
}

}  // namespace

Timeline::Timeline(std::ostream* out, TimelineFormat format, bool color) : out_(out), format_(format), color_(color) {}

std::string Timeline::render_text(const TimelineEvent& event, bool color) {
  // hh:mm:ss.mmm of the clock, then the resource, then the line.
  std::string time = iso8601_millis(event.at).substr(11, 12);
  std::string line = time + "  ";
  if (!event.resource.empty()) line += event.resource + "  ";
  // START/END/REPORT carry their own keyword as CloudWatch prints it; LOG is the handler's line.
  const std::string& body = event.text;
  if (!color) return line + body;
  const char* c = colour_of(event.kind);
  if (*c == '\0') return line + body;
  return "\x1b[2m" + time + "\x1b[0m  " + (event.resource.empty() ? "" : "\x1b[1m" + event.resource + "\x1b[0m  ") +
         c + body + "\x1b[0m";
}

std::string Timeline::render_json(const TimelineEvent& event) {
  nlohmann::ordered_json line;
  line["time"] = iso8601_millis(event.at);
  line["kind"] = event.kind;
  if (!event.resource.empty()) line["resource"] = event.resource;
  if (!event.request_id.empty()) line["requestId"] = event.request_id;
  line["text"] = event.text;
  for (const auto& [key, value] : event.fields.items()) line[key] = value;
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void Timeline::emit(TimelineEvent event) {
  std::lock_guard lock(mutex_);
  if (out_ != nullptr) {
    *out_ << (format_ == TimelineFormat::json ? render_json(event) : render_text(event, color_)) << "\n";
    out_->flush();
  }
  kept_.push_back(std::move(event));
  if (kept_.size() > kKept) kept_.pop_front();
}

std::vector<TimelineEvent> Timeline::events() const {
  std::lock_guard lock(mutex_);
  return {kept_.begin(), kept_.end()};
}

std::vector<TimelineEvent> Timeline::events_of(const std::string& kind) const {
  std::lock_guard lock(mutex_);
  std::vector<TimelineEvent> out;
  for (const auto& event : kept_)
    if (event.kind == kind) out.push_back(event);
  return out;
}

}  // namespace formwork::local
