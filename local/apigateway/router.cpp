#include "local/apigateway/router.hpp"

#include <algorithm>

namespace formwork::local::apigateway {

namespace {

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (slash != 0) parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash + 1);
  }
  return parts;
}

bool is_param(const std::string& part) { return part.size() > 2 && part.front() == '{' && part.back() == '}'; }
bool is_greedy(const std::string& part) { return is_param(part) && part.size() > 3 && part[part.size() - 2] == '+'; }
std::string param_name(const std::string& part) {
  return part.substr(1, part.size() - (is_greedy(part) ? 3 : 2));
}

const Method* method_of(const Resource& resource, std::string_view http_method) {
  for (const auto& method : resource.methods) {
    if (method.http_method == http_method) return &method;
  }
  for (const auto& method : resource.methods) {
    if (method.http_method == "ANY") return &method;
  }
  return nullptr;
}

struct Matcher {
  const RestApi& api;
  std::string_view http_method;
  const std::vector<std::string>& segments;  // decoded

  // Tries the children of `parent` for segments[index…]; literal, then {param}, then {proxy+}.
  bool match(const Resource& parent, std::size_t index, Route& route) const {
    if (index == segments.size()) {
      if (const Method* method = method_of(parent, http_method)) {
        route.resource = &parent;
        route.method = method;
        return true;
      }
      return false;
    }
    for (int pass = 0; pass < 3; ++pass) {
      for (const auto& child : api.resources) {
        if (child.parent_id != parent.id || child.id == parent.id) continue;
        const bool param = is_param(child.path_part);
        const bool greedy = is_greedy(child.path_part);
        if (pass == 0 && !param && child.path_part == segments[index]) {
          if (match(child, index + 1, route)) return true;
        } else if (pass == 1 && param && !greedy) {
          route.path_parameters[param_name(child.path_part)] = segments[index];
          if (match(child, index + 1, route)) return true;
          route.path_parameters.erase(param_name(child.path_part));
        } else if (pass == 2 && greedy) {
          std::string rest;
          for (std::size_t i = index; i < segments.size(); ++i) rest += (i == index ? "" : "/") + segments[i];
          route.path_parameters[param_name(child.path_part)] = rest;
          if (const Method* method = method_of(child, http_method)) {
            route.resource = &child;
            route.method = method;
            return true;
          }
          route.path_parameters.erase(param_name(child.path_part));
        }
      }
    }
    return false;
  }
};

}  // namespace

bool is_api_request(std::string_view raw_path) { return raw_path.substr(0, kApiPrefix.size()) == kApiPrefix; }

std::variant<Route, HttpResponse> route(const std::vector<RestApi>& apis, std::string_view http_method,
                                        std::string_view raw_path) {
  const auto missing_token = [] {
    return gateway_error(403, "Missing Authentication Token", "MissingAuthenticationTokenException");
  };
  if (!is_api_request(raw_path)) return gateway_error(404, "Not Found", "NotFoundException");
  const std::vector<std::string> parts = split(raw_path.substr(kApiPrefix.size()));
  if (parts.empty()) return gateway_error(404, "Not Found", "NotFoundException");
  const auto api = std::find_if(apis.begin(), apis.end(), [&](const RestApi& a) { return a.id == parts[0]; });
  if (api == apis.end()) return gateway_error(404, "Not Found", "NotFoundException");
  if (parts.size() < 2) return missing_token();
  const auto stage = std::find_if(api->stages.begin(), api->stages.end(),
                                  [&](const Stage& s) { return s.name == parts[1]; });
  if (stage == api->stages.end()) return gateway_error(403, "Forbidden", "ForbiddenException");
  std::size_t first = 2;
  if (parts.size() > 2 && parts[2] == "_user_request_") first = 3;
  std::vector<std::string> segments;
  Route found{.api = &*api, .stage = &*stage};
  for (std::size_t i = first; i < parts.size(); ++i) {
    segments.push_back(url_decode(parts[i], false));
    found.path += "/" + segments.back();
  }
  if (found.path.empty()) found.path = "/";
  const Matcher matcher{.api = *api, .http_method = http_method, .segments = segments};
  if (!matcher.match(api->resources.front(), 0, found)) return missing_token();
  return found;
}

}  // namespace formwork::local::apigateway
