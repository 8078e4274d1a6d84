#include "local/apigateway/http.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace formwork::local::apigateway {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::optional<std::string> header_value(const std::vector<Header>& headers, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) found = value;
  }
  return found;
}

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::pair<std::string, std::vector<QueryParam>> split_target(std::string_view target) {
  const auto question = target.find('?');
  std::string path(target.substr(0, question));
  std::vector<QueryParam> query;
  if (question == std::string_view::npos) return {path, query};
  std::string_view rest = target.substr(question + 1);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      query.emplace_back(url_decode(pair.substr(0, eq), true),
                         eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return {path, query};
}

std::string media_type(std::string_view value) {
  std::string out;
  for (const char c : value.substr(0, value.find(';'))) {
    if (c != ' ' && c != '\t') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

HttpResponse gateway_error(int status, std::string_view message, std::string_view error_type) {
  HttpResponse response{.status = status};
  response.headers.emplace_back("Content-Type", "application/json");
  response.headers.emplace_back("x-amzn-ErrorType", std::string(error_type));
  // API Gateway's gateway responses render {"message":$context.error.messageString}: no space;
  // its answer to a failed integration is the one with a space.
  response.body = message == "Internal server error" ? std::string(R"({"message": "Internal server error"})")
                                                     : nlohmann::json{{"message", message}}.dump();
  return response;
}

}  // namespace formwork::local::apigateway
