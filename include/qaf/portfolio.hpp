// Provider records: the facts a council holds about a provider, the QA activity it has had, the
// dated events that trigger obligations, and its data returns. A portfolio is a list of records.
//
// Records are plain values. A case-management system can fill them directly:
//
//   qaf::provider p;
//   p.id = "home-17";
//   p.facts["service_type"] = std::string("childrens_home");
//   p.facts["beds"] = std::int64_t{4};
//   p.facts["monitoring_start"] = qaf::date::parse("2023-04-01");
//   p.history.push_back({"QMC-1", qaf::date::parse("2024-05-13")});
//
// or read them from a portfolio file (JSON or CSV) checked against a pack; see pack.hpp.
// Facts are checked against the pack's declarations when the engine binds a record: an
// undeclared fact, a value of the wrong type or outside its enumeration is an input error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "qaf/date.hpp"

namespace qaf {

/// A fact keyed by sub-name, each value one of an enumeration: key_question_ratings holds
/// {"safe": "good", "well_led": "requires_improvement", ...}.
using fact_object = std::map<std::string, std::string, std::less<>>;

/// One fact's value. Enumerated facts hold their value as a string ("childrens_home");
/// `nullptr` is an explicit null, which only facts declared nullable accept (a
/// placement_suspension_since of null says there is no suspension). A fact that is absent from
/// the record is unknown, which is different: conditions that need it stay undecided.
using fact_value =
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, date, fact_object>;

/// A completed QA activity: `activity` is a code the pack declares ("QMC-1").
struct activity_record {
  std::string activity;
  date on;
};

/// A dated event: `type` is one of the event types of DOMAIN.md section 4
/// (regulator_rating_changed, registered_manager_changed, concern_raised, return_missed);
/// `details` holds its other fields, e.g. {"to": "inadequate"}.
struct event {
  std::string type;
  date on;
  std::map<std::string, std::string, std::less<>> details;
};

/// A percentage measure's parts; a denominator of 0 makes the KPI not applicable.
struct ratio {
  double numerator = 0;
  double denominator = 0;
};

/// One KPI's value in a return: a count, a ratio, or evidence (true when supplied).
using kpi_value = std::variant<double, ratio, bool>;

/// A data return for one period [start, end], keyed by KPI id; `explained` lists the KPIs whose
/// shortfall the provider explained in the return.
struct data_return {
  date start;
  date end;
  std::map<std::string, kpi_value, std::less<>> values;
  std::vector<std::string> explained;
};

struct provider {
  std::string id;
  std::map<std::string, fact_value, std::less<>> facts;
  std::vector<activity_record> history;
  std::vector<event> events;
  std::vector<data_return> returns;
};

struct portfolio {
  std::vector<provider> providers;
};

}  // namespace qaf
