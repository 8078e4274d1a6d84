#pragma once

// What the import engine knows of the typed L1 classes (constructs/cfn/*.generated.hpp):
// per resource type its namespace and class, its props' members and nested structs, and its
// attribute accessors. The data (l1_types.generated.cpp) is written by scripts/generate_l1.py;
// it is indexed on first use and a type is parsed the first time a template uses it.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace formwork::importer::detail {

extern const char kL1TypeData[];
extern const std::size_t kL1TypeDataSize;

/// A member of a props struct or of a nested struct.
struct Member {
  std::string cfn_name;  ///< `DelaySeconds`
  std::string name;      ///< `delay_seconds`
  std::string type;      ///< `Integer`, `String`, `Json`, `List<Tag>`, `Map<String>`, `Object<Tag>`
  bool required = false;
};

struct L1Type {
  std::string ns;          ///< `sqs`: the class is formwork::cfn::sqs::Queue
  std::string cls;         ///< `Queue`
  std::vector<Member> props;
  std::map<std::string, std::vector<Member>, std::less<>> structs;  ///< nested struct -> members
  std::map<std::string, std::string, std::less<>> attributes;       ///< `Arn` -> `attr_arn`

  /// `cfn::sqs::Queue`
  [[nodiscard]] std::string qualified() const { return "cfn::" + ns + "::" + cls; }
};

/// The typed class of a resource type, or nullptr when there is none (`Custom::…`, a type
/// outside the schemas).
[[nodiscard]] const L1Type* find_l1_type(std::string_view type);

}  // namespace formwork::importer::detail
