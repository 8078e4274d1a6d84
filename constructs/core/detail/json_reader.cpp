// JSON templates in one linear pass: nlohmann's SAX parser (iterative, so no recursion on
// deep input) drives a builder that keeps each object's members in a vector and a hash set
// for duplicates, where ordered_json's own insertion searches linearly (quadratic overall).
#include <iterator>
#include <unordered_set>
#include <vector>

#include "constructs/core/detail/template_reading.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/template_reader.hpp"

namespace formwork::detail {
namespace {

using nlohmann::ordered_json;

// An input iterator over the text that publishes how far the parser has read, so that
// each SAX event can be given the line it was read on.
class TrackedIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedIterator(const char* p, const char** consumed) : p_(p), consumed_(consumed) {}
  reference operator*() const { return *p_; }
  TrackedIterator& operator++() {
    *consumed_ = ++p_;
    return *this;
  }
  TrackedIterator operator++(int) {
    TrackedIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedIterator& other) const { return p_ == other.p_; }
  bool operator!=(const TrackedIterator& other) const { return p_ != other.p_; }

 private:
  const char* p_;
  const char** consumed_;
};

class Builder : public nlohmann::json_sax<ordered_json> {
 public:
  Builder(std::string_view text, const std::string& path, std::map<std::string, int>& lines)
      : text_(text), path_(path), lines_(lines), consumed_(text.data()) {}

  const char** consumed() { return &consumed_; }
  ordered_json take() { return std::move(root_); }

  bool null() override { return scalar(nullptr); }
  bool boolean(bool value) override { return scalar(value); }
  bool number_integer(number_integer_t value) override { return scalar(value); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(value); }
  bool number_float(number_float_t value, const string_t&) override { return scalar(value); }
  bool string(string_t& value) override { return scalar(std::move(value)); }
  bool binary(binary_t&) override { return true; }  // not produced by the JSON parser

  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool end_object() override {
    Frame& frame = frames_.back();
    auto& object = frame.target->get_ref<ordered_json::object_t&>();
    object.reserve(frame.members.size());
    for (auto& [key, value] : frame.members) object.emplace_back(std::move(key), std::move(value));
    return close();
  }

  bool key(string_t& key) override {
    Frame& frame = frames_.back();
    if (!frame.keys.insert(key).second) {
      std::size_t quote = consumed_offset() - 1;  // the closing quote; find the opening one
      while (quote > 0) {
        --quote;
        std::size_t backslashes = 0;
        while (backslashes < quote && text_[quote - 1 - backslashes] == '\\') ++backslashes;
        if (text_[quote] == '"' && backslashes % 2 == 0) break;
      }
      auto [line, column] = position_of(text_, quote);
      throw InputError(path_, line, column, "duplicate key '" + key + "'");
    }
    frame.key = std::move(key);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    auto [line, column] = position_of(text_, position > 0 ? position - 1 : 0);
    std::string what = e.what();
    auto colon = what.find(": ", what.find("parse error"));
    throw InputError(path_, line, column, "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  }

 private:
  struct Frame {
    ordered_json* target;
    bool is_object;
    std::vector<std::pair<std::string, ordered_json>> members = {};
    std::unordered_set<std::string> keys = {};
    std::string key = {};
    std::size_t index = 0;
    std::size_t pointer_length = 0;  // of pointer_ when this container was opened
  };

  std::size_t consumed_offset() const { return static_cast<std::size_t>(consumed_ - text_.data()); }

  // Line and column of the token that ends at or just before `offset`: a number is only
  // known to end once the character after it was read, so that one is stepped over.
  std::pair<int, int> token_position(std::size_t offset) {
    if (offset >= text_.size()) offset = text_.empty() ? 0 : text_.size() - 1;
    const char c = text_[offset];
    if (offset > 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}')) --offset;
    // Offsets only grow, so lines are counted once over the whole text.
    if (offset < scanned_) {
      return position_of(text_, offset);  // only for error messages (duplicate keys)
    }
    for (; scanned_ < offset; ++scanned_) {
      if (text_[scanned_] == '\n') {
        ++line_;
        line_start_ = scanned_ + 1;
      }
    }
    return {line_, static_cast<int>(offset - line_start_) + 1};
  }

  // Appends a value to the open container (or makes it the root) and returns where it is.
  ordered_json* place(ordered_json value) {
    const int line = token_position(consumed_offset() == 0 ? 0 : consumed_offset() - 1).first;
    if (frames_.empty()) {
      root_ = std::move(value);
      lines_.emplace("", line);
      return &root_;
    }
    Frame& frame = frames_.back();
    pointer_.resize(frame.pointer_length);
    pointer_ += '/';
    if (frame.is_object) {
      pointer_ += json_pointer_escape(frame.key);
      lines_.emplace(pointer_, line);
      frame.members.emplace_back(std::move(frame.key), std::move(value));
      return &frame.members.back().second;
    }
    pointer_ += std::to_string(frame.index++);
    lines_.emplace(pointer_, line);
    auto& array = frame.target->get_ref<ordered_json::array_t&>();
    array.push_back(std::move(value));
    return &array.back();
  }

  bool scalar(ordered_json value) {
    place(std::move(value));
    return true;
  }

  bool open(bool is_object) {
    if (frames_.size() >= static_cast<std::size_t>(ReaderLimits::max_depth)) {
      auto [line, column] = token_position(consumed_offset() - 1);
      throw InputError(path_, line, column,
                       "nesting deeper than " + std::to_string(ReaderLimits::max_depth) + " levels (the reader's limit)");
    }
    ordered_json* target = place(is_object ? ordered_json::object() : ordered_json::array());
    frames_.push_back(Frame{.target = target, .is_object = is_object, .pointer_length = pointer_.size()});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  std::string_view text_;
  const std::string& path_;
  std::map<std::string, int>& lines_;
  const char* consumed_;
  ordered_json root_;
  std::vector<Frame> frames_;
  std::string pointer_;
  std::size_t scanned_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

ordered_json read_json(std::string_view text, const std::string& path, std::map<std::string, int>& lines) {
  Builder builder(text, path, lines);
  TrackedIterator first(text.data(), builder.consumed());
  TrackedIterator last(text.data() + text.size(), builder.consumed());
  ordered_json::sax_parse(first, last, &builder);
  return builder.take();
}

}  // namespace formwork::detail
