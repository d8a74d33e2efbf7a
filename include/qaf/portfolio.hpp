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
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"

namespace qaf {

class pack;

/// A fact keyed by sub-name, each value one of an enumeration: key_question_ratings holds
/// {"safe": "good", "well_led": "requires_improvement", ...}.
using fact_object = std::map<std::string, std::string, std::less<>>;

/// One fact's value. Enumerated facts hold their value as a string ("childrens_home");
/// `nullptr` is an explicit null, which only facts declared nullable accept (a
/// placement_suspension_since of null says there is no suspension). A fact that is absent from
/// the record is unknown, which is different: conditions that need it stay undecided.
using fact_value =
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, date, fact_object>;

/// A completed QA activity: `activity` is a code the pack declares ("QMC-1"), done `on` a day,
/// with the `outcome` it found where the pack's activity records outcomes.
/// It may name the obligation it fulfils (DOMAIN.md section 2): the period of a return
/// (`"period": "2024-04-01/2024-06-30"`, both ends given, start not after end) or the due date
/// of a visit (`"due": "2024-07-13"`); otherwise the scheduler matches it to the earliest
/// outstanding obligation.
struct activity_record {
  std::string activity;
  date on;
  std::optional<date> due = std::nullopt;
  std::optional<date> period_start = std::nullopt;
  std::optional<date> period_end = std::nullopt;
  /// What the activity found (`"outcome": "poor"`), one of the outcomes the pack declares for it;
  /// conditions read the latest with outcome('AUDIT'), and results show it where the record
  /// fulfilled an obligation.
  std::optional<std::string> outcome = std::nullopt;
};

/// A dated event: `type` is one of the event types of DOMAIN.md section 4
/// (regulator_rating_changed, facts_changed, registered_manager_changed, concern_raised,
/// return_missed); `details` holds its other text fields, e.g. {"from": "good", "to":
/// "inadequate"} for a regulator_rating_changed. A facts_changed event carries the facts in force
/// from its date in `facts` and, when known, those before it in `facts_before` (its `from`); both
/// are checked as a record's facts are (declared, typed, within their enumerations).
struct event {
  std::string type;
  date on;
  std::map<std::string, std::string, std::less<>> details;
  std::map<std::string, fact_value, std::less<>> facts = {};
  std::map<std::string, fact_value, std::less<>> facts_before = {};
};

/// A percentage measure's parts; a denominator of 0 makes the KPI not applicable.
struct ratio {
  double numerator = 0;
  double denominator = 0;
};

/// One KPI's value in a return: a count, a ratio, or evidence (true when supplied).
using kpi_value = std::variant<double, ratio, bool>;

/// A data return for one period [start, end], keyed by KPI id; `explained` lists the KPIs whose
/// shortfall the provider explained in the return; `inaccurate` lists the KPIs whose reported
/// value the council found inaccurate (counted as not met, docs/kpis.md).
struct data_return {
  date start;
  date end;
  std::map<std::string, kpi_value, std::less<>> values;
  std::vector<std::string> explained;
  std::vector<std::string> inaccurate;
};

/// A level of a classification scheme as a pack names it: PQR and threshold levels are
/// numbers (1-5, 1-3), RAG levels words ("high").
using level_value = std::variant<std::int64_t, std::string>;

/// An officer's judgement that replaces the suggested level of one scheme for this provider.
/// Results keep it beside the suggestion, never in its place.
struct rating_override {
  std::string scheme;  // "pqr", "threshold", "rag"
  level_value level;
  std::string reason;
  std::string officer;
  date on;
};

/// A rating the provider was given in the past, for telling escalation from de-escalation.
struct past_rating {
  std::string scheme;
  level_value level;
  date on;
};

struct provider {
  std::string id;
  std::map<std::string, fact_value, std::less<>> facts = {};
  std::vector<activity_record> history;
  std::vector<event> events;
  std::vector<data_return> returns;
  std::vector<rating_override> overrides;
  std::vector<past_rating> ratings;
};

struct portfolio {
  /// The pack the file names (`{"pack": "devon-children-residential", "providers": [...]}`),
  /// empty when it names none. The records were checked against the pack the reader was given,
  /// which a caller may have chosen over this one (`qaf --pack` overrides it).
  std::string pack;
  std::vector<provider> providers;
};

/// A portfolio, or every reason it could not be read. Nothing partial: when any record is wrong
/// there is no portfolio.
struct portfolio_result {
  std::optional<qaf::portfolio> portfolio;
  std::vector<diagnostic> diagnostics;

  explicit operator bool() const noexcept { return portfolio.has_value(); }
};

/// Reads a portfolio file and checks it against the pack: a file whose name ends in ".csv" is
/// CSV, anything else JSON. Errors point into the file: a JSON Pointer
/// ("/providers/3/facts/beds") or, for CSV, "row:column" (the header is row 1); malformed JSON
/// at "line:column". Text is UTF-8 (qaf.portfolio.encoding otherwise); a leading byte order mark
/// is skipped.
portfolio_result read_portfolio(const pack& rules, const std::string& path);

/// The pack a JSON portfolio file names in its `"pack"` member, so that a caller can load that
/// pack before reading the portfolio against it. nullopt when the file names none, is CSV, or
/// cannot be read as JSON as far as that member: read_portfolio then says what is wrong.
std::optional<std::string> portfolio_pack_name(const std::string& path);

/// JSON text `{"pack"?: "<id>", "providers": [record, ...]}`; records as in DOMAIN.md section 4.
portfolio_result parse_portfolio_json(const pack& rules, std::string_view text,
                                      std::string_view file_name);

/// CSV text: a header row, then one provider a row. Columns: `id`, fact names (an object fact
/// as one column a key, `key_question_ratings.safe`), and `last_<ACTIVITY>` for the date an
/// activity was last done (`last_QMC-1`). An empty cell is an unknown fact.
portfolio_result parse_portfolio_csv(const pack& rules, std::string_view text,
                                     std::string_view file_name);

/// Checks one record built in code against the pack, as the readers check records they read.
/// Pointers are relative to the record ("/facts/beds").
std::vector<diagnostic> check_provider(const pack& rules, const provider& record);

/// As above, and also that the record's facts, its values as of `as_of`, agree with its latest
/// dated change on or before then (a facts_changed event, a regulator_rating_changed's `to`):
/// qaf.portfolio.facts_contradict at "/facts/<name>", naming the event (DOMAIN.md section 2).
std::vector<diagnostic> check_provider(const pack& rules, const provider& record, date as_of);

}  // namespace qaf
