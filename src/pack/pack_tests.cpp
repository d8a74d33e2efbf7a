// Runs the worked examples a pack carries (`tests`, docs/pack-format.md). Expectations are
// compared with the results as the JSON output writes them, so a test names fields exactly as a
// user reads them in `qaf schedule`, `qaf rate` and `qaf kpi`, and a field added to the results
// can be tested without touching this file.
#include "qaf/pack_test.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pack/json_reader.hpp"
#include "qaf/engine.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/schedule_render.hpp"

namespace qaf {
namespace {

using json = nlohmann::json;

constexpr const char* failed_code = "qaf.test.failed";
constexpr const char* invalid_code = "qaf.test.invalid";

/// The member of an expected object that names its lists to be compared exactly; it is an
/// instruction to the comparison, not a field of the result.
constexpr const char* exactly_member = "exactly";

bool contains(const json& actual, const json& expected);

/// Whether the list `actual` is the list `expected`: as many items, in the same order, each
/// holding what its expected item gives.
bool equals_in_order(const json& actual, const json& expected) {
  if (!actual.is_array() || actual.size() != expected.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!contains(actual[i], expected[i])) return false;
  }
  return true;
}

/// Whether `actual` holds everything `expected` gives: an object's members (others are not
/// compared), an array's items (each found somewhere in the actual array), or an equal scalar.
/// An object's lists named in its `exactly` member are compared item by item, in order, with
/// nothing more and nothing less.
bool contains(const json& actual, const json& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    const auto exact = expected.find(exactly_member);
    const auto is_exact = [&](const std::string& key) {
      return exact != expected.end() &&
             std::find(exact->begin(), exact->end(), key) != exact->end();
    };
    for (const auto& [key, value] : expected.items()) {
      if (key == exactly_member) continue;
      const auto found = actual.find(key);
      if (found == actual.end()) return false;
      if (is_exact(key) ? !equals_in_order(*found, value) : !contains(*found, value)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return false;
    for (const json& item : expected) {
      bool matched = false;
      for (const json& candidate : actual) {
        if (contains(candidate, item)) {
          matched = true;
          break;
        }
      }
      if (!matched) return false;
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>();
  }
  return actual == expected;
}

/// What the engine gave, shortened to the members the expectation names, so that a failure
/// shows the relevant answers and not whole result objects.
std::string summary(const json& results, const json& expected) {
  if (results.empty()) return "nothing";
  if (!expected.is_object() || !results.front().is_object()) return results.dump();
  json shown = json::array();
  for (const json& item : results) {
    json picked = json::object();
    for (const auto& [key, value] : expected.items()) {
      if (key == exactly_member) continue;
      if (const auto found = item.find(key); found != item.end()) picked[key] = *found;
    }
    shown.push_back(std::move(picked));
  }
  return shown.empty() ? "nothing" : shown.dump();
}

/// The pointer to member or item `key` of the value at `at`.
std::string child(const std::string& at, std::string_view key) {
  std::string pointer = at;
  pointer += '/';
  pointer += key;
  return pointer;
}

/// The members a failure shows of each result compared with `expected` items: those the items
/// name, or, when they name none (an empty list), the fields that identify a result.
json shape_of(const json& expected) {
  json shape = json::object();
  for (const json& item : expected) {
    if (!item.is_object()) continue;
    for (const auto& [key, value] : item.items()) shape[key] = value;
  }
  if (shape.empty()) {
    for (const char* key : {"activity", "due", "rule", "scheme", "level", "kpi", "period"}) {
      shape[key] = nullptr;
    }
  }
  return shape;
}

class test_runner {
 public:
  test_runner(const pack& rules, pack_test_report& report)
      : rules_(rules), engine_(rules), report_(report) {}

  void run(const json& test, const std::string& pointer) {
    failures_before_ = report_.failures.size();
    const auto id = test.is_object() ? test.find("id") : test.end();
    name_ = id != test.end() && id->is_string() ? id->get<std::string>() : "(unnamed)";
    run_checked(test, pointer);
    if (report_.failures.size() > failures_before_) {
      ++report_.failed;
    } else {
      ++report_.passed;
    }
  }

 private:
  void run_checked(const json& test, const std::string& pointer) {
    if (!test.is_object()) {
      fail(invalid_code, pointer, "a test is an object with id, provider, as_of and expect");
      return;
    }
    // A misspelt member ("as-of", "expects") would otherwise be ignored or reported as the
    // member it was meant to be missing.
    static const std::vector<std::string> test_members = {
        "id",    "description", "source", "interpretation", "note", "provider",
        "as_of", "from",        "to",     "expect"};
    for (const auto& [key, value] : test.items()) {
      if (std::find(test_members.begin(), test_members.end(), key) == test_members.end()) {
        fail(invalid_code, pointer + '/' + detail::escape_pointer_token(key),
             detail::unknown_member_message(key, test_members));
      }
    }
    if (const auto source = test.find("source"); source != test.end()) {
      check_source(*source, pointer + "/source");
    }
    if (report_.failures.size() > failures_before_) return;
    const std::optional<provider> record = read_record(test, pointer);
    const std::optional<date> as_of = read_date(test, "as_of", pointer);
    if (!record || !as_of) return;
    const json expect = test.value("expect", json::object());
    if (!expect.is_object() || expect.empty()) {
      fail(invalid_code, pointer + "/expect",
           "expect names what the result must contain: " + join(expect_members()));
      return;
    }
    check_expect_shape(expect, pointer + "/expect");
    if (report_.failures.size() > failures_before_) return;

    try {
      const json results = evaluate(test, expect, *record, *as_of, pointer);
      if (results.is_null()) return;
      const std::string at = pointer + "/expect";
      const json exact = expect.value(exactly_member, json::array());
      for (const auto& [list, what] : found_lists()) {
        // A list compared exactly (below) is reported once, whole, not also item by item.
        const bool whole = std::find(exact.begin(), exact.end(), list) != exact.end();
        if (const auto found = expect.find(list); found != expect.end() && !whole) {
          expect_found(results[list], *found, what, child(at, list));
        }
      }
      if (const auto absent = expect.find("absent"); absent != expect.end()) {
        expect_none(results["occurrences"], *absent, "occurrence", at + "/absent");
      }
      if (const auto none = expect.find("not"); none != expect.end()) {
        for (const auto& [list, items] : none->items()) {
          expect_none(results[list], items, item_name(list), child(at + "/not", list));
        }
      }
      if (const auto only = expect.find("only"); only != expect.end()) {
        for (std::size_t i = 0; i < only->size(); ++i) {
          expect_only(results["occurrences"], (*only)[i], at + "/only/" + std::to_string(i));
        }
      }
      for (const json& list : exact) {
        const std::string name = list.get<std::string>();
        expect_exactly(results[name], expect[name], item_name(name), child(at, name));
      }
    } catch (const input_error& e) {
      for (const diagnostic& d : e.diagnostics()) {
        report_.failures.push_back(
            {d.code, rules_.origin(), pointer + "/provider" + d.pointer, test_says(d.message)});
      }
    } catch (const std::exception& e) {
      fail(failed_code, pointer,
           std::string("the engine could not evaluate the test: ") + e.what());
    }
  }

  // A test cites what it checks as a rule does: a document of the pack's `sources` and the
  // section, with an optional quote.
  void check_source(const json& source, const std::string& at) {
    std::vector<std::string> documents;
    for (const source_document& d : rules_.info().sources) documents.push_back(d.id);
    if (!source.is_object() || !source.contains("document") || !source["document"].is_string() ||
        !source.contains("section") || !source["section"].is_string() ||
        source["section"].get<std::string>().empty()) {
      fail(invalid_code, at,
           "source is {\"document\": <one of the pack's sources>, \"section\": \"...\"} with "
           "an optional quote");
      return;
    }
    for (const auto& [key, value] : source.items()) {
      if (key != "document" && key != "section" && key != "quote") {
        fail(invalid_code, at + "/" + detail::escape_pointer_token(key),
             detail::unknown_member_message(key, {"document", "quote", "section"}));
      } else if (key == "quote" && !value.is_string()) {
        fail(invalid_code, at + "/quote", "quote is the source's words, a string");
      }
    }
    const std::string document = source["document"].get<std::string>();
    if (std::find(documents.begin(), documents.end(), document) == documents.end()) {
      fail(invalid_code, at + "/document",
           "'" + document + "' is not one of the pack's sources: " + join(documents));
    }
  }

  // The lists an expectation may name, each checked for items found in the result, and what
  // one item of each is called in a failure.
  static const std::vector<std::pair<std::string, const char*>>& found_lists() {
    static const std::vector<std::pair<std::string, const char*>> lists = {
        {"occurrences", "occurrence"},
        {"ratings", "rating"},
        {"kpis", "KPI result"},
        {"minimum_visits", "minimum-visit check"},
        {"unknown_facts", "unknown fact"},
        {"warnings", "warning"}};
    return lists;
  }

  static const char* item_name(const std::string& list) {
    for (const auto& [name, what] : found_lists()) {
      if (name == list) return what;
    }
    return "item";
  }

  static std::vector<std::string> expect_members() {
    std::vector<std::string> members;
    for (const auto& [name, what] : found_lists()) members.push_back(name);
    members.insert(members.end(), {"absent", "not", "only", exactly_member});
    std::sort(members.begin(), members.end());
    return members;
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
  }

  // Every member of `expect` is one the format has, with the shape it takes, so that a misspelt
  // or misshapen expectation is reported instead of silently passing.
  void check_expect_shape(const json& expect, const std::string& at) {
    const std::vector<std::string> members = expect_members();
    for (const auto& [key, value] : expect.items()) {
      const std::string where = at + "/" + detail::escape_pointer_token(key);
      if (std::find(members.begin(), members.end(), key) == members.end()) {
        fail(invalid_code, where, detail::unknown_member_message(key, members));
      } else if (!value.is_array()) {
        if (key != "not" || !value.is_object()) {
          fail(invalid_code, where,
               key == "not" ? "not is an object of lists: occurrences, ratings, kpis or "
                              "minimum_visits, each item one that must not be in the result"
                            : key + " is a list");
        }
      }
    }
    if (report_.failures.size() > failures_before_) return;
    for (const std::string list : {"occurrences", "ratings", "kpis", "minimum_visits", "absent"}) {
      if (const auto items = expect.find(list); items != expect.end()) {
        check_items(*items, child(at, list));
      }
    }
    if (const auto none = expect.find("not"); none != expect.end()) {
      const std::vector<std::string> lists = {"kpis", "minimum_visits", "occurrences", "ratings"};
      for (const auto& [key, value] : none->items()) {
        const std::string where = at + "/not/" + detail::escape_pointer_token(key);
        if (std::find(lists.begin(), lists.end(), key) == lists.end()) {
          fail(invalid_code, where, detail::unknown_member_message(key, lists));
        } else if (!value.is_array()) {
          fail(invalid_code, where, key + " is a list of items that must not be in the result");
        } else {
          check_items(value, where);
        }
      }
    }
    for (const std::string list : {"unknown_facts"}) {
      if (const auto items = expect.find(list); items != expect.end()) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          if (!(*items)[i].is_string()) {
            fail(invalid_code, child(child(at, list), std::to_string(i)),
                 "an unknown fact is named by a string: \"monitoring_start\"");
          }
        }
      }
    }
    if (const auto warnings = expect.find("warnings"); warnings != expect.end()) {
      check_items(*warnings, at + "/warnings");
    }
    if (const auto only = expect.find("only"); only != expect.end()) {
      for (std::size_t i = 0; i < only->size(); ++i) {
        check_only((*only)[i], at + "/only/" + std::to_string(i));
      }
    }
    if (const auto exact = expect.find(exactly_member); exact != expect.end()) {
      for (std::size_t i = 0; i < exact->size(); ++i) {
        const json& name = (*exact)[i];
        if (!name.is_string() || !expect.contains(name.get<std::string>()) || name == "absent" ||
            name == "not" || name == "only" || name == exactly_member) {
          fail(invalid_code, at + "/exactly/" + std::to_string(i),
               "exactly names lists this expect gives, to be compared item by item in order: "
               "occurrences, ratings, kpis, minimum_visits, unknown_facts or warnings");
        }
      }
    }
  }

  // Each expected item is an object, and the lists its `exactly` names (at any depth) are lists
  // it gives.
  void check_items(const json& items, const std::string& at) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string where = at + "/" + std::to_string(i);
      if (!items[i].is_object()) {
        fail(invalid_code, where, "an expected item is an object naming the fields to compare");
        continue;
      }
      check_exactly(items[i], where);
    }
  }

  void check_exactly(const json& item, const std::string& at) {
    for (const auto& [key, value] : item.items()) {
      const std::string where = at + "/" + detail::escape_pointer_token(key);
      if (key == exactly_member) {
        bool good = value.is_array() && !value.empty();
        for (const json& name : value) {
          good = good && name.is_string() && item.contains(name.get<std::string>()) &&
                 item[name.get<std::string>()].is_array();
        }
        if (!good) {
          fail(invalid_code, where,
               "exactly names lists this item gives, to be compared item by item in order "
               "(\"exactly\": [\"reasons\"])");
        }
      } else if (value.is_object()) {
        check_exactly(value, where);
      } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i].is_object()) check_exactly(value[i], where + "/" + std::to_string(i));
        }
      }
    }
  }

  void check_only(const json& only, const std::string& at) {
    if (!only.is_object() || !only.contains("where") || !only["where"].is_object() ||
        !only.contains("occurrences") || !only["occurrences"].is_array()) {
      fail(invalid_code, at,
           "only is {\"where\": {fields}, \"occurrences\": [items]}: the occurrences whose "
           "fields are those of where, exactly, in order");
      return;
    }
    for (const auto& [key, value] : only.items()) {
      if (key != "where" && key != "occurrences") {
        fail(invalid_code, at + "/" + detail::escape_pointer_token(key),
             detail::unknown_member_message(key, {"occurrences", "where"}));
      }
    }
    check_items(only["occurrences"], at + "/occurrences");
  }

  // The results the expectation reads, as the JSON output writes them: the schedule's
  // occurrences, minimum-visit checks, unknown facts and warnings for [from, to] as of as_of
  // (when any of them is expected), the ratings and the KPI results as of as_of. Null when the
  // window's dates are malformed (already reported).
  json evaluate(const json& test, const json& expect, const provider& record, date as_of,
                const std::string& pointer) {
    json results = {{"occurrences", json::array()},   {"ratings", json::array()},
                    {"kpis", json::array()},          {"minimum_visits", json::array()},
                    {"unknown_facts", json::array()}, {"warnings", json::array()}};
    const json none = expect.value("not", json::object());
    const bool schedule_asked = expect.contains("occurrences") || expect.contains("absent") ||
                                expect.contains("only") || expect.contains("minimum_visits") ||
                                expect.contains("unknown_facts") || expect.contains("warnings") ||
                                none.contains("occurrences") || none.contains("minimum_visits");
    if (schedule_asked) {
      const std::optional<date> from =
          test.contains("from") ? read_date(test, "from", pointer) : std::optional<date>(as_of);
      const std::optional<date> to = test.contains("to")
                                         ? read_date(test, "to", pointer)
                                         : std::optional<date>(add_months(as_of, 12));
      if (!from || !to) return nullptr;
      const schedule_result schedule = engine_.schedule(record, {*from, *to, as_of});
      for (const occurrence& o : schedule.occurrences) {
        results["occurrences"].push_back(json::parse(detail::occurrence_json(o).dump()));
      }
      for (const minimum_visits_check& c : schedule.minimum_visits) {
        results["minimum_visits"].push_back(
            json::parse(detail::minimum_visits_json(record.id, c).dump()));
      }
      results["unknown_facts"] = schedule.unknown_facts;
      for (const occurrence_warning& w : schedule.warnings) {
        results["warnings"].push_back({{"code", w.code}, {"message", w.message}});
      }
    }
    if (expect.contains("ratings") || none.contains("ratings")) {
      for (const rating& r : engine_.rate(record, as_of)) {
        results["ratings"].push_back(json::parse(detail::rating_json(r, /*explain=*/true).dump()));
      }
    }
    if (expect.contains("kpis") || none.contains("kpis")) {
      for (const kpi_result& k : engine_.evaluate_kpis(record, as_of)) {
        results["kpis"].push_back(json::parse(detail::kpi_result_json(k, /*explain=*/true).dump()));
      }
    }
    return results;
  }

  std::optional<provider> read_record(const json& test, const std::string& pointer) {
    if (!test.contains("provider")) {
      fail(invalid_code, pointer, "a test needs a provider record");
      return std::nullopt;
    }
    // The record is read exactly as a portfolio's records are, so a test cannot carry a record
    // that a portfolio could not.
    const json portfolio = {{"providers", json::array({test["provider"]})}};
    portfolio_result read = parse_portfolio_json(rules_, portfolio.dump(), rules_.origin());
    if (read) return std::move(read.portfolio->providers.front());
    constexpr std::string_view record_pointer = "/providers/0";
    for (diagnostic& d : read.diagnostics) {
      std::string where = d.pointer.starts_with(record_pointer)
                              ? pointer + "/provider" + d.pointer.substr(record_pointer.size())
                              : pointer + "/provider";
      report_.failures.push_back(
          {std::move(d.code), rules_.origin(), std::move(where), test_says(d.message)});
    }
    return std::nullopt;
  }

  std::optional<date> read_date(const json& test, const char* member, const std::string& pointer) {
    const std::string where = pointer + "/" + member;
    const auto found = test.find(member);
    if (found == test.end() || !found->is_string()) {
      fail(invalid_code, where, std::string(member) + " is a date, YYYY-MM-DD");
      return std::nullopt;
    }
    std::string why;
    const std::optional<date> parsed = date::try_parse(found->get<std::string>(), &why);
    if (!parsed) fail(invalid_code, where, why);
    return parsed;
  }

  void expect_found(const json& results, const json& expected, const char* what,
                    const std::string& at) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (contains(results, json::array({expected[i]}))) continue;
      fail(failed_code, at + "/" + std::to_string(i),
           std::string("expected ") + what + " " + expected[i].dump() + "; the engine gave " +
               summary(results, expected[i]));
    }
  }

  void expect_none(const json& results, const json& unwanted, const char* what,
                   const std::string& at) {
    for (std::size_t i = 0; i < unwanted.size(); ++i) {
      for (const json& item : results) {
        if (!contains(item, unwanted[i])) continue;
        fail(failed_code, at + "/" + std::to_string(i),
             std::string("expected no ") + what + " " + unwanted[i].dump() + "; the engine gave " +
                 summary(json::array({item}), unwanted[i]));
        break;
      }
    }
  }

  // The occurrences whose fields are those of `where` must be the expected ones, in order.
  void expect_only(const json& occurrences, const json& only, const std::string& at) {
    const json& where = only["where"];
    const json& expected = only["occurrences"];
    json selected = json::array();
    for (const json& o : occurrences) {
      if (contains(o, where)) selected.push_back(o);
    }
    if (equals_in_order(selected, expected)) return;
    const json shape = shape_of(expected);
    fail(failed_code, at,
         "expected exactly " + std::to_string(expected.size()) + " occurrence" +
             (expected.size() == 1 ? "" : "s") + " where " + where.dump() +
             ", in order: " + expected.dump() + "; the engine gave " + summary(selected, shape));
  }

  void expect_exactly(const json& results, const json& expected, const char* what,
                      const std::string& at) {
    if (equals_in_order(results, expected)) return;
    const json shape = shape_of(expected);
    fail(failed_code, at,
         "expected exactly " + std::to_string(expected.size()) + " " + what +
             (expected.size() == 1 ? "" : "s") + ", in order: " + expected.dump() +
             "; the engine gave " + summary(results, shape));
  }

  void fail(const char* code, std::string pointer, const std::string& message) {
    report_.failures.push_back({code, rules_.origin(), std::move(pointer), test_says(message)});
  }

  std::string test_says(const std::string& message) const {
    return "test '" + name_ + "': " + message;
  }

  const pack& rules_;
  const engine engine_;
  pack_test_report& report_;
  std::size_t failures_before_ = 0;
  std::string name_;
};

}  // namespace

pack_test_report run_pack_tests(const pack& rules) {
  pack_test_report report;
  // The pack loaded, so its text is JSON; `tests` is optional and its shape checked here.
  const json document = json::parse(rules.json_text());
  const auto tests = document.find("tests");
  if (tests == document.end()) return report;
  test_runner runner(rules, report);
  for (std::size_t i = 0; i < tests->size(); ++i) {
    runner.run((*tests)[i], "/tests/" + std::to_string(i));
  }
  return report;
}

}  // namespace qaf
