// JSONPath as $input.path/$input.json evaluate it (Jayway JsonPath 2.0 semantics; the
// cross-check renders the same paths through Jayway itself).

#include <catch2/catch.hpp>

#include "vtl/vtl.hpp"

using formwork::vtl::jsonpath_json;

namespace {
const char* kDoc = R"({"store": {"book": [{"title": "A", "price": 8.95, "tags": ["x"]},
                                          {"title": "B", "price": 12, "isbn": "1-2"},
                                          {"title": "C", "price": 8.99}],
                               "bicycle": {"color": "red", "price": 19.95}},
                     "it's": 1, "a.b": 2})";
}

TEST_CASE("jsonpath: definite paths", "[vtl][jsonpath]") {
  CHECK(jsonpath_json(kDoc, "$.store.bicycle.color") == "\"red\"");
  CHECK(jsonpath_json(kDoc, "$['store']['bicycle']['price']") == "19.95");
  CHECK(jsonpath_json(kDoc, "$.store.book[1].price") == "12");
  CHECK(jsonpath_json(kDoc, "$.store.book[0].tags") == "[\"x\"]");
  CHECK(jsonpath_json(kDoc, "$[\"it's\"]") == "1");
  CHECK(jsonpath_json(kDoc, "$['a.b']") == "2");
  CHECK(jsonpath_json("[1, 2]", "$") == "[1,2]");
  CHECK(jsonpath_json("\"s\"", "$") == "\"s\"");
}

TEST_CASE("jsonpath: what matches nothing", "[vtl][jsonpath]") {
  CHECK(jsonpath_json(kDoc, "$.nothing") == "null");
  CHECK(jsonpath_json(kDoc, "$.store.book[7]") == "null");
  CHECK(jsonpath_json(kDoc, "$.store.book[-1]") == "null");  // Jayway 2.0: no negative index
  CHECK(jsonpath_json(kDoc, "$.store.bicycle.color.x") == "null");
  CHECK(jsonpath_json(kDoc, "$.store.book[*].isbn") == "[\"1-2\"]");
}

TEST_CASE("jsonpath: indefinite paths give arrays", "[vtl][jsonpath]") {
  CHECK(jsonpath_json(kDoc, "$.store.book[*].title") == "[\"A\",\"B\",\"C\"]");
  CHECK(jsonpath_json(kDoc, "$..price") == "[8.95,12,8.99,19.95]");
  CHECK(jsonpath_json(kDoc, "$.store.bicycle.*") == "[\"red\",19.95]");
  CHECK(jsonpath_json(kDoc, "$.store.book[0,2].title") == "[\"A\",\"C\"]");
  CHECK(jsonpath_json(kDoc, "$.store.book[1:].title") == "[\"B\",\"C\"]");
  CHECK(jsonpath_json(kDoc, "$.store.book[-2:].title") == "[\"B\",\"C\"]");
  CHECK(jsonpath_json(kDoc, "$.store.book[:1].title") == "[\"A\"]");
  CHECK(jsonpath_json(kDoc, "$..tags[0]") == "[\"x\"]");
  CHECK(jsonpath_json(kDoc, "$.nothing[*]") == "[]");
}

TEST_CASE("jsonpath: bad paths and bad JSON are errors", "[vtl][jsonpath]") {
  auto message = [](const char* json, const char* path) {
    try {
      jsonpath_json(json, path);
    } catch (const formwork::vtl::Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(message(kDoc, "store") == "jsonpath: a path starts with '$' at column 1 of 'store'");
  CHECK(message(kDoc, "$.store[") == "jsonpath: expected ']' at column 9 of '$.store['");
  CHECK(message(kDoc, "$.store[x]") == "jsonpath: expected a number at column 9 of '$.store[x]'");
  CHECK(message(kDoc, "$[?(@.price < 10)]") == "jsonpath: filters [?(...)] are outside the supported JSONPath at column 3 of '$[?(@.price < 10)]'");
  CHECK(message(kDoc, "$['a','b']") == "jsonpath: several names in one bracket are outside the supported JSONPath at column 6 of '$['a','b']'");
  CHECK(message("{nope", "$") == "jsonpath: the JSON text does not parse");
}
