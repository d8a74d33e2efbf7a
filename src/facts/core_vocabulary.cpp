#include "facts/core_vocabulary.hpp"

#include <vector>

namespace qaf::detail {
namespace {

// The table below is DOMAIN.md section 4, row by row, in the same order; compare the two when
// either changes (tests/facts_test.cpp holds a third, independent copy).

using values = std::span<const std::string_view>;

constexpr std::string_view rating[] = {"outstanding", "good", "requires_improvement", "inadequate",
                                       "not_rated"};
constexpr std::string_view key_questions[] = {"safe", "effective", "caring", "responsive",
                                              "well_led"};
constexpr std::string_view location[] = {"in_area", "out_of_area"};
constexpr std::string_view regulator[] = {"cqc", "ofsted", "none"};
constexpr std::string_view whistleblowing[] = {"none", "requires_action", "substantiated"};
constexpr std::string_view harm_incident[] = {"none", "moderate", "significant"};
constexpr std::string_view standards_breach[] = {"none", "minor", "affecting_delivery",
                                                 "significant"};
constexpr std::string_view recruitment[] = {"ok", "struggling_with_plan", "struggling_no_plan"};
constexpr std::string_view financial[] = {"stable", "at_risk", "struggling", "failing"};
constexpr std::string_view regulator_enforcement[] = {"none", "warning_notice", "conditions",
                                                      "notice_of_proposal", "closure_warning"};
constexpr std::string_view improvement_plan[] = {"none", "on_track", "behind", "no_progress"};
constexpr std::string_view engagement[] = {"willing", "unwilling"};
constexpr std::string_view placement_stability[] = {"stable", "unsettled"};

struct row {
  std::string_view name;
  std::string_view type;
  values enumeration;  // enumeration values, or the values of an object's keys
  values keys;         // object keys
  bool nullable;
  std::string_view description;
};

constexpr std::string_view boolean = "boolean";
constexpr std::string_view integer = "integer";
constexpr std::string_view string = "string";
constexpr std::string_view date = "date";
constexpr std::string_view enumeration = "enum";
constexpr std::string_view object = "object";

constexpr row rows[] = {
    {"id", string, {}, {}, false, "The provider's identifier; required, unique in a portfolio."},
    {"name", string, {}, {}, false, "The provider's or service's name."},
    {"service_type",
     enumeration,
     {},
     {},
     false,
     "The kind of service; the pack declares the values."},
    {"location", enumeration, location, {}, false, "Whether the service is in the council's area."},
    {"regulator", enumeration, regulator, {}, false, "The regulator that inspects the service."},
    {"regulator_rating", enumeration, rating, {}, false, "The regulator's overall rating."},
    {"key_question_ratings", object, rating, key_questions, false,
     "The regulator's rating for each key question."},
    {"beds", integer, {}, {}, false, "Number of beds."},
    {"service_users", integer, {}, {}, false, "Number of people using the service."},
    {"addresses_in_area", integer, {}, {}, false, "Number of addresses served in the area."},
    {"placed_children", integer, {}, {}, false, "Number of children the council has placed."},
    {"ehcp_children",
     integer,
     {},
     {},
     false,
     "Number of children with an education, health and care plan."},
    {"monitoring_start",
     date,
     {},
     {},
     false,
     "Contract or placement start: the schedule's anchor."},
    {"officer", string, {}, {}, false, "The officer whose portfolio holds the provider."},
    {"unregulated", boolean, {}, {}, false, "The service is not registered with a regulator."},
    {"host_authority_qa",
     boolean,
     {},
     {},
     false,
     "The host authority's quality assurance is relied on."},
    {"listed_company", boolean, {}, {}, false, "The provider is a listed company."},
    {"registered_manager", boolean, {}, {}, false, "A registered manager is in post."},
    {"framework_agreement",
     boolean,
     {},
     {},
     false,
     "Home support on the council's framework agreement."},
    {"care_home_excellence",
     boolean,
     {},
     {},
     false,
     "Signatory of Bolton's care home excellence programme."},
    {"complaints_open", integer, {}, {}, false, "Open complaints."},
    {"safeguarding_concerns_open", integer, {}, {}, false, "Open safeguarding concerns."},
    {"safeguarding_enquiries_open",
     integer,
     {},
     {},
     false,
     "Open safeguarding enquiries (s.42 / s.47)."},
    {"safeguarding_substantiated", integer, {}, {}, false, "Substantiated safeguarding concerns."},
    {"recurring_moderate_incidents", integer, {}, {}, false, "Recurring moderate incidents."},
    {"kpis_not_met", integer, {}, {}, false, "Key performance indicators not met."},
    {"returns_missed", integer, {}, {}, false, "Data returns missed."},
    {"default_notices", integer, {}, {}, false, "Default notices issued."},
    {"complaints_trend", boolean, {}, {}, false, "Complaints show a trend."},
    {"learning_evidenced", boolean, {}, {}, false, "Learning from concerns is evidenced."},
    {"kpi_recovery_plan", boolean, {}, {}, false, "A KPI recovery plan is in place."},
    {"staff_turnover_high", boolean, {}, {}, false, "Staff turnover is high."},
    {"market_exit_notice", boolean, {}, {}, false, "The provider has given market exit notice."},
    {"lado_investigation", boolean, {}, {}, false, "A LADO investigation is open."},
    {"placement_stop", boolean, {}, {}, false, "New placements are stopped."},
    {"whistleblowing", enumeration, whistleblowing, {}, false, "Whistleblowing concerns."},
    {"harm_incident", enumeration, harm_incident, {}, false, "The worst recent harm incident."},
    {"standards_breach",
     enumeration,
     standards_breach,
     {},
     false,
     "Breach of contract or regulatory standards."},
    {"recruitment", enumeration, recruitment, {}, false, "Staff recruitment."},
    {"financial", enumeration, financial, {}, false, "The provider's financial position."},
    {"regulator_enforcement",
     enumeration,
     regulator_enforcement,
     {},
     false,
     "The regulator's enforcement action."},
    {"improvement_plan",
     enumeration,
     improvement_plan,
     {},
     false,
     "Progress of the improvement plan."},
    {"engagement",
     enumeration,
     engagement,
     {},
     false,
     "The provider's engagement with the council."},
    {"placement_stability",
     enumeration,
     placement_stability,
     {},
     false,
     "Stability of placements."},
    {"placement_suspension_since",
     date,
     {},
     {},
     true,
     "Start of a placement suspension; null when none is in place."},
};

std::vector<std::string> to_strings(values list) { return {list.begin(), list.end()}; }

std::vector<qaf::fact_declaration> build() {
  std::vector<qaf::fact_declaration> out;
  out.reserve(std::size(rows));
  for (const row& r : rows) {
    qaf::fact_declaration d;
    d.name = std::string(r.name);
    d.type = std::string(r.type);
    d.values = to_strings(r.enumeration);
    d.keys = to_strings(r.keys);
    d.nullable = r.nullable;
    d.description = std::string(r.description);
    d.core = true;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::span<const qaf::fact_declaration> core_vocabulary() {
  static const std::vector<qaf::fact_declaration> table = build();
  return table;
}

std::span<const std::string_view> regulator_ratings() noexcept { return rating; }

}  // namespace qaf::detail
