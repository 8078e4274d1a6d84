#include "deploy/stack_events.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <regex>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace formwork::deploy {
namespace {

std::string text_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<StackEvent> parse_stack_events(const std::string& json) {
  auto document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("StackEvents") ||
      !document["StackEvents"].is_array())
    throw std::runtime_error("not a describe-stack-events answer");
  std::vector<StackEvent> events;
  for (const auto& e : document["StackEvents"]) {
    events.push_back(StackEvent{
        .id = text_field(e, "EventId"),
        .timestamp = text_field(e, "Timestamp"),
        .status = text_field(e, "ResourceStatus"),
        .resource_type = text_field(e, "ResourceType"),
        .logical_id = text_field(e, "LogicalResourceId"),
        .reason = redact(text_field(e, "ResourceStatusReason")),
    });
  }
  return events;
}

std::optional<double> parse_timestamp(const std::string& text) {
  static const std::regex form(R"((\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)");
  std::smatch m;
  if (!std::regex_match(text, m, form)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  double seconds = static_cast<double>(timegm(&tm));
  if (m[7].matched) seconds += std::stod("0" + m[7].str());
  std::string zone = m[8].str();
  if (!zone.empty() && zone != "Z") {
    std::string digits = zone.substr(1);
    digits.erase(std::remove(digits.begin(), digits.end(), ':'), digits.end());
    int offset = std::stoi(digits.substr(0, 2)) * 3600 + std::stoi(digits.substr(2, 2)) * 60;
    seconds -= zone[0] == '+' ? offset : -offset;
  }
  return seconds;
}

bool is_failure(const std::string& status) { return status.ends_with("_FAILED"); }

std::string format_event(const StackEvent& event, double elapsed_seconds) {
  char time[32];
  std::snprintf(time, sizeof time, "%6.1fs", std::max(0.0, elapsed_seconds));
  std::string status = event.status;
  if (status.size() < 20) status.resize(20, ' ');
  std::string line = std::string(time) + "  " + status + " " + event.resource_type + "  " + event.logical_id;
  if (is_failure(event.status) && !event.reason.empty()) line += "  " + event.reason;
  return line;
}

void EventWatcher::start() {
  wall_start_ = std::chrono::system_clock::now();
  steady_start_ = std::chrono::steady_clock::now();
  seen_.clear();
  failures_.clear();
  for (const auto& event : fetch()) seen_.insert(event.id);
}

double EventWatcher::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - steady_start_).count();
}

std::vector<StackEvent> EventWatcher::fetch() const {
  auto answer = aws_.query({"cloudformation", "describe-stack-events", "--stack-name", stack_name_, "--output", "json"});
  if (!answer) return {};
  try {
    return parse_stack_events(*answer);
  } catch (const std::exception&) {
    return {};  // a half-written answer: the next poll gets a whole one
  }
}

void EventWatcher::poll() {
  auto events = fetch();
  double start = std::chrono::duration<double>(wall_start_.time_since_epoch()).count();
  // CloudFormation lists newest first; show them in the order they happened.
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (!seen_.insert(it->id).second) continue;
    auto at = parse_timestamp(it->timestamp);
    out_ << format_event(*it, at ? *at - start : elapsed()) << "\n" << std::flush;
    if (is_failure(it->status)) failures_.push_back(*it);
  }
}

}  // namespace formwork::deploy
