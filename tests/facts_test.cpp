// The fact table, binding provider records to it, and reading CSV cells (src/facts).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "facts/bound_record.hpp"
#include "facts/core_vocabulary.hpp"
#include "facts/fact_conversion.hpp"
#include "facts/fact_table.hpp"
#include "facts/spelling.hpp"

namespace qaf::detail {
namespace {

using strings = std::vector<std::string>;

// DOMAIN.md section 4, transcribed separately from src/facts/core_vocabulary.cpp.
struct expected_fact {
  std::string name;
  std::string type;
  strings values;
  strings keys;
  bool nullable = false;
};

const strings rating = {"outstanding", "good", "requires_improvement", "inadequate", "not_rated"};

std::vector<expected_fact> domain_vocabulary() {
  std::vector<expected_fact> facts = {
      {"id", "string", {}, {}},
      {"name", "string", {}, {}},
      {"service_type", "enum", {}, {}},
      {"location", "enum", {"in_area", "out_of_area"}, {}},
      {"regulator", "enum", {"cqc", "ofsted", "none"}, {}},
      {"regulator_rating", "enum", rating, {}},
      {"key_question_ratings",
       "object",
       rating,
       {"safe", "effective", "caring", "responsive", "well_led"}},
  };
  for (const char* n :
       {"beds", "service_users", "addresses_in_area", "placed_children", "ehcp_children"}) {
    facts.push_back({n, "integer", {}, {}});
  }
  facts.push_back({"monitoring_start", "date", {}, {}});
  facts.push_back({"officer", "string", {}, {}});
  for (const char* n : {"unregulated", "host_authority_qa", "listed_company", "registered_manager",
                        "framework_agreement", "care_home_excellence"}) {
    facts.push_back({n, "boolean", {}, {}});
  }
  for (const char* n :
       {"complaints_open", "safeguarding_concerns_open", "safeguarding_enquiries_open",
        "safeguarding_substantiated", "recurring_moderate_incidents", "kpis_not_met",
        "returns_missed", "default_notices"}) {
    facts.push_back({n, "integer", {}, {}});
  }
  for (const char* n :
       {"complaints_trend", "learning_evidenced", "kpi_recovery_plan", "staff_turnover_high",
        "market_exit_notice", "lado_investigation", "placement_stop"}) {
    facts.push_back({n, "boolean", {}, {}});
  }
  facts.push_back({"whistleblowing", "enum", {"none", "requires_action", "substantiated"}, {}});
  facts.push_back({"harm_incident", "enum", {"none", "moderate", "significant"}, {}});
  facts.push_back(
      {"standards_breach", "enum", {"none", "minor", "affecting_delivery", "significant"}, {}});
  facts.push_back(
      {"recruitment", "enum", {"ok", "struggling_with_plan", "struggling_no_plan"}, {}});
  facts.push_back({"financial", "enum", {"stable", "at_risk", "struggling", "failing"}, {}});
  facts.push_back(
      {"regulator_enforcement",
       "enum",
       {"none", "warning_notice", "conditions", "notice_of_proposal", "closure_warning"},
       {}});
  facts.push_back({"improvement_plan", "enum", {"none", "on_track", "behind", "no_progress"}, {}});
  facts.push_back({"engagement", "enum", {"willing", "unwilling"}, {}});
  facts.push_back({"placement_stability", "enum", {"stable", "unsettled"}, {}});
  facts.push_back({"placement_suspension_since", "date", {}, {}, true});
  return facts;
}

const strings service_types = {"childrens_home", "supported_accommodation"};

fact_table core_table() { return fact_table::core(service_types); }

qaf::fact_declaration declare(std::string name, std::string type, strings values = {},
                              strings keys = {}, bool nullable = false) {
  qaf::fact_declaration d;
  d.name = std::move(name);
  d.type = std::move(type);
  d.values = std::move(values);
  d.keys = std::move(keys);
  d.nullable = nullable;
  return d;
}

// code@pointer for each diagnostic, in order: compact to compare.
strings where(const std::vector<diagnostic>& found) {
  strings out;
  for (const diagnostic& d : found) out.push_back(d.code + "@" + d.pointer);
  return out;
}

TEST(Facts, CoreVocabularyIsExactlyDomainSectionFour) {
  const std::vector<expected_fact> expected = domain_vocabulary();
  const auto actual = core_vocabulary();
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(actual[i].name, expected[i].name);
    EXPECT_EQ(actual[i].type, expected[i].type);
    EXPECT_EQ(actual[i].values, expected[i].values);
    EXPECT_EQ(actual[i].keys, expected[i].keys);
    EXPECT_EQ(actual[i].nullable, expected[i].nullable);
    EXPECT_TRUE(actual[i].core);
    EXPECT_FALSE(actual[i].description.empty());
  }
  const auto ratings = regulator_ratings();
  EXPECT_EQ(strings(ratings.begin(), ratings.end()), rating);
}

TEST(Facts, TableGivesObjectFactsOneSlotPerKey) {
  const fact_table table = core_table();
  EXPECT_EQ(table.fact_count(), domain_vocabulary().size());
  // 45 facts, one of them an object with 5 keys.
  EXPECT_EQ(table.total_slots(), table.fact_count() + 4);
  const std::uint32_t kqr = *table.find("key_question_ratings");
  EXPECT_EQ(table.kind(kqr), fact_kind::object);
  EXPECT_EQ(table.slot_count(kqr), 5u);
  const std::uint32_t first = table.first_slot(kqr);
  EXPECT_EQ(table.find_slot("key_question_ratings.safe"), first);
  EXPECT_EQ(table.find_slot("key_question_ratings.well_led"), first + 4);
  EXPECT_EQ(table.slot_name(first + 1), "key_question_ratings.effective");
  EXPECT_EQ(table.fact_of_slot(first + 3), kqr);
  EXPECT_EQ(table.find_slot("key_question_ratings"), std::nullopt);
  EXPECT_EQ(table.find_slot("key_question_ratings.unsafe"), std::nullopt);
  EXPECT_EQ(table.find_slot("beds.safe"), std::nullopt);
  const std::uint32_t beds = *table.find("beds");
  EXPECT_EQ(table.first_slot(beds), first + 5);  // beds follows key_question_ratings
  EXPECT_EQ(table.slot_name(table.first_slot(beds)), "beds");
  EXPECT_EQ(table.minimum(beds), 0);
  EXPECT_EQ(table.minimum(*table.find("name")), std::nullopt);
  // Slots are dense: every slot belongs to exactly one fact, in order.
  std::uint32_t next = 0;
  for (std::uint32_t f = 0; f < table.fact_count(); ++f) {
    EXPECT_EQ(table.first_slot(f), next);
    next += table.slot_count(f);
  }
  EXPECT_EQ(next, table.total_slots());
}

TEST(Facts, TableTakesServiceTypesFromThePack) {
  const fact_table table = core_table();
  const std::uint32_t st = *table.find("service_type");
  EXPECT_EQ(table.declaration(st).values, service_types);
  EXPECT_EQ(table.enum_index(st, "supported_accommodation"), 1u);
  EXPECT_EQ(table.enum_index(st, "nursing"), std::nullopt);
  EXPECT_THROW(fact_table::core(strings{"Childrens Home"}), std::invalid_argument);
  EXPECT_THROW(fact_table::core(strings{"a", "a"}), std::invalid_argument);
}

TEST(Facts, TableAddsPackFacts) {
  std::vector<diagnostic> found;
  const std::vector<qaf::fact_declaration> declared = {
      declare("flu_service", "boolean"),
      declare("vacancies", "integer"),
      declare("contract_value", "number"),
      declare("lot", "enum", {"lot_1", "lot_2"}),
      declare("outcome_ratings", "object", {"met", "not_met"}, {"health", "education"}),
      declare("closure_date", "date", {}, {}, true),
  };
  const strings pointers = {"/facts/0", "/facts/1", "/facts/2", "/facts/3", "/facts/4", "/facts/5"};
  const fact_table table = build_fact_table(declared, pointers, service_types, found);
  EXPECT_TRUE(found.empty()) << where(found).front();
  const std::size_t core = core_vocabulary().size();
  ASSERT_EQ(table.fact_count(), core + 6);
  EXPECT_EQ(table.find("flu_service"), core);
  EXPECT_EQ(table.kind(*table.find("contract_value")), fact_kind::number);
  EXPECT_FALSE(table.declaration(*table.find("lot")).core);
  EXPECT_EQ(table.find_slot("outcome_ratings.education"),
            table.first_slot(*table.find("outcome_ratings")) + 1);
  EXPECT_TRUE(table.declaration(*table.find("closure_date")).nullable);
  const std::vector<qaf::fact_declaration> shown = public_declarations(table);
  ASSERT_EQ(shown.size(), table.fact_count());
  EXPECT_EQ(shown.front().name, "id");
  EXPECT_EQ(shown.back().name, "closure_date");
}

TEST(Facts, TableRejectsRedefinitionsDuplicatesAndMalformedDeclarations) {
  std::vector<diagnostic> found;
  const std::vector<qaf::fact_declaration> declared = {
      declare("beds", "integer"),                       // 0 redefines core
      declare("vacancies", "integer"),                  // 1 fine
      declare("vacancies", "boolean"),                  // 2 duplicate
      declare("Vacancies2", "integer"),                 // 3 bad name
      declare("and", "boolean"),                        // 4 reserved word
      declare("size", "decimal"),                       // 5 unknown type
      declare("lot", "enum"),                           // 6 no values
      declare("ratings", "object", {"met"}),            // 7 no keys
      declare("count_of", "integer", {"a"}),            // 8 values on integer
      declare("flag", "boolean", {}, {}, true),         // 9 nullable boolean
      declare("band", "enum", {"low", "High", "low"}),  // 10 two bad values
      declare("scores", "object", {"ok"}, {"a", "a"}),  // 11 repeated key
      declare("label", "string", {}, {"x"}),            // 12 keys on a string
      declare("fine_enum", "enum", {"a", "b"}),         // 13 fine
  };
  strings pointers;
  for (std::size_t i = 0; i < declared.size(); ++i) {
    pointers.push_back("/facts/" + std::to_string(i));
  }
  const fact_table table = build_fact_table(declared, pointers, service_types, found);
  EXPECT_EQ(where(found), (strings{
                              "qaf.fact.redefined@/facts/0/name",
                              "qaf.fact.duplicate@/facts/2/name",
                              "qaf.fact.declaration@/facts/3/name",
                              "qaf.fact.declaration@/facts/4/name",
                              "qaf.fact.declaration@/facts/5/type",
                              "qaf.fact.declaration@/facts/6/values",
                              "qaf.fact.declaration@/facts/7/keys",
                              "qaf.fact.declaration@/facts/8/values",
                              "qaf.fact.declaration@/facts/9/nullable",
                              "qaf.fact.declaration@/facts/10/values/1",
                              "qaf.fact.declaration@/facts/10/values/2",
                              "qaf.fact.declaration@/facts/11/keys/1",
                              "qaf.fact.declaration@/facts/12/keys",
                          }));
  EXPECT_EQ(found[0].message, "'beds' is a core fact; a pack cannot redefine it");
  EXPECT_EQ(found[1].message, "'vacancies' is already declared at /facts/1");
  // Good declarations are kept, bad ones left out; core beds keeps its core definition.
  EXPECT_TRUE(table.find("vacancies"));
  EXPECT_TRUE(table.find("fine_enum"));
  EXPECT_FALSE(table.find("lot"));
  EXPECT_FALSE(table.find("band"));
  EXPECT_TRUE(table.declaration(*table.find("beds")).core);
  EXPECT_EQ(table.fact_count(), core_vocabulary().size() + 2);
}

TEST(Facts, EmptyTableKnowsNothing) {
  const fact_table table;
  EXPECT_EQ(table.fact_count(), 0u);
  EXPECT_EQ(table.total_slots(), 0u);
  EXPECT_FALSE(table.find("beds"));
}

qaf::provider full_record() {
  qaf::provider p;
  p.id = "home-17";
  p.facts["name"] = std::string("Oak House");
  p.facts["service_type"] = std::string("childrens_home");
  p.facts["beds"] = std::int64_t{4};
  p.facts["service_users"] = 7.0;  // an integral double is an integer
  p.facts["unregulated"] = false;
  p.facts["regulator_rating"] = std::string("requires_improvement");
  p.facts["monitoring_start"] = date::parse("2023-04-01");
  p.facts["placement_suspension_since"] = std::string("2024-02-29");  // ISO text for a date
  p.facts["key_question_ratings"] = fact_object{{"safe", "inadequate"}, {"well_led", "good"}};
  return p;
}

TEST(Facts, BindLaysOutEveryKindOfValue) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  const std::optional<bound_record> record = bind_record(table, full_record(), found);
  ASSERT_TRUE(record) << where(found).front();
  EXPECT_TRUE(found.empty());
  ASSERT_EQ(record->size(), table.total_slots());
  const auto at = [&](std::string_view name) { return record->at(*table.find_slot(name)); };
  EXPECT_EQ(record->text(at("id")), "home-17");
  EXPECT_EQ(record->text(at("name")), "Oak House");
  EXPECT_EQ(at("service_type").as_enum(), 0u);
  EXPECT_EQ(at("beds").as_integer(), 4);
  EXPECT_EQ(at("service_users").as_integer(), 7);
  EXPECT_TRUE(at("unregulated").is_known());
  EXPECT_FALSE(at("unregulated").as_bool());
  EXPECT_EQ(at("regulator_rating").as_enum(), 2u);
  EXPECT_EQ(at("monitoring_start").as_days(), date::parse("2023-04-01").days_since_epoch());
  EXPECT_EQ(at("placement_suspension_since").as_days(),
            date::parse("2024-02-29").days_since_epoch());
  EXPECT_EQ(at("key_question_ratings.safe").as_enum(), 3u);
  EXPECT_EQ(at("key_question_ratings.well_led").as_enum(), 1u);
  EXPECT_EQ(at("key_question_ratings.caring").state, slot_state::unknown);
  EXPECT_EQ(at("officer").state, slot_state::unknown);
  EXPECT_EQ(at("location").state, slot_state::unknown);
}

TEST(Facts, BindKeepsNullAsAKnownNone) {
  const fact_table table = core_table();
  qaf::provider p;
  p.id = "a";
  p.facts["placement_suspension_since"] = nullptr;
  std::vector<diagnostic> found;
  const auto record = bind_record(table, p, found);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->at(*table.find_slot("placement_suspension_since")).state, slot_state::null);
}

TEST(Facts, BindReportsEveryProblemWithItsRelativePointer) {
  const fact_table table = core_table();
  qaf::provider p;  // no id
  p.facts["bedz"] = std::int64_t{3};
  p.facts["beds"] = std::string("six");
  p.facts["regulator_rating"] = std::string("goood");
  p.facts["service_users"] = nullptr;
  p.facts["key_question_ratings"] =
      fact_object{{"saef", "good"}, {"caring", "great"}, {"safe", "good"}};
  p.facts["placed_children"] = std::int64_t{-1};
  p.facts["ehcp_children"] = 2.5;
  p.facts["monitoring_start"] = std::string("2023-02-29");
  p.facts["unregulated"] = std::string("no");
  p.facts["a/b~c"] = true;
  std::vector<diagnostic> found;
  EXPECT_FALSE(bind_record(table, p, found));
  // Facts come in name order (the record's map), the missing id last.
  EXPECT_EQ(where(found), (strings{
                              "qaf.fact.unknown@/facts/a~1b~0c",
                              "qaf.fact.type@/facts/beds",
                              "qaf.fact.unknown@/facts/bedz",
                              "qaf.fact.type@/facts/ehcp_children",
                              "qaf.fact.enum@/facts/key_question_ratings/caring",
                              "qaf.fact.key@/facts/key_question_ratings/saef",
                              "qaf.fact.type@/facts/monitoring_start",
                              "qaf.fact.range@/facts/placed_children",
                              "qaf.fact.enum@/facts/regulator_rating",
                              "qaf.fact.null@/facts/service_users",
                              "qaf.fact.type@/facts/unregulated",
                          }))
      << "a missing id is the record check's to report (qaf.portfolio.missing), once";
  const auto message = [&](std::string_view pointer) {
    for (const diagnostic& d : found) {
      if (d.pointer == pointer) return d.message;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(message("/facts/bedz"), "unknown fact 'bedz'; did you mean 'beds'?");
  EXPECT_EQ(message("/facts/beds"), "'beds' must be an integer, not a string ('six')");
  EXPECT_EQ(message("/facts/regulator_rating"),
            "'goood' is not a value of regulator_rating; expected one of outstanding, good, "
            "requires_improvement, inadequate, not_rated; did you mean 'good'?");
  EXPECT_EQ(message("/facts/key_question_ratings/saef"),
            "'saef' is not a key of key_question_ratings; keys are safe, effective, caring, "
            "responsive, well_led; did you mean 'safe'?");
  EXPECT_EQ(message("/facts/service_users"),
            "'service_users' cannot be null; leave it out when it is not known");
  EXPECT_EQ(message("/facts/placed_children"), "'placed_children' must be at least 0, not -1");
  EXPECT_EQ(message("/facts/ehcp_children"),
            "'ehcp_children' must be an integer, not a number (2.5)");
}

TEST(Facts, BindTakesTheIdFromFactsWhenTheRecordHasNone) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  qaf::provider p;
  p.facts["id"] = std::string("from-facts");
  const auto record = bind_record(table, p, found);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->text(record->at(*table.find_slot("id"))), "from-facts");
  p.id = "other";
  EXPECT_FALSE(bind_record(table, p, found));
  EXPECT_EQ(where(found), strings{"qaf.fact.id@/facts/id"});
}

TEST(Facts, BindReusesARecord) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  bound_record record(table);
  ASSERT_TRUE(bind_record(table, full_record(), record, found));
  qaf::provider small;
  small.id = "b";
  ASSERT_TRUE(bind_record(table, small, record, found));
  EXPECT_EQ(record.at(*table.find_slot("beds")).state, slot_state::unknown);
  EXPECT_EQ(record.text(record.at(*table.find_slot("id"))), "b");
  // A slot out of range reads as unknown.
  EXPECT_EQ(record.at(100000).state, slot_state::unknown);
}

TEST(Facts, NumbersAcceptIntegersAndRejectNonFiniteValues) {
  std::vector<diagnostic> found;
  const fact_table table =
      build_fact_table(std::vector<qaf::fact_declaration>{declare("score", "number")},
                       strings{"/facts/0"}, service_types, found);
  ASSERT_TRUE(found.empty());
  qaf::provider p;
  p.id = "a";
  p.facts["score"] = std::int64_t{3};
  auto record = bind_record(table, p, found);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->at(*table.find_slot("score")).as_number(), 3.0);
  p.facts["score"] = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(bind_record(table, p, found));
  EXPECT_EQ(where(found), strings{"qaf.fact.type@/facts/score"});
}

TEST(Facts, CsvColumnsNameFactsAndObjectKeys) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  const auto beds = resolve_column(table, "beds", "1:3", found);
  ASSERT_TRUE(beds);
  EXPECT_EQ(beds->fact, *table.find("beds"));
  EXPECT_FALSE(beds->key);
  const auto safe = resolve_column(table, "key_question_ratings.safe", "1:4", found);
  ASSERT_TRUE(safe);
  EXPECT_EQ(safe->key, 0u);
  EXPECT_TRUE(found.empty());
  EXPECT_FALSE(resolve_column(table, "bedz", "1:5", found));
  EXPECT_FALSE(resolve_column(table, "key_question_ratings", "1:6", found));
  EXPECT_FALSE(resolve_column(table, "beds.total", "1:7", found));
  EXPECT_FALSE(resolve_column(table, "key_question_ratings.saef", "1:8", found));
  EXPECT_EQ(where(found), (strings{"qaf.fact.unknown@1:5", "qaf.fact.key@1:6", "qaf.fact.key@1:7",
                                   "qaf.fact.key@1:8"}));
  EXPECT_EQ(found[0].message, "unknown fact 'bedz'; did you mean 'beds'?");
  EXPECT_EQ(found[1].message,
            "'key_question_ratings' has a column per key, named like key_question_ratings.safe; "
            "keys are safe, effective, caring, responsive, well_led");
}

TEST(Facts, CsvCellsConvertToTypedValues) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  const auto column = [&](std::string_view name) {
    return *resolve_column(table, name, "1:1", found);
  };
  const auto parse = [&](std::string_view name, std::string_view text) {
    std::optional<fact_value> value;
    EXPECT_TRUE(parse_fact_text(table, column(name), text, value, "2:1", found))
        << name << " " << text;
    return value;
  };
  EXPECT_EQ(parse("unregulated", "TRUE"), fact_value(true));
  EXPECT_EQ(parse("unregulated", "false"), fact_value(false));
  EXPECT_EQ(parse("beds", " 4 "), fact_value(std::int64_t{4}));
  EXPECT_EQ(parse("beds", "4.0"), fact_value(std::int64_t{4}));
  EXPECT_EQ(parse("beds", ""), std::nullopt);
  EXPECT_EQ(parse("beds", "  "), std::nullopt);
  EXPECT_EQ(parse("monitoring_start", "2024-02-29"), fact_value(date::parse("2024-02-29")));
  EXPECT_EQ(parse("placement_suspension_since", "null"), fact_value(nullptr));
  EXPECT_EQ(parse("regulator_rating", "good"), fact_value(std::string("good")));
  EXPECT_EQ(parse("key_question_ratings.well_led", "inadequate"),
            fact_value(std::string("inadequate")));
  EXPECT_EQ(parse("name", "null"), fact_value(std::string("null")));
  EXPECT_TRUE(found.empty());

  const auto fails = [&](std::string_view name, std::string_view text) {
    std::optional<fact_value> value;
    found.clear();
    EXPECT_FALSE(parse_fact_text(table, column(name), text, value, "3:2", found));
    EXPECT_FALSE(value);
    return found.empty() ? std::string("(none)") : found.front().code + "@" + found.front().pointer;
  };
  EXPECT_EQ(fails("beds", "4.5"), "qaf.fact.type@3:2");
  EXPECT_EQ(fails("beds", "four"), "qaf.fact.type@3:2");
  EXPECT_EQ(fails("beds", "-2"), "qaf.fact.range@3:2");
  EXPECT_EQ(fails("beds", "null"), "qaf.fact.null@3:2");
  EXPECT_EQ(fails("unregulated", "yes"), "qaf.fact.type@3:2");
  EXPECT_EQ(fails("monitoring_start", "29/02/2024"), "qaf.fact.type@3:2");
  EXPECT_EQ(fails("monitoring_start", "2023-02-29"), "qaf.fact.type@3:2");
  EXPECT_EQ(fails("regulator_rating", "Good"), "qaf.fact.enum@3:2");
  EXPECT_EQ(fails("key_question_ratings.safe", "fine"), "qaf.fact.enum@3:2");
}

TEST(Facts, CsvCellsFillAProviderRecord) {
  const fact_table table = core_table();
  std::vector<diagnostic> found;
  qaf::provider p;
  const auto cell = [&](std::string_view header, std::string_view text) {
    const auto column = resolve_column(table, header, "1:1", found);
    ASSERT_TRUE(column);
    EXPECT_TRUE(read_cell(table, *column, text, p, "2:1", found));
  };
  cell("id", "home-3");
  cell("beds", "5");
  cell("key_question_ratings.safe", "good");
  cell("key_question_ratings.caring", "outstanding");
  cell("key_question_ratings.effective", "");
  cell("regulator", "");
  EXPECT_TRUE(found.empty());
  EXPECT_EQ(p.id, "home-3");
  EXPECT_EQ(p.facts.count("id"), 0u);
  EXPECT_EQ(p.facts.at("beds"), fact_value(std::int64_t{5}));
  EXPECT_EQ(p.facts.at("key_question_ratings"),
            fact_value(fact_object{{"caring", "outstanding"}, {"safe", "good"}}));
  EXPECT_EQ(p.facts.count("regulator"), 0u);
  // The record the cells built binds cleanly.
  EXPECT_TRUE(bind_record(table, p, found));
}

TEST(Facts, SuggestionsFindLikelyTypos) {
  const strings names = {"beds", "service_users", "regulator_rating", "registered_manager"};
  EXPECT_EQ(closest_match("bed", names), "beds");
  EXPECT_EQ(closest_match("regulator_ratnig", names), "regulator_rating");
  EXPECT_EQ(closest_match("registred_manager", names), "registered_manager");
  EXPECT_EQ(closest_match("zzz", names), "");
  EXPECT_EQ(closest_match("beds", names), "");  // an exact match is not a typo
  EXPECT_EQ(did_you_mean(""), "");
  EXPECT_EQ(did_you_mean("beds"), "; did you mean 'beds'?");
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

}  // namespace
}  // namespace qaf::detail
