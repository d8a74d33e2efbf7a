// The condition language (src/expr): compiling, type errors, three-valued evaluation and the
// unknown facts a result depended on. Table-driven cases live in tests/data/conditions/ so that
// the Python tests can use them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "expr/condition.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "facts/fact_table.hpp"
#include "pack/pack_data.hpp"
#include "qaf/pack.hpp"
#include "test_support.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::json;
using strings = std::vector<std::string>;

json load(const char* name) {
  return json::parse(qaf::testing::read_file(qaf::testing::data_dir() / "conditions" / name));
}

fact_table table_for(const json& data) {
  return fact_table::core(data.at("service_types").get<strings>());
}

fact_value to_fact(const json& v) {
  if (v.is_null()) return nullptr;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return v.get<double>();
  return v.get<std::string>();
}

provider to_provider(const json& facts, std::string id) {
  provider p;
  p.id = std::move(id);
  for (const auto& [name, value] : facts.items()) {
    if (value.is_object()) {
      fact_object o;
      for (const auto& [key, item] : value.items()) o[key] = item.get<std::string>();
      p.facts[name] = std::move(o);
    } else {
      p.facts[name] = to_fact(value);
    }
  }
  return p;
}

bound_record bind(const fact_table& table, const provider& p) {
  std::vector<diagnostic> found;
  std::optional<bound_record> record = bind_record(table, p, found);
  EXPECT_TRUE(record) << (found.empty() ? "" : found.front().to_string());
  return record ? std::move(*record) : bound_record(table);
}

std::optional<condition> compile(const fact_table& table, std::string_view text) {
  std::vector<diagnostic> found;
  std::optional<condition> c = compile_condition(table, text, "/when", found);
  EXPECT_TRUE(c) << text << ": " << (found.empty() ? "" : found.front().message);
  return c;
}

struct outcome {
  truth result = truth::unknown;
  strings unknown;  // slot names, sorted
};

outcome run(const fact_table& table, const condition& c, const bound_record& record, date as_of) {
  fact_set unknown(table.total_slots());
  outcome o;
  o.result = c.evaluate(record, as_of, &unknown);
  unknown.for_each([&](std::uint32_t slot) { o.unknown.push_back(table.slot_name(slot)); });
  std::sort(o.unknown.begin(), o.unknown.end());
  return o;
}

TEST(Condition, EvaluatesTheSharedCases) {
  const json data = load("evaluations.json");
  const fact_table table = table_for(data);
  const date as_of = date::parse(data.at("as_of").get<std::string>());
  std::map<std::string, bound_record> records;
  for (const auto& [name, facts] : data.at("records").items()) {
    records.emplace(name, bind(table, to_provider(facts, name)));
  }
  int evaluated = 0;
  for (const json& c : data.at("cases")) {
    const std::string text = c.at("condition").get<std::string>();
    const std::string record = c.at("record").get<std::string>();
    SCOPED_TRACE(text + " on " + record);
    const std::optional<condition> compiled = compile(table, text);
    if (!compiled) continue;
    const outcome o = run(table, *compiled, records.at(record), as_of);
    EXPECT_EQ(to_string(o.result), c.at("expect").get<std::string>());
    strings expected = c.at("unknown").get<strings>();
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(o.unknown, expected);
    // Without a set to fill, the answer is the same.
    EXPECT_EQ(compiled->evaluate(records.at(record), as_of), o.result);
    ++evaluated;
  }
  EXPECT_GE(evaluated, 100);
}

std::size_t column_of(const std::string& message) {
  if (message.rfind("column ", 0) != 0) return 0;
  return std::stoul(message.substr(7));
}

TEST(Condition, ReportsEachCompileErrorWithCodeAndColumn) {
  const json data = load("compile_errors.json");
  const fact_table table = table_for(data);
  for (const json& c : data.at("cases")) {
    const std::string text = c.at("condition").get<std::string>();
    SCOPED_TRACE(text);
    std::vector<diagnostic> found;
    EXPECT_FALSE(compile_condition(table, text, "/schedule/2/when", found));
    ASSERT_EQ(found.size(), 1u) << found.back().message;
    const diagnostic& d = found.front();
    EXPECT_EQ(d.code, c.at("code").get<std::string>());
    EXPECT_EQ(d.pointer, "/schedule/2/when");
    const std::size_t column = c.at("column").get<std::size_t>();
    EXPECT_EQ(column_of(d.message), column) << d.message;
    if (c.contains("message")) {
      EXPECT_NE(d.message.find(c.at("message").get<std::string>()), std::string::npos) << d.message;
    }
    // Three lines: reason, the text, a caret under the column.
    const std::size_t first = d.message.find('\n');
    const std::size_t second = d.message.find('\n', first + 1);
    ASSERT_NE(second, std::string::npos);
    EXPECT_EQ(d.message.substr(second + 1), std::string(column - 1, ' ') + '^');
  }
}

TEST(Condition, MessageShowsTheTextAndACaret) {
  const fact_table table = fact_table::core();
  std::vector<diagnostic> found;
  EXPECT_FALSE(compile_condition(table, "regulator_rating == 'inadequte'", "/rules/0/when", found));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.condition.value");
  EXPECT_EQ(found[0].message,
            "column 21: 'inadequte' is not a value of regulator_rating; expected one of "
            "outstanding, good, requires_improvement, inadequate, not_rated; did you mean "
            "'inadequate'?\n"
            "regulator_rating == 'inadequte'\n"
            "                    ^");
}

TEST(Condition, ReportsEveryMistakeNotOnlyTheFirst) {
  const fact_table table = fact_table::core();
  std::vector<diagnostic> found;
  const std::string text =
      "bedz > 1 and regulator_rating == 'gud' and beds > 'six' or not beds or "
      "all(beds, r -> r == 'x')";
  EXPECT_FALSE(compile_condition(table, text, "/p", found));
  strings codes;
  std::vector<std::size_t> columns;
  for (const diagnostic& d : found) {
    codes.push_back(d.code);
    columns.push_back(column_of(d.message));
  }
  EXPECT_EQ(codes, (strings{"qaf.condition.unknown_fact", "qaf.condition.value",
                            "qaf.condition.type", "qaf.condition.type", "qaf.condition.type"}));
  EXPECT_EQ(columns, (std::vector<std::size_t>{1, 34, 51, 64, 76}));
}

TEST(Condition, StopsAtTheFirstSyntaxError) {
  const fact_table table = fact_table::core();
  std::vector<diagnostic> found;
  EXPECT_FALSE(compile_condition(table, "bedz > 1 and (beds > ", "/p", found));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.condition.syntax");
  EXPECT_EQ(column_of(found[0].message), 22u);
}

TEST(Condition, ColumnsCountCharactersNotBytes) {
  const fact_table table = fact_table::core();
  std::vector<diagnostic> found;
  EXPECT_FALSE(compile_condition(table, "name == 'Zoë' or nme == 'x'", "/p", found));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(column_of(found[0].message), 18u);
  EXPECT_NE(found[0].message.find("\nname == 'Zoë' or nme == 'x'\n" + std::string(17, ' ') + '^'),
            std::string::npos);
  // Malformed UTF-8 inside text is shown as '?' so that the message stays valid UTF-8.
  found.clear();
  EXPECT_FALSE(compile_condition(table, "name == '\xff\xfe' or nme == 'x'", "/p", found));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(column_of(found[0].message), 17u);
  EXPECT_NE(found[0].message.find("name == '\?\?' or nme"), std::string::npos);
}

TEST(Condition, FollowsKleeneTruthTables) {
  const fact_table table = fact_table::core();
  const date as_of = date::parse("2024-06-30");
  // unregulated is a, listed_company is b; each true, false or left out (unknown).
  const std::optional<bool> values[] = {true, false, std::nullopt};
  const auto truth_of = [](std::optional<bool> v) {
    return !v ? truth::unknown : *v ? truth::yes : truth::no;
  };
  const auto c_and = compile(table, "unregulated and listed_company");
  const auto c_or = compile(table, "unregulated or listed_company");
  const auto c_not = compile(table, "not unregulated");
  const auto c_known = compile(table, "known(unregulated)");
  ASSERT_TRUE(c_and && c_or && c_not && c_known);
  for (const auto a : values) {
    for (const auto b : values) {
      provider p;
      p.id = "x";
      if (a) p.facts["unregulated"] = *a;
      if (b) p.facts["listed_company"] = *b;
      const bound_record record = bind(table, p);
      const truth ta = truth_of(a);
      const truth tb = truth_of(b);
      SCOPED_TRACE(std::string(to_string(ta)) + ", " + std::string(to_string(tb)));
      const outcome o_and = run(table, *c_and, record, as_of);
      const outcome o_or = run(table, *c_or, record, as_of);
      EXPECT_EQ(o_and.result, ta && tb);
      EXPECT_EQ(o_or.result, ta || tb);
      EXPECT_EQ(run(table, *c_not, record, as_of).result, !ta);
      EXPECT_EQ(run(table, *c_known, record, as_of).result, a ? truth::yes : truth::no);
      // The unknown facts are exactly the unknown operands, and only when undecided.
      strings unknown_operands;
      if (!b) unknown_operands.push_back("listed_company");
      if (!a) unknown_operands.push_back("unregulated");
      EXPECT_EQ(o_and.unknown, o_and.result == truth::unknown ? unknown_operands : strings{});
      EXPECT_EQ(o_or.unknown, o_or.result == truth::unknown ? unknown_operands : strings{});
    }
  }
  // The operators themselves, as the evaluator uses them.
  EXPECT_EQ(truth::no && truth::unknown, truth::no);
  EXPECT_EQ(truth::yes || truth::unknown, truth::yes);
  EXPECT_EQ(!truth::unknown, truth::unknown);
}

// Times are exact: days are whole, and a time in weeks, months or years is `whole` units on the
// day the last unit ends and strictly between `whole` and `whole` + 1 on the days after, so that
// "> n" means "more than n" from the day after from + n units.
TEST(Condition, MeasuresTimesExactlyInCalendarSteps) {
  const fact_table table = fact_table::core();
  struct unit_time {
    int whole;
    bool exact;
  };
  struct row {
    const char* from;
    const char* as_of;
    int days;
    unit_time weeks, months, years;
  };
  const row rows[] = {
      {"2024-01-31", "2024-02-29", 29, {4, false}, {1, true}, {0, false}},  // Jan 31 + 1 = Feb 29
      {"2024-01-31", "2024-02-28", 28, {4, true}, {0, false}, {0, false}},
      {"2023-01-31", "2023-02-28", 28, {4, true}, {1, true}, {0, false}},
      {"2024-02-29", "2025-02-28", 365, {52, false}, {12, true}, {1, true}},  // leap day + 1 year
      {"2024-02-29", "2025-02-27", 364, {52, true}, {11, false}, {0, false}},
      {"2023-02-28", "2023-03-28", 28, {4, true}, {1, true}, {0, false}},  // never snaps to Mar 31
      {"2023-02-28", "2023-03-27", 27, {3, false}, {0, false}, {0, false}},
      {"2024-03-31", "2024-04-30", 30, {4, false}, {1, true}, {0, false}},
      {"2024-06-30", "2024-06-30", 0, {0, true}, {0, true}, {0, true}},
      {"2024-07-01", "2024-06-30", -1, {-1, false}, {-1, false}, {-1, false}},  // ahead: negative
      {"2024-08-31", "2024-06-30", -62, {-9, false}, {-3, false}, {-1, false}},
      {"2020-02-29", "2024-02-29", 1461, {208, false}, {48, true}, {4, true}},
      {"2020-02-29", "2024-02-28", 1460, {208, false}, {47, false}, {3, false}},
      {"2024-02-15", "2024-05-15", 90, {12, false}, {3, true}, {0, false}},    // exactly 3 months
      {"2024-02-15", "2024-05-16", 91, {13, true}, {3, false}, {0, false}},    // more than 3
      {"2024-02-15", "2024-06-10", 116, {16, false}, {3, false}, {0, false}},  // 3 months 26 days
  };
  for (const row& r : rows) {
    SCOPED_TRACE(std::string(r.from) + " to " + r.as_of);
    provider p;
    p.id = "x";
    p.facts["monitoring_start"] = date::parse(r.from);
    const bound_record record = bind(table, p);
    const date as_of = date::parse(r.as_of);
    const std::pair<const char*, unit_time> units[] = {{"days_since", {r.days, true}},
                                                       {"weeks_since", r.weeks},
                                                       {"months_since", r.months},
                                                       {"years_since", r.years}};
    for (const auto& [function, time] : units) {
      const std::string call = std::string(function) + "(monitoring_start) ";
      const std::string n = std::to_string(time.whole);
      const std::string next = std::to_string(time.whole + 1);
      const truth exact = time.exact ? truth::yes : truth::no;
      const std::pair<std::string, truth> checks[] = {
          {call + "== " + n, exact},        {call + "!= " + n, !exact},
          {call + "> " + n, !exact},        {call + ">= " + n, truth::yes},
          {call + "<= " + n, exact},        {call + "< " + n, truth::no},
          {call + "< " + next, truth::yes}, {call + ">= " + next, truth::no},
      };
      for (const auto& [text, expected] : checks) {
        const auto c = compile(table, text);
        ASSERT_TRUE(c);
        EXPECT_EQ(c->evaluate(record, as_of), expected) << text;
      }
    }
  }
}

// A dated fact after as_of has not happened yet: a suspension dated tomorrow reads as none.
TEST(Condition, AnEventDatedAfterAsOfHasNotHappened) {
  const fact_table table = fact_table::core();
  provider p;
  p.id = "x";
  p.facts["placement_suspension_since"] = date::parse("2024-07-01");
  const bound_record record = bind(table, p);
  const auto issued = compile(table, "placement_suspension_since != null");
  const auto long_ago = compile(table, "months_since(placement_suspension_since) > 3");
  ASSERT_TRUE(issued && long_ago);
  EXPECT_EQ(issued->evaluate(record, date::parse("2024-06-30")), truth::no);
  EXPECT_EQ(issued->evaluate(record, date::parse("2024-07-01")), truth::yes);
  EXPECT_EQ(long_ago->evaluate(record, date::parse("2024-06-30")), truth::no);
  EXPECT_EQ(long_ago->evaluate(record, date::parse("2024-10-01")), truth::no);
  EXPECT_EQ(long_ago->evaluate(record, date::parse("2024-10-02")), truth::yes);
}

// ---- truth tables, checked against every way of filling in the unknown facts ----------------
//
// For each condition, each fact it reads is unknown or one of a few known values, in every
// combination. The expected answer is worked out by brute force: fill in the unknown facts with
// every value they could take (counts 0..7: a count is never negative) and evaluate; the answer
// is true (false) when every filling gives true (false), else unknown. Each condition reads each
// fact once, so three-valued evaluation must decide exactly what the known facts decide.

struct fact_values {
  std::string name;
  std::vector<json> known;  // the values a combination gives the fact
  std::vector<json> fill;   // every value an unknown fact could turn out to be
};

const std::vector<fact_values>& truth_table_facts() {
  static const std::vector<fact_values> facts = [] {
    const std::vector<json> flags = {true, false};
    std::vector<json> counts;
    for (int i = 0; i <= 7; ++i) counts.emplace_back(i);
    return std::vector<fact_values>{
        {"unregulated", flags, flags},
        {"listed_company", flags, flags},
        {"placement_stop", flags, flags},
        {"complaints_open", {0, 1, 2, 3}, counts},
        {"safeguarding_concerns_open", {0, 1, 3}, counts},
        {"safeguarding_substantiated", {0, 1, 3}, counts},
        {"regulator_rating",
         {"good", "inadequate"},
         {"outstanding", "good", "requires_improvement", "inadequate", "not_rated"}},
        {"whistleblowing", {"none", "substantiated"}, {"none", "requires_action", "substantiated"}},
        {"placement_suspension_since",
         {nullptr, "2024-01-10", "2024-03-30"},
         {nullptr, "2024-01-10", "2024-03-30", "2024-06-30"}},
    };
  }();
  return facts;
}

const fact_values& values_of(const std::string& name) {
  for (const fact_values& f : truth_table_facts()) {
    if (f.name == name) return f;
  }
  throw std::logic_error(name);
}

bound_record bind_json(const fact_table& table, const json& facts) {
  provider p;
  p.id = "x";
  for (const auto& [name, value] : facts.items()) {
    if (name == "placement_suspension_since" && value.is_string()) {
      p.facts[name] = date::parse(value.get<std::string>());
    } else {
      p.facts[name] = to_fact(value);
    }
  }
  return bind(table, p);
}

// The answer every filling of the unknown facts (those of `names` missing from `facts`) agrees on.
truth brute_force(const fact_table& table, const condition& c,
                  const std::vector<std::string>& names, json facts, std::size_t next, date as_of) {
  if (next == names.size()) {
    const truth t = c.evaluate(bind_json(table, facts), as_of);
    EXPECT_NE(t, truth::unknown) << "every fact known: " << facts.dump();
    return t;
  }
  if (facts.contains(names[next])) return brute_force(table, c, names, facts, next + 1, as_of);
  bool seen_yes = false;
  bool seen_no = false;
  for (const json& value : values_of(names[next]).fill) {
    facts[names[next]] = value;
    const truth t = brute_force(table, c, names, facts, next + 1, as_of);
    seen_yes = seen_yes || t != truth::no;  // an unknown below means both were seen
    seen_no = seen_no || t != truth::yes;
  }
  return seen_yes && seen_no ? truth::unknown : seen_yes ? truth::yes : truth::no;
}

TEST(Condition, TruthTablesAreDecidedByTheKnownFactsAlone) {
  const fact_table table = fact_table::core();
  const date as_of = date::parse("2024-06-30");
  const std::pair<const char*, std::vector<std::string>> conditions[] = {
      {"unregulated and listed_company", {"unregulated", "listed_company"}},
      {"unregulated or listed_company", {"unregulated", "listed_company"}},
      {"not unregulated", {"unregulated"}},
      {"unregulated and listed_company and placement_stop",
       {"unregulated", "listed_company", "placement_stop"}},
      {"unregulated or listed_company or placement_stop",
       {"unregulated", "listed_company", "placement_stop"}},
      {"unregulated and (listed_company or not placement_stop)",
       {"unregulated", "listed_company", "placement_stop"}},
      {"not (unregulated or listed_company)", {"unregulated", "listed_company"}},
      {"unregulated == listed_company", {"unregulated", "listed_company"}},
      {"unregulated != listed_company", {"unregulated", "listed_company"}},
      {"complaints_open + safeguarding_concerns_open + safeguarding_substantiated >= 3",
       {"complaints_open", "safeguarding_concerns_open", "safeguarding_substantiated"}},
      {"complaints_open + safeguarding_concerns_open + safeguarding_substantiated > 3",
       {"complaints_open", "safeguarding_concerns_open", "safeguarding_substantiated"}},
      {"complaints_open + safeguarding_concerns_open + safeguarding_substantiated < 3",
       {"complaints_open", "safeguarding_concerns_open", "safeguarding_substantiated"}},
      {"complaints_open + safeguarding_concerns_open + safeguarding_substantiated <= 3",
       {"complaints_open", "safeguarding_concerns_open", "safeguarding_substantiated"}},
      {"complaints_open + safeguarding_concerns_open == 3",
       {"complaints_open", "safeguarding_concerns_open"}},
      {"complaints_open + safeguarding_concerns_open != 3",
       {"complaints_open", "safeguarding_concerns_open"}},
      {"complaints_open - safeguarding_substantiated >= 1",
       {"complaints_open", "safeguarding_substantiated"}},
      {"-complaints_open <= -2", {"complaints_open"}},
      {"complaints_open in [0, 1]", {"complaints_open"}},
      {"complaints_open not in [0, 1]", {"complaints_open"}},
      {"safeguarding_substantiated >= 1 and complaints_open + safeguarding_concerns_open >= 2",
       {"safeguarding_substantiated", "complaints_open", "safeguarding_concerns_open"}},
      {"complaints_open >= 2 or unregulated", {"complaints_open", "unregulated"}},
      {"complaints_open >= 2 and not unregulated", {"complaints_open", "unregulated"}},
      {"regulator_rating == 'good'", {"regulator_rating"}},
      {"regulator_rating != 'good'", {"regulator_rating"}},
      {"regulator_rating in ['good', 'outstanding'] and whistleblowing == 'none'",
       {"regulator_rating", "whistleblowing"}},
      {"regulator_rating == 'inadequate' or whistleblowing not in ['none']",
       {"regulator_rating", "whistleblowing"}},
      {"placement_suspension_since == null", {"placement_suspension_since"}},
      {"placement_suspension_since != null", {"placement_suspension_since"}},
      {"months_since(placement_suspension_since) > 3", {"placement_suspension_since"}},
      {"months_since(placement_suspension_since) <= 3 or unregulated",
       {"placement_suspension_since", "unregulated"}},
  };
  int combinations = 0;
  for (const auto& [text, names] : conditions) {
    const auto c = compile(table, text);
    ASSERT_TRUE(c) << text;
    // Every combination: each fact unknown (not in `facts`) or one of its known values.
    std::vector<std::size_t> choice(names.size(), 0);  // 0: unknown, i: known[i - 1]
    while (true) {
      json facts = json::object();
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (choice[i] != 0) facts[names[i]] = values_of(names[i]).known[choice[i] - 1];
      }
      const outcome o = run(table, *c, bind_json(table, facts), as_of);
      EXPECT_EQ(o.result, brute_force(table, *c, names, facts, 0, as_of))
          << text << " with " << facts.dump();
      // The unknown facts reported are unknown, and reported exactly when undecided.
      EXPECT_EQ(o.unknown.empty(), o.result != truth::unknown) << text << " " << facts.dump();
      for (const std::string& name : o.unknown) EXPECT_FALSE(facts.contains(name)) << name;
      ++combinations;
      std::size_t i = 0;
      while (i < names.size() && ++choice[i] > values_of(names[i]).known.size()) choice[i++] = 0;
      if (i == names.size()) break;
    }
  }
  EXPECT_EQ(combinations, 682);  // every combination was tried
}

TEST(Condition, PrintsCanonicalText) {
  const json data = load("printing.json");
  const fact_table table = table_for(data);
  for (const json& c : data.at("cases")) {
    const std::string text = c.at("condition").get<std::string>();
    SCOPED_TRACE(text);
    const auto compiled = compile(table, text);
    if (!compiled) continue;
    EXPECT_EQ(compiled->text(), text);
    EXPECT_EQ(compiled->to_string(), c.at("canonical").get<std::string>());
    const auto again = compile(table, compiled->to_string());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->to_string(), compiled->to_string());
  }
}

TEST(Condition, ListsTheFactsItReads) {
  const fact_table table = fact_table::core(strings{"childrens_home"});
  const auto c = compile(table,
                         "service_type == 'childrens_home' and beds > 6 or "
                         "any(key_question_ratings, r -> r == 'inadequate') or "
                         "key_question_ratings.safe == 'good' or beds < 2");
  ASSERT_TRUE(c);
  strings names;
  for (const std::uint32_t f : c->facts()) names.push_back(table.declaration(f).name);
  EXPECT_EQ(names, (strings{"service_type", "key_question_ratings", "beds"}));  // table order
}

TEST(Condition, PackFactsOfEveryKindWork) {
  std::vector<diagnostic> found;
  qaf::fact_declaration value;
  value.name = "contract_value";
  value.type = "number";
  qaf::fact_declaration lot;
  lot.name = "lot";
  lot.type = "enum";
  lot.values = {"lot_1", "lot_2"};
  qaf::fact_declaration closing;
  closing.name = "closing";
  closing.type = "date";
  closing.nullable = true;
  qaf::fact_declaration outcomes;
  outcomes.name = "outcomes";
  outcomes.type = "object";
  outcomes.values = {"met", "not_met"};
  outcomes.keys = {"health", "education"};
  const std::vector<qaf::fact_declaration> declared = {value, lot, closing, outcomes};
  const fact_table table = build_fact_table(
      declared, strings{"/facts/0", "/facts/1", "/facts/2", "/facts/3"}, strings{}, found);
  ASSERT_TRUE(found.empty());
  provider p;
  p.id = "x";
  p.facts["contract_value"] = 1500.25;
  p.facts["lot"] = std::string("lot_2");
  p.facts["beds"] = std::int64_t{3};
  p.facts["closing"] = nullptr;
  p.facts["outcomes"] = fact_object{{"health", "met"}};
  const bound_record record = bind(table, p);
  const date as_of = date::parse("2024-06-30");
  const std::pair<const char*, truth> cases[] = {
      {"contract_value > 1000.5", truth::yes},
      {"contract_value > beds", truth::yes},
      {"contract_value - beds == 1497.25", truth::yes},
      {"contract_value in [1500.25, 7]", truth::yes},
      {"beds + 0.5 < 3", truth::no},
      {"lot == 'lot_2'", truth::yes},
      {"lot in ['lot_1']", truth::no},
      {"closing == null", truth::yes},
      {"days_since(closing) > 1", truth::no},
      {"any(outcomes, o -> o == 'not_met')", truth::unknown},
      {"all(outcomes, o -> o == 'met') or outcomes.health == 'met'", truth::yes},
  };
  for (const auto& [text, expected] : cases) {
    const auto c = compile(table, text);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->evaluate(record, as_of), expected) << text;
  }
  found.clear();
  EXPECT_FALSE(compile_condition(table, "lot == 'lot_3'", "/p", found));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "qaf.condition.value");
}

TEST(Condition, CountRangesDecideWhatTheKnownKeysAlreadySettle) {
  const fact_table table = fact_table::core();
  provider p;
  p.id = "x";
  p.facts["key_question_ratings"] =
      fact_object{{"safe", "inadequate"}, {"effective", "inadequate"}, {"caring", "good"}};
  const bound_record record = bind(table, p);
  const date as_of = date::parse("2024-06-30");
  const std::pair<const char*, truth> cases[] = {
      {"count(key_question_ratings, r -> r == 'inadequate') >= 2", truth::yes},
      {"count(key_question_ratings, r -> r == 'inadequate') > 4", truth::no},
      {"count(key_question_ratings, r -> r == 'inadequate') < 2", truth::no},
      {"count(key_question_ratings, r -> r == 'inadequate') <= 4", truth::yes},
      {"count(key_question_ratings, r -> r == 'inadequate') != 1", truth::yes},
      {"count(key_question_ratings, r -> r == 'inadequate') == 3", truth::unknown},
      {"count(key_question_ratings, r -> r == 'inadequate') in [0, 1]", truth::no},
      {"count(key_question_ratings, r -> r == 'inadequate') in [3, 9]", truth::unknown},
      {"-count(key_question_ratings, r -> r == 'inadequate') <= -2", truth::yes},
      {"count(key_question_ratings, r -> r == 'good') - count(key_question_ratings, r -> r == "
       "'inadequate') < 0",
       truth::unknown},
      {"count(key_question_ratings, r -> r == 'good') - count(key_question_ratings, r -> r == "
       "'inadequate') <= 2",
       truth::yes},
  };
  for (const auto& [text, expected] : cases) {
    const auto c = compile(table, text);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->evaluate(record, as_of), expected) << text;
  }
}

TEST(Condition, IntegerArithmeticSaturatesInsteadOfOverflowing) {
  const fact_table table = fact_table::core();
  provider p;
  p.id = "x";
  p.facts["beds"] = std::numeric_limits<std::int64_t>::max();
  const bound_record record = bind(table, p);
  const date as_of = date::parse("2024-06-30");
  EXPECT_EQ(compile(table, "beds + beds > 0")->evaluate(record, as_of), truth::yes);
  EXPECT_EQ(compile(table, "0 - beds - beds < 0")->evaluate(record, as_of), truth::yes);
  EXPECT_EQ(compile(table, "-(0 - beds - beds - 5) > 0")->evaluate(record, as_of), truth::yes);
}

TEST(Condition, RejectsNestingBeyondTheLimit) {
  const fact_table table = fact_table::core();
  std::vector<diagnostic> found;
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '(') + "beds > 1" +
           std::string(static_cast<std::size_t>(depth), ')');
  };
  EXPECT_TRUE(compile_condition(table, nested(40), "/p", found));
  EXPECT_FALSE(compile_condition(table, nested(5000), "/p", found));
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_FALSE(compile_condition(table, nots + "unregulated", "/p", found));
  std::string sum = "beds";
  for (int i = 0; i < 200; ++i) sum += " + 1";
  EXPECT_FALSE(compile_condition(table, sum + " > 1", "/p", found));
  ASSERT_EQ(found.size(), 3u);
  for (const diagnostic& d : found) {
    EXPECT_EQ(d.code, "qaf.condition.syntax");
    EXPECT_NE(d.message.find("nested too deeply"), std::string::npos);
  }
  // A long flat chain of 'or' is not deep.
  std::string wide = "beds == 0";
  for (int i = 1; i < 2000; ++i) wide += " or beds == " + std::to_string(i);
  found.clear();
  const auto c = compile_condition(table, wide, "/p", found);
  ASSERT_TRUE(c);
  provider p;
  p.id = "x";
  p.facts["beds"] = std::int64_t{1999};
  EXPECT_EQ(c->evaluate(bind(table, p), date::parse("2024-01-01")), truth::yes);
}

TEST(Condition, ARecordOfAnotherTableReadsAsUnknown) {
  const fact_table table = fact_table::core();
  const auto c = compile(table, "beds > 1 or months_since(monitoring_start) > 1");
  ASSERT_TRUE(c);
  const bound_record empty;
  fact_set unknown(table.total_slots());
  EXPECT_EQ(c->evaluate(empty, date::parse("2024-01-01"), &unknown), truth::unknown);
  EXPECT_EQ(unknown.size(), 2u);
}

TEST(Condition, EvaluatesFromManyThreadsAtOnce) {
  const fact_table table = fact_table::core(strings{"childrens_home"});
  const auto c = compile(table,
                         "service_type == 'childrens_home' and count(key_question_ratings, "
                         "r -> r in ['requires_improvement', 'inadequate']) >= 2");
  ASSERT_TRUE(c);
  provider p;
  p.id = "x";
  p.facts["service_type"] = std::string("childrens_home");
  p.facts["key_question_ratings"] =
      fact_object{{"safe", "inadequate"}, {"caring", "requires_improvement"}};
  const bound_record record = bind(table, p);
  const date as_of = date::parse("2024-06-30");
  std::vector<std::thread> threads;
  std::vector<int> agreed(4, 0);
  for (std::size_t t = 0; t < agreed.size(); ++t) {
    threads.emplace_back([&, t] {
      fact_set unknown(table.total_slots());
      for (int i = 0; i < 2000; ++i) {
        if (c->evaluate(record, as_of, &unknown) == truth::yes && unknown.empty()) ++agreed[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(agreed, std::vector<int>(4, 2000));
}

// A random record: each fact (and each key) left out with some probability.
class record_maker {
 public:
  explicit record_maker(const fact_table& table) : table_(table) {}

  fact_value value_of(std::uint32_t fact, std::mt19937& rng) const {
    const qaf::fact_declaration& d = table_.declaration(fact);
    if (d.nullable && chance(rng, 0.25)) return nullptr;
    switch (table_.kind(fact)) {
      case fact_kind::boolean:
        return chance(rng, 0.5);
      case fact_kind::integer:
        return static_cast<std::int64_t>(pick(rng, 11));
      case fact_kind::number:
        return static_cast<double>(pick(rng, 100)) / 4;
      case fact_kind::string: {
        const char* names[] = {"Oak House", "Elm Lodge", "sam", "bob"};
        return std::string(names[pick(rng, 4)]);
      }
      case fact_kind::date:
        return date::from_days(date::parse("2022-01-01").days_since_epoch() +
                               static_cast<std::int32_t>(pick(rng, 1461)));
      case fact_kind::enumeration:
      case fact_kind::object:
        return d.values[pick(rng, d.values.size())];
    }
    return nullptr;
  }

  // Sets the fact of `slot` (one key of an object fact) in `p` to a random value.
  void fill(std::uint32_t slot, provider& p, std::mt19937& rng) const {
    const std::uint32_t fact = table_.fact_of_slot(slot);
    const qaf::fact_declaration& d = table_.declaration(fact);
    if (table_.kind(fact) == fact_kind::object) {
      fact_value& v = p.facts[d.name];
      if (!std::holds_alternative<fact_object>(v)) v = fact_object{};
      std::get<fact_object>(v)[d.keys[slot - table_.first_slot(fact)]] =
          std::get<std::string>(value_of(fact, rng));
    } else {
      p.facts[d.name] = value_of(fact, rng);
    }
  }

  provider make(std::mt19937& rng, double known) const {
    provider p;
    p.id = "random";
    for (std::uint32_t slot = 0; slot < table_.fact_slots(); ++slot) {
      if (table_.declaration(table_.fact_of_slot(slot)).name == "id") continue;
      if (chance(rng, known)) fill(slot, p, rng);
    }
    return p;
  }

  static bool chance(std::mt19937& rng, double p) {
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
  }
  static std::size_t pick(std::mt19937& rng, std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  }

 private:
  const fact_table& table_;
};

TEST(Condition, LearningAFactNeverOverturnsADecidedResult) {
  const json data = load("evaluations.json");
  const fact_table table = table_for(data);
  strings texts;
  for (const json& c : data.at("cases")) {
    const std::string text = c.at("condition").get<std::string>();
    // known() asks about the record itself and is the one construct that is not monotone.
    if (text.find("known(") != std::string::npos) continue;
    if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
  }
  texts.push_back("not (beds > 3 or not registered_manager) and regulator != 'none'");
  texts.push_back("beds - ehcp_children >= complaints_open + 1");
  texts.push_back("count(key_question_ratings, r -> r == regulator_rating) >= 3");
  std::vector<condition> conditions;
  for (const std::string& text : texts) {
    auto c = compile(table, text);
    ASSERT_TRUE(c);
    conditions.push_back(std::move(*c));
  }
  const record_maker maker(table);
  std::mt19937 rng(20240630);
  const date as_of = date::parse("2024-06-30");
  fact_set unknown(table.total_slots());
  int decided = 0;
  int undecided = 0;
  for (int round = 0; round < 50; ++round) {
    const provider p = maker.make(rng, 0.6);
    const bound_record record = bind(table, p);
    for (const condition& c : conditions) {
      SCOPED_TRACE(c.text());
      const truth before = c.evaluate(record, as_of, &unknown);
      (before == truth::unknown ? undecided : decided) += 1;
      // The reported facts are unknown in the record and read by the condition.
      EXPECT_EQ(before == truth::unknown, !unknown.empty());
      unknown.for_each([&](std::uint32_t slot) {
        EXPECT_EQ(record.at(slot).state, slot_state::unknown) << table.slot_name(slot);
        const auto read = c.facts();
        EXPECT_NE(std::find(read.begin(), read.end(), table.fact_of_slot(slot)), read.end());
      });
      const std::vector<std::uint32_t> reported = unknown.slots();
      // Filling in exactly the reported facts, with anything, decides the result.
      for (int trial = 0; trial < 3; ++trial) {
        provider filled = p;
        for (const std::uint32_t slot : reported) maker.fill(slot, filled, rng);
        const truth after = c.evaluate(bind(table, filled), as_of);
        EXPECT_NE(after, truth::unknown);
        if (before != truth::unknown) {
          EXPECT_EQ(after, before);
        }
      }
      // Filling in any of the unknown facts never turns a decided result around.
      for (int trial = 0; trial < 3; ++trial) {
        provider more = p;
        for (std::uint32_t slot = 0; slot < table.total_slots(); ++slot) {
          if (record.at(slot).state == slot_state::unknown && record_maker::chance(rng, 0.5)) {
            maker.fill(slot, more, rng);
          }
        }
        const truth after = c.evaluate(bind(table, more), as_of);
        if (before != truth::unknown) {
          EXPECT_EQ(after, before);
        }
      }
    }
  }
  // The generator exercises both outcomes.
  EXPECT_GT(decided, 400);
  EXPECT_GT(undecided, 400);
}

// The truth kernel (expr/truth_kernel.hpp) is the fast path of condition::evaluate: it must
// give the evaluator's answer for every condition, record and date. Conditions of every shape it
// compiles itself (tests of one fact with minimums, nulls and dated events; any/all/count over
// keys; and/or/not), parts it leaves to the evaluator, nesting past its stack, and every condition
// of every bundled pack, over random records with few, some or most facts known.
TEST(Condition, KernelGivesTheEvaluatorsAnswer) {
  struct source {
    fact_table table;
    strings texts;
  };
  std::vector<source> sources;
  {
    const json data = load("evaluations.json");
    source core{table_for(data), {}};
    for (const json& c : data.at("cases"))
      core.texts.push_back(c.at("condition").get<std::string>());
    for (const char* text : {
             "complaints_open >= 2",
             "2 <= complaints_open",
             "complaints_open < 1 or complaints_open != 3",
             "regulator_rating != 'good'",
             "regulator_rating in ['good', 'inadequate'] and whistleblowing not in ['none']",
             "placement_suspension_since == null",
             "placement_suspension_since != null",
             "null != placement_suspension_since",
             "placement_suspension_since > '2023-05-01'",
             "placement_suspension_since in [null, '2023-05-01']",
             "placement_suspension_since not in [null]",
             "known(beds) and not known(complaints_open)",
             "known(placement_suspension_since)",
             "unregulated == true or listed_company != false",
             "not unregulated",
             "any(key_question_ratings, r -> r == 'inadequate')",
             "all(key_question_ratings, r -> r != 'good')",
             "all(key_question_ratings, r -> r in ['good', 'outstanding'])",
             "count(key_question_ratings, r -> r in ['requires_improvement', 'inadequate']) >= 2",
             "1 > count(key_question_ratings, r -> r not in ['good'])",
             "count(key_question_ratings, r -> r == 'good') == 5",
             "count(key_question_ratings, r -> r == regulator_rating) >= 3",
             "any(key_question_ratings, r -> count(key_question_ratings, s -> s == r) > 1)",
             "months_since(placement_suspension_since) > 3 or beds + 1 > 4",
             "not (beds > 3 or not registered_manager) and regulator != 'none'",
             "((((((((((((((((((((((((((((((((((((beds > 1 or complaints_open > 2) and "
             "unregulated) or listed_company) and placement_stop) or beds < 3) and "
             "not unregulated) or complaints_open == 0) and beds != 4) or listed_company) and "
             "placement_stop) or beds < 3) and not unregulated) or complaints_open == 0) and "
             "beds != 4) or listed_company) and placement_stop) or beds < 3) and "
             "not unregulated) or complaints_open == 0) and beds != 4) or listed_company) and "
             "placement_stop) or beds < 3) and not unregulated) or complaints_open == 0) and "
             "beds != 4) or listed_company) and placement_stop) or beds < 3) and "
             "not unregulated) or complaints_open == 0) and beds != 4) or listed_company) and "
             "placement_stop) or beds < 3) and not unregulated)",
         }) {
      core.texts.emplace_back(text);
    }
    sources.push_back(std::move(core));
  }
  for (const bundled_pack_summary& bundled : bundled_packs()) {
    const pack rules = load_pack_or_throw(bundled.id);
    source s{rules.data().table, {}};
    for (const scheme& sc : rules.data().schemes) {
      if (sc.when.compiled) s.texts.push_back(sc.when.compiled->text());
      for (const scheme_rule& r : sc.rules) {
        if (r.when.compiled) s.texts.push_back(r.when.compiled->text());
      }
      for (const level_requirement& r : sc.levels.front().requirements) {
        if (r.when.compiled) s.texts.push_back(r.when.compiled->text());
      }
    }
    sources.push_back(std::move(s));
  }
  std::mt19937 rng(13);
  const date as_of = date::parse("2024-06-30");
  const date earlier = date::parse("2023-03-01");
  int compared = 0;
  int undecided = 0;
  for (const source& s : sources) {
    std::vector<condition> conditions;
    for (const std::string& text : s.texts) {
      std::vector<diagnostic> found;
      // A shared case may be a compile error on purpose.
      if (auto c = compile_condition(s.table, text, "/when", found)) {
        conditions.push_back(std::move(*c));
      }
    }
    const record_maker maker(s.table);
    fact_set unknown(s.table.total_slots());
    for (const double known : {0.2, 0.6, 0.9}) {
      for (int round = 0; round < 60; ++round) {
        const bound_record record = bind(s.table, maker.make(rng, known));
        for (const condition& c : conditions) {
          SCOPED_TRACE(c.text());
          for (const date on : {as_of, earlier}) {
            const truth expected = evaluate_program(c.compiled(), record, on, nullptr);
            const truth fast = c.evaluate(record, on);
            EXPECT_EQ(to_string(fast), to_string(expected));
            // With the unknown facts asked for, the same answer.
            EXPECT_EQ(c.evaluate(record, on, &unknown), expected);
            EXPECT_EQ(expected == truth::unknown, !unknown.empty());
            ++compared;
            undecided += expected == truth::unknown ? 1 : 0;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 50'000);
  EXPECT_GT(undecided, 5'000);
}

// The condition fuzzer's seeds (tests/fuzz/corpus/condition), odd texts included: each that
// compiles gives the evaluator's answer through the kernel, on random records.
TEST(Condition, KernelGivesTheEvaluatorsAnswerOnTheFuzzSeeds) {
  const strings service_types = {"childrens_home", "supported_accommodation", "residential"};
  const fact_table table = fact_table::core(service_types);
  const record_maker maker(table);
  std::mt19937 rng(29);
  const date as_of = date::parse("2024-06-30");
  int compiled = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           qaf::testing::source_dir() / "tests" / "fuzz" / "corpus" / "condition")) {
    const std::string text = qaf::testing::read_file(entry.path());
    std::vector<diagnostic> found;
    const std::optional<condition> c = compile_condition(table, text, "/when", found);
    if (!c) continue;
    ++compiled;
    for (int round = 0; round < 40; ++round) {
      const bound_record record = bind(table, maker.make(rng, round % 2 == 0 ? 0.3 : 0.8));
      EXPECT_EQ(c->evaluate(record, as_of), evaluate_program(c->compiled(), record, as_of, nullptr))
          << text;
    }
  }
  EXPECT_GT(compiled, 50);
}

TEST(Condition, FactSetHoldsSlots) {
  fact_set s(130);
  EXPECT_TRUE(s.empty());
  s.insert(0);
  s.insert(64);
  s.insert(129);
  s.insert(500);  // beyond the capacity: ignored
  EXPECT_EQ(s.size(), 3u);
  EXPECT_TRUE(s.contains(64));
  EXPECT_FALSE(s.contains(65));
  EXPECT_EQ(s.slots(), (std::vector<std::uint32_t>{0, 64, 129}));
  fact_set t(130);
  t.insert(1);
  t.merge(s);
  EXPECT_EQ(t.size(), 4u);
  t.clear();
  EXPECT_TRUE(t.empty());
}

}  // namespace
}  // namespace qaf::detail
