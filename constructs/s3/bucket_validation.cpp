// The checks on BucketProps and on the notifications, as small tables. Limits from the S3
// documentation (bucket naming rules, lifecycle, CORS, notification configuration).
#include <regex>
#include <set>

#include "constructs/s3/bucket.hpp"

namespace formwork::s3 {
namespace {

void check_bucket_name(const std::string& name, std::vector<std::string>& errors) {
  static const std::regex pattern("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  static const std::regex ip_address("\\d+\\.\\d+\\.\\d+\\.\\d+");
  struct Rule {
    bool broken;
    const char* message;
  };
  const Rule rules[] = {
      {name.size() < 3 || name.size() > 63, "must be 3 to 63 characters"},
      {!std::regex_match(name, pattern), "must be a-z 0-9 . - and start and end with a letter or digit"},
      {name.find("..") != std::string::npos, "must not contain two adjacent periods"},
      {std::regex_match(name, ip_address), "must not look like an IP address"},
      {name.rfind("xn--", 0) == 0 || name.rfind("sthree-", 0) == 0, "must not start with xn-- or sthree-"},
      {name.size() >= 8 && (name.compare(name.size() - 8, 8, "-s3alias") == 0), "must not end with -s3alias"},
  };
  for (const auto& rule : rules)
    if (rule.broken)
      errors.push_back("bucket name " + std::string(rule.message) + ", got '" + name + "' (" +
                       std::to_string(name.size()) + " characters)");
}

void check_days(const char* what, const std::optional<Duration>& d, std::int64_t min, std::vector<std::string>& errors) {
  if (!d) return;
  const std::int64_t s = d->to_seconds();
  if (s % 86400 != 0 || s / 86400 < min)
    errors.push_back(std::string(what) + " must be a whole number of days, at least " + std::to_string(min) + ", got " +
                     std::to_string(s) + " seconds");
}

void check_lifecycle_rule(const LifecycleRule& rule, std::size_t i, bool versioned, std::vector<std::string>& errors) {
  const std::string where = "lifecycle rule " + (rule.id.empty() ? std::to_string(i) : "'" + rule.id + "'");
  const std::size_t before = errors.size();
  check_days("expiration", rule.expiration, 1, errors);
  check_days("noncurrent version expiration", rule.noncurrent_version_expiration, 1, errors);
  check_days("abort incomplete multipart upload after", rule.abort_incomplete_multipart_upload_after, 1, errors);
  for (const auto& t : rule.transitions) {
    const bool infrequent = t.storage_class == StorageClass::StandardIa || t.storage_class == StorageClass::OneZoneIa;
    check_days("transition", t.transition_after, infrequent ? 30 : 0, errors);
    if (rule.expiration && t.transition_after >= *rule.expiration)
      errors.push_back("transition after " + std::to_string(t.transition_after.to_seconds() / 86400) +
                       " days must come before the expiration after " + std::to_string(rule.expiration->to_seconds() / 86400) +
                       " days");
  }
  if (!rule.expiration && !rule.noncurrent_version_expiration && !rule.abort_incomplete_multipart_upload_after &&
      rule.transitions.empty())
    errors.push_back("needs at least one action (expiration, noncurrent version expiration, abort incomplete "
                     "multipart upload or a transition)");
  if (rule.noncurrent_version_expiration && !versioned)
    errors.push_back("noncurrent version expiration needs a versioned bucket (set versioned = true)");
  if (rule.id.size() > 255) errors.push_back("id must be at most 255 characters, got " + std::to_string(rule.id.size()));
  for (std::size_t e = before; e < errors.size(); ++e) errors[e] = where + ": " + errors[e];
}

void check_cors_rule(const CorsRule& rule, std::size_t i, std::vector<std::string>& errors) {
  static const std::set<std::string> methods = {"GET", "PUT", "HEAD", "POST", "DELETE"};
  const std::string where = "CORS rule " + std::to_string(i) + ": ";
  if (rule.allowed_methods.empty()) errors.push_back(where + "needs at least one allowed method");
  for (const auto& m : rule.allowed_methods)
    if (methods.count(m) == 0)
      errors.push_back(where + "allowed method must be GET, PUT, HEAD, POST or DELETE, got '" + m + "'");
  if (rule.allowed_origins.empty()) errors.push_back(where + "needs at least one allowed origin");
  if (rule.max_age_seconds && *rule.max_age_seconds < 0)
    errors.push_back(where + "max age must be 0 or more seconds, got " + std::to_string(*rule.max_age_seconds));
}

// Two event names overlap when equal or when one is the `:*` family of the other.
bool events_overlap(const std::string& a, const std::string& b) {
  auto family = [](const std::string& e) { return e.substr(0, e.rfind(':')); };
  const bool wild_a = a.size() > 2 && a.compare(a.size() - 2, 2, ":*") == 0;
  const bool wild_b = b.size() > 2 && b.compare(b.size() - 2, 2, ":*") == 0;
  return a == b || (wild_a && family(a) == family(b)) || (wild_b && family(a) == family(b));
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// S3 rejects a configuration where one key could match two notifications of overlapping events
// ("Configurations overlap").
void check_overlaps(const std::vector<BucketNotification>& notifications, std::vector<std::string>& errors) {
  for (std::size_t i = 0; i < notifications.size(); ++i)
    for (std::size_t j = i + 1; j < notifications.size(); ++j) {
      const auto& a = notifications[i];
      const auto& b = notifications[j];
      const std::string ea = event_type_name(a.event), eb = event_type_name(b.event);
      const bool prefixes = starts_with(a.filter.prefix, b.filter.prefix) || starts_with(b.filter.prefix, a.filter.prefix);
      const bool suffixes = ends_with(a.filter.suffix, b.filter.suffix) || ends_with(b.filter.suffix, a.filter.suffix);
      if (events_overlap(ea, eb) && prefixes && suffixes)
        errors.push_back("notifications " + std::to_string(i) + " (" + ea + " to " + a.destination.name + ") and " +
                         std::to_string(j) + " (" + eb + " to " + b.destination.name +
                         ") overlap: S3 rejects two notifications that one key and event can both match "
                         "(give them prefixes or suffixes that do not overlap)");
    }
}

}  // namespace

std::vector<std::string> Bucket::validate() const {
  std::vector<std::string> errors;
  if (props_.bucket_name) check_bucket_name(*props_.bucket_name, errors);
  for (std::size_t i = 0; i < props_.lifecycle_rules.size(); ++i)
    check_lifecycle_rule(props_.lifecycle_rules[i], i, props_.versioned, errors);
  if (props_.lifecycle_rules.size() > 1000)
    errors.push_back("a bucket takes at most 1000 lifecycle rules, got " + std::to_string(props_.lifecycle_rules.size()));
  for (std::size_t i = 0; i < props_.cors.size(); ++i) check_cors_rule(props_.cors[i], i, errors);
  if (props_.cors.size() > 100)
    errors.push_back("a bucket takes at most 100 CORS rules, got " + std::to_string(props_.cors.size()));
  if (props_.auto_delete_objects && props_.removal_policy != RemovalPolicy::Delete)
    errors.push_back("auto_delete_objects empties the bucket only when CloudFormation deletes it, so it needs "
                     "removal_policy Delete");
  for (const auto& n : notifications_)
    for (const auto* part : {&n.filter.prefix, &n.filter.suffix})
      if (part->size() > 1024)
        errors.push_back("notification filter prefix and suffix must be at most 1024 characters, got " +
                         std::to_string(part->size()));
  check_overlaps(notifications_, errors);
  return errors;
}

}  // namespace formwork::s3
