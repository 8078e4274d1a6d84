#pragma once

// What a person sees of the local cloud: one line an event (an invocation's START/END/REPORT,
// the handler's output, a retry, a message sent to a dead-letter queue, a batch…), as text —
// coloured on a terminal, plain with NO_COLOR — or as JSON lines for machines. Every event is
// also kept (up to a bound) so tests and `formwork invoke` can read the story back.

#include <deque>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/clock.hpp"

namespace formwork::local {

enum class TimelineFormat { text, json };

/// What happened. `kind` is one of: START, END, REPORT, LOG (a line the handler printed),
/// ERROR (an invocation failed), RETRY, DLQ, DESTINATION, DROPPED, BATCH, REDRIVE, PUBLISH,
/// SCHEDULE, INVOKE, SEND, SERVE, WARN.
struct TimelineEvent {
  Millis at = 0;
  std::string kind;
  /// The function, queue, topic or rule the line is about. Default: none.
  std::string resource = {};
  /// The invocation's request id. Default: none.
  std::string request_id = {};
  /// The readable line, without time and resource.
  std::string text = {};
  /// Extra fields for the JSON form. Default: none.
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
};

class Timeline {
 public:
  /// `out` may be null (events are only kept). `color` adds ANSI colours to the text form.
  Timeline(std::ostream* out = nullptr, TimelineFormat format = TimelineFormat::text, bool color = false);

  void emit(TimelineEvent event);
  /// A copy of the events kept so far (the last 10,000).
  [[nodiscard]] std::vector<TimelineEvent> events() const;
  /// The events of one kind, in order.
  [[nodiscard]] std::vector<TimelineEvent> events_of(const std::string& kind) const;

  /// The text form of one event (no colour): `01:23:45.678 SimpleFunc RETRY retry 1 of 2 in 60 s`.
  [[nodiscard]] static std::string render_text(const TimelineEvent& event, bool color);
  [[nodiscard]] static std::string render_json(const TimelineEvent& event);

 private:
  std::ostream* out_;
  TimelineFormat format_;
  bool color_;
  mutable std::mutex mutex_;
  std::deque<TimelineEvent> kept_;
};

}  // namespace formwork::local
