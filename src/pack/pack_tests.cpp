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

/// Whether `actual` holds everything `expected` gives: an object's members (others are not
/// compared), an array's items (each found somewhere in the actual array), or an equal scalar.
bool contains(const json& actual, const json& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [key, value] : expected.items()) {
      const auto found = actual.find(key);
      if (found == actual.end() || !contains(*found, value)) return false;
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
  json shown = json::array();
  for (const json& item : results) {
    json picked = json::object();
    for (const auto& [key, value] : expected.items()) {
      if (const auto found = item.find(key); found != item.end()) picked[key] = *found;
    }
    shown.push_back(std::move(picked));
  }
  return shown.empty() ? "nothing" : shown.dump();
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
        "id", "description", "provider", "as_of", "from", "to", "expect"};
    for (const auto& [key, value] : test.items()) {
      if (std::find(test_members.begin(), test_members.end(), key) == test_members.end()) {
        fail(invalid_code, pointer + '/' + detail::escape_pointer_token(key),
             detail::unknown_member_message(key, test_members));
      }
    }
    if (report_.failures.size() > failures_before_) return;
    const std::optional<provider> record = read_record(test, pointer);
    const std::optional<date> as_of = read_date(test, "as_of", pointer);
    if (!record || !as_of) return;
    const json expect = test.value("expect", json::object());
    if (!expect.is_object() || expect.empty()) {
      fail(invalid_code, pointer + "/expect",
           "expect names what the result must contain: occurrences, absent, ratings or kpis");
      return;
    }
    for (const auto& [key, value] : expect.items()) {
      std::string where = pointer;
      where.append("/expect/").append(key);
      if (key != "occurrences" && key != "absent" && key != "ratings" && key != "kpis") {
        fail(invalid_code, std::move(where),
             detail::unknown_member_message(key, {"absent", "kpis", "occurrences", "ratings"}));
      } else if (!value.is_array()) {
        fail(invalid_code, std::move(where), key + " is a list of expected items");
      }
    }
    if (report_.failures.size() > failures_before_) return;

    try {
      if (expect.contains("occurrences") || expect.contains("absent")) {
        const std::optional<date> from =
            test.contains("from") ? read_date(test, "from", pointer) : std::optional<date>(*as_of);
        const std::optional<date> to = test.contains("to")
                                           ? read_date(test, "to", pointer)
                                           : std::optional<date>(add_months(*as_of, 12));
        if (!from || !to) return;
        json occurrences = json::array();
        const schedule_result schedule = engine_.schedule(*record, {*from, *to, *as_of});
        for (const occurrence& o : schedule.occurrences) {
          occurrences.push_back(json::parse(detail::occurrence_json(o).dump()));
        }
        expect_found(occurrences, expect, "occurrences", "occurrence", pointer);
        expect_absent(occurrences, expect, pointer);
      }
      if (expect.contains("ratings")) {
        json ratings = json::array();
        for (const rating& r : engine_.rate(*record, *as_of)) {
          ratings.push_back(json::parse(detail::rating_json(r, /*explain=*/true).dump()));
        }
        expect_found(ratings, expect, "ratings", "rating", pointer);
      }
      if (expect.contains("kpis")) {
        json kpis = json::array();
        for (const kpi_result& k : engine_.evaluate_kpis(*record, *as_of)) {
          kpis.push_back(json::parse(detail::kpi_result_json(k, /*explain=*/true).dump()));
        }
        expect_found(kpis, expect, "kpis", "KPI result", pointer);
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

  void expect_found(const json& results, const json& expect, const char* list, const char* what,
                    const std::string& pointer) {
    if (!expect.contains(list)) return;
    const json& expected = expect[list];
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (contains(results, json::array({expected[i]}))) continue;
      fail(failed_code, pointer + "/expect/" + list + "/" + std::to_string(i),
           std::string("expected ") + what + " " + expected[i].dump() + "; the engine gave " +
               summary(results, expected[i]));
    }
  }

  void expect_absent(const json& occurrences, const json& expect, const std::string& pointer) {
    if (!expect.contains("absent")) return;
    const json& absent = expect["absent"];
    for (std::size_t i = 0; i < absent.size(); ++i) {
      for (const json& o : occurrences) {
        if (!contains(o, absent[i])) continue;
        fail(failed_code, pointer + "/expect/absent/" + std::to_string(i),
             "expected no occurrence " + absent[i].dump() + "; the engine gave " +
                 summary(json::array({o}), absent[i]));
        break;
      }
    }
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
