// API Gateway's $input and $util, and the maps behind $context, $stageVariables and
// $input.params(). Semantics follow the Java classes API Gateway's documentation names:
// commons-lang StringEscapeUtils.escapeJavaScript, java.net.URLEncoder/URLDecoder (UTF-8),
// java.util.Base64, Jayway JsonPath.

#include <cstdio>

#include "vtl/detail/runtime.hpp"

namespace formwork::vtl::detail {

namespace {

const std::string& one_string(const std::string& fn, const std::vector<Value>& args, const Site& site) {
  if (args.size() != 1 || args[0].kind != Kind::String) site.fail(fn + "() takes one string");
  return args[0].s;
}

std::string escape_javascript(const std::string& s, const Site& site) {
  std::string out;
  char buf[16];
  for (char16_t c : to_utf16(s, site)) {
    switch (c) {
      case '\b': out += "\\b"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case '\'': out += "\\'"; continue;
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '/': out += "\\/"; continue;
      default: break;
    }
    if (c > 0x7f || c < 32) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string url_encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '*' || c == '_') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(const std::string& s, const Site& site) {
  std::string out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] == '+') {
      out += ' ';
    } else if (s[k] == '%') {
      if (k + 2 >= s.size() + 0 || hex(s[k + 1]) < 0 || hex(s[k + 2]) < 0)
        site.fail("$util.urlDecode(): incomplete or invalid %-escape at index " + std::to_string(k));
      out += static_cast<char>(hex(s[k + 1]) * 16 + hex(s[k + 2]));
      k += 2;
    } else {
      out += s[k];
    }
  }
  to_utf16(out, site);  // Java would put U+FFFD for invalid UTF-8; this engine refuses it
  return out;
}

constexpr const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(const std::string& s) {
  std::string out;
  std::size_t k = 0;
  for (; k + 2 < s.size(); k += 3) {
    unsigned v = (static_cast<unsigned char>(s[k]) << 16) | (static_cast<unsigned char>(s[k + 1]) << 8) | static_cast<unsigned char>(s[k + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64[(v >> shift) & 63];
  }
  if (k < s.size()) {
    unsigned v = static_cast<unsigned char>(s[k]) << 16;
    if (k + 1 < s.size()) v |= static_cast<unsigned char>(s[k + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += k + 1 < s.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_decode(const std::string& s, const Site& site) {
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  std::size_t k = 0;
  for (; k < s.size() && s[k] != '='; ++k) {
    const char* at = std::char_traits<char>::find(kBase64, 64, s[k]);
    if (!at) site.fail("$util.base64Decode(): illegal base64 character at index " + std::to_string(k));
    acc = (acc << 6) | static_cast<unsigned>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  std::size_t data = k;
  if (data % 4 == 1) site.fail("$util.base64Decode(): the last unit does not have enough bits");
  std::size_t pad = 0;
  for (; k < s.size() && s[k] == '='; ++k) ++pad;
  if (k != s.size() || (pad && (data + pad) % 4 != 0)) site.fail("$util.base64Decode(): invalid padding");
  to_utf16(out, site);  // Java would put U+FFFD for invalid UTF-8; this engine refuses it
  return out;
}

const nlohmann::ordered_json& body_json(const Site& site) {
  if (!site.env.body) {
    const std::string& text = site.env.input->body;
    // An empty body reads as {} (API Gateway documents $input.json('$') of no body as {}).
    auto parsed = nlohmann::ordered_json::parse(text.empty() ? std::string("{}") : text, nullptr, false);
    if (parsed.is_discarded()) site.fail("$input.path/$input.json: the body is not valid JSON");
    site.env.body = std::move(parsed);
  }
  return *site.env.body;
}

std::optional<nlohmann::ordered_json> select(const std::string& path, const Site& site) {
  try {
    return jsonpath_select(body_json(site), path);
  } catch (const std::invalid_argument& e) {
    site.fail("JSONPath '" + path + "': " + e.what());
  }
}

}  // namespace

Value make_string_map(const std::map<std::string, std::string>& values) {
  Value m = Value::new_map();
  for (const auto& [k, v] : values) m.map->put(k, Value::string(v));
  return m;
}

Value call_input(const std::string& name, const std::vector<Value>& args, const Site& site) {
  const RenderInput& in = *site.env.input;
  if (name == "getBody" && args.empty()) return Value::string(in.body);
  if (name == "path") {
    auto result = select(one_string("$input.path", args, site), site);
    return result ? from_json(*result) : Value::null();
  }
  if (name == "json") {
    auto result = select(one_string("$input.json", args, site), site);
    return Value::string(result ? to_json_text(from_json(*result)) : "null");
  }
  if (name == "params" && args.empty()) {
    Value m = Value::new_map();
    m.map->put("path", make_string_map(in.path_params));
    m.map->put("querystring", make_string_map(in.querystring_params));
    m.map->put("header", make_string_map(in.header_params));
    return m;
  }
  if (name == "params") {
    const std::string& key = one_string("$input.params", args, site);
    for (const auto* source : {&in.path_params, &in.querystring_params, &in.header_params}) {
      auto it = source->find(key);
      if (it != source->end()) return Value::string(it->second);
    }
    return Value::string("");
  }
  site.fail("$input." + name + "() is not one of API Gateway's $input functions (body, json, path, params)");
}

Value call_util(const std::string& name, const std::vector<Value>& args, const Site& site) {
  if (name == "escapeJavaScript") return Value::string(escape_javascript(one_string("$util.escapeJavaScript", args, site), site));
  if (name == "urlEncode") return Value::string(url_encode(one_string("$util.urlEncode", args, site)));
  if (name == "urlDecode") return Value::string(url_decode(one_string("$util.urlDecode", args, site), site));
  if (name == "base64Encode") return Value::string(base64_encode(one_string("$util.base64Encode", args, site)));
  if (name == "base64Decode") return Value::string(base64_decode(one_string("$util.base64Decode", args, site), site));
  if (name == "parseJson") {
    const std::string& text = one_string("$util.parseJson", args, site);
    auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    if (parsed.is_discarded()) site.fail("$util.parseJson(): the argument is not valid JSON");
    return from_json(parsed);
  }
  site.fail("$util." + name + "() is not one of API Gateway's $util functions");
}

Value make_context(const Context& c) {
  Value ctx = Value::new_map();
  auto put = [&](const char* key, const std::string& v) { ctx.map->put(key, Value::string(v)); };
  put("requestId", c.request_id);
  put("extendedRequestId", c.extended_request_id);
  put("accountId", c.account_id);
  put("apiId", c.api_id);
  put("stage", c.stage);
  put("resourceId", c.resource_id);
  put("resourcePath", c.resource_path);
  put("httpMethod", c.http_method);
  put("path", c.path);
  put("protocol", c.protocol);
  put("domainName", c.domain_name);
  put("domainPrefix", c.domain_prefix);
  put("requestTime", c.request_time);
  ctx.map->put("requestTimeEpoch", Value::integer(c.request_time_epoch));
  Value id = Value::new_map();
  id.map->put("sourceIp", Value::string(c.identity.source_ip));
  id.map->put("userAgent", Value::string(c.identity.user_agent));
  id.map->put("caller", Value::string(c.identity.caller));
  id.map->put("user", Value::string(c.identity.user));
  id.map->put("userArn", Value::string(c.identity.user_arn));
  id.map->put("apiKey", Value::string(c.identity.api_key));
  id.map->put("accountId", Value::string(c.identity.account_id));
  ctx.map->put("identity", id);
  ctx.map->put("authorizer", make_string_map(c.authorizer));
  Value response = Value::new_map();
  response.map->put("header", Value::new_map());
  ctx.map->put("responseOverride", response);
  Value request = Value::new_map();
  request.map->put("header", Value::new_map());
  request.map->put("querystring", Value::new_map());
  request.map->put("path", Value::new_map());
  ctx.map->put("requestOverride", request);
  return ctx;
}

}  // namespace formwork::vtl::detail
