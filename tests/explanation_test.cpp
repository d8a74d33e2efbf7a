// Explanations down to the condition (qaf/explanation.hpp): what each part of a condition read,
// whether it held, and the sentence an officer reads, for every operator of docs/conditions.md,
// unknown facts and short-circuit; and how ratings carry them and the reports render them.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "expr/condition.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_table.hpp"
#include "pack/pack_data.hpp"
#include "qaf/engine.hpp"
#include "qaf/explanation.hpp"
#include "render/explanation_render.hpp"
#include "render/rating_render.hpp"
#include "test_support.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::json;

const date as_of = date::parse("2024-06-30");

// A pack with the core vocabulary and one scheme, `pqr`, whose level slot a test may fill.
std::shared_ptr<pack_data> core_pack() {
  auto pack = std::make_shared<pack_data>();
  pack->table = fact_table::core(std::vector<std::string>{"childrens_home", "supported_living"});
  pack->table.set_schemes({"pqr"});
  return pack;
}

struct explained {
  std::vector<condition_part> parts;
  std::string lines;  // each part's text, indented two spaces a level, one a line
};

// Compiles `text`, binds `facts` and explains how it came out on as_of. `pqr_level`, when not
// negative, is the agreed level level('pqr') reads.
explained explain(std::string_view text, std::map<std::string, qaf::fact_value, std::less<>> facts,
                  std::int64_t pqr_level = -1) {
  const std::shared_ptr<pack_data> pack = core_pack();
  std::vector<diagnostic> found;
  static std::vector<std::unique_ptr<condition>> kept;  // a trace points at its condition
  std::optional<condition> c = compile_condition(pack->table, text, "/when", found);
  EXPECT_TRUE(c) << text << ": " << qaf::testing::describe(found);
  if (!c) return {};
  kept.push_back(std::make_unique<condition>(std::move(*c)));
  const provider record = qaf::testing::record_with("p1", std::move(facts));
  std::optional<bound_record> bound = bind_record(pack->table, record, found);
  EXPECT_TRUE(bound) << qaf::testing::describe(found);
  if (pqr_level >= 0) bound->set_integer(*pack->table.level_slot("pqr"), pqr_level);
  std::vector<node_outcome> nodes;
  const truth traced = kept.back()->trace(*bound, as_of, nodes);
  EXPECT_EQ(traced, kept.back()->evaluate(*bound, as_of)) << "tracing changed the result";
  const condition_trace trace(pack, *kept.back(), as_of, nodes);
  explained out;
  out.parts = trace.parts();
  for (const condition_part& p : out.parts) {
    out.lines += std::string(2 * p.depth, ' ') + p.text + '\n';
  }
  return out;
}

std::string sentence(std::string_view text,
                     std::map<std::string, qaf::fact_value, std::less<>> facts,
                     std::int64_t pqr_level = -1) {
  const explained e = explain(text, std::move(facts), pqr_level);
  EXPECT_EQ(e.parts.size(), 1u) << e.lines;
  return e.parts.empty() ? std::string() : e.parts.front().text;
}

TEST(Explanation, ComparisonsSayTheValueReadAndWhatItWasComparedWith) {
  EXPECT_EQ(sentence("beds > 6", {{"beds", 20}}), "beds is 20, more than 6");
  EXPECT_EQ(sentence("beds > 6", {{"beds", 4}}), "beds is 4, not more than 6");
  EXPECT_EQ(sentence("beds >= 6", {{"beds", 6}}), "beds is 6, at least 6");
  EXPECT_EQ(sentence("beds >= 6", {{"beds", 5}}), "beds is 5, less than 6");
  EXPECT_EQ(sentence("beds < 3", {{"beds", 2}}), "beds is 2, less than 3");
  EXPECT_EQ(sentence("beds < 3", {{"beds", 3}}), "beds is 3, not less than 3");
  EXPECT_EQ(sentence("beds <= 3", {{"beds", 3}}), "beds is 3, at most 3");
  EXPECT_EQ(sentence("beds <= 3", {{"beds", 4}}), "beds is 4, more than 3");
  EXPECT_EQ(sentence("beds == 3", {{"beds", 3}}), "beds is 3");
  EXPECT_EQ(sentence("beds == 3", {{"beds", 4}}), "beds is 4, not 3");
  EXPECT_EQ(sentence("beds != 3", {{"beds", 4}}), "beds is 4, not 3");
  EXPECT_EQ(sentence("beds != 3", {{"beds", 3}}), "beds is 3, equal to 3");
  // A constant written first is still what the fact is compared with.
  EXPECT_EQ(sentence("6 < beds", {{"beds", 20}}), "beds is 20, more than 6");
}

TEST(Explanation, ATestIsDataAsWellAsASentence) {
  const explained e = explain("beds > 6", {{"beds", 20}});
  ASSERT_EQ(e.parts.size(), 1u);
  const condition_part& p = e.parts.front();
  EXPECT_EQ(p.op, ">");
  EXPECT_EQ(p.fact, "beds");
  EXPECT_EQ(std::get<std::int64_t>(p.value), 20);
  EXPECT_EQ(p.operand, "6");
  EXPECT_EQ(p.result, part_result::holds);
  EXPECT_EQ(p.condition, "beds > 6");
}

TEST(Explanation, EnumerationsAndListsAreInWords) {
  EXPECT_EQ(sentence("regulator_rating == 'inadequate'", {{"regulator_rating", "inadequate"}}),
            "regulator rating is inadequate");
  EXPECT_EQ(sentence("regulator_rating == 'inadequate'", {{"regulator_rating", "good"}}),
            "regulator rating is good, not inadequate");
  EXPECT_EQ(sentence("regulator_rating in ['requires_improvement', 'inadequate']",
                     {{"regulator_rating", "requires_improvement"}}),
            "regulator rating is requires improvement, one of requires improvement and "
            "inadequate");
  EXPECT_EQ(sentence("regulator_rating in ['requires_improvement', 'inadequate']",
                     {{"regulator_rating", "good"}}),
            "regulator rating is good, none of requires improvement, inadequate");
  EXPECT_EQ(sentence("regulator_rating not in ['good', 'outstanding']",
                     {{"regulator_rating", "inadequate"}}),
            "regulator rating is inadequate, none of good, outstanding");
  EXPECT_EQ(
      sentence("regulator_rating not in ['good', 'outstanding']", {{"regulator_rating", "good"}}),
      "regulator rating is good, one of good and outstanding");
  const explained e = explain("regulator_rating in ['requires_improvement', 'inadequate']",
                              {{"regulator_rating", "inadequate"}});
  ASSERT_EQ(e.parts.size(), 1u);
  EXPECT_EQ(e.parts.front().op, "in");
  EXPECT_EQ(std::get<std::string>(e.parts.front().value), "inadequate");
  EXPECT_EQ(e.parts.front().operand, "['requires_improvement', 'inadequate']");
  EXPECT_EQ(sentence("key_question_ratings.safe == 'inadequate'",
                     {{"key_question_ratings", fact_object{{"safe", "inadequate"}}}}),
            "key question ratings (safe) is inadequate");
}

TEST(Explanation, DatesAreWrittenAsAPersonWritesThem) {
  EXPECT_EQ(sentence("monitoring_start >= '2024-04-01'", {{"monitoring_start", "2026-03-05"}}),
            "monitoring start is 5 March 2026, at least 1 April 2024");
  EXPECT_EQ(sentence("months_since(placement_suspension_since) > 3",
                     {{"placement_suspension_since", "2024-02-15"}}),
            "the time from placement suspension since (15 February 2024) to 30 June 2024 is more "
            "than 4 and less than 5 months, more than 3 months");
  EXPECT_EQ(sentence("months_since(placement_suspension_since) > 3",
                     {{"placement_suspension_since", "2024-03-30"}}),
            "the time from placement suspension since (30 March 2024) to 30 June 2024 is 3 "
            "months, not more than 3 months");
  EXPECT_EQ(sentence("days_since(monitoring_start) >= 30", {{"monitoring_start", "2024-06-01"}}),
            "the time from monitoring start (1 June 2024) to 30 June 2024 is 29 days, less than 30 "
            "days");
  EXPECT_EQ(sentence("weeks_since(monitoring_start) < 2", {{"monitoring_start", "2024-06-16"}}),
            "the time from monitoring start (16 June 2024) to 30 June 2024 is 2 weeks, not less "
            "than 2 weeks");
  EXPECT_EQ(sentence("years_since(monitoring_start) >= 1", {{"monitoring_start", "2023-01-31"}}),
            "the time from monitoring start (31 January 2023) to 30 June 2024 is more than 1 and "
            "less than 2 years, at least 1 years");
  // A suspension that ended, or none: null is a known "none" with no order.
  EXPECT_EQ(sentence("months_since(placement_suspension_since) > 3",
                     {{"placement_suspension_since", nullptr}}),
            "the time from placement suspension since to 30 June 2024 is none, so it is not more "
            "than 3 months");
  EXPECT_EQ(
      sentence("placement_suspension_since == null", {{"placement_suspension_since", nullptr}}),
      "placement suspension since is none");
  EXPECT_EQ(sentence("placement_suspension_since != null",
                     {{"placement_suspension_since", "2024-02-15"}}),
            "placement suspension since is 15 February 2024, not none");
}

TEST(Explanation, BooleansKnownAndLevels) {
  EXPECT_EQ(sentence("unregulated", {{"unregulated", true}}), "unregulated is true");
  EXPECT_EQ(sentence("unregulated", {{"unregulated", false}}), "unregulated is false");
  EXPECT_EQ(sentence("unregulated == true", {{"unregulated", true}}), "unregulated is true");
  EXPECT_EQ(sentence("known(registered_manager)", {{"registered_manager", false}}),
            "registered manager is known (false)");
  EXPECT_EQ(sentence("known(registered_manager)", {}), "registered manager is not known");
  EXPECT_EQ(sentence("known(key_question_ratings)", {}), "key question ratings is not known");
  EXPECT_EQ(sentence("level('pqr') >= 4", {}, 5), "the pqr level is 5, at least 4");
  EXPECT_EQ(sentence("level('pqr') >= 4", {}),
            "the pqr level is not known, so this rule cannot be "
            "decided");
}

TEST(Explanation, ArithmeticShowsTheSumAndWhatAnUnknownCountLeavesOpen) {
  EXPECT_EQ(sentence("complaints_open + safeguarding_concerns_open >= 3",
                     {{"complaints_open", 1}, {"safeguarding_concerns_open", 2}}),
            "complaints_open + safeguarding_concerns_open is 3, at least 3");
  // An unknown count is at least 0: 3 + (at least 0) is at least 3.
  EXPECT_EQ(sentence("complaints_open + safeguarding_concerns_open >= 3", {{"complaints_open", 3}}),
            "complaints_open + safeguarding_concerns_open is at least 3, at least 3");
  EXPECT_EQ(sentence("complaints_open + safeguarding_concerns_open >= 3", {{"complaints_open", 1}}),
            "complaints_open + safeguarding_concerns_open is at least 1, so whether it is at least "
            "3 is not known, so this rule cannot be decided");
  EXPECT_EQ(sentence("complaints_open - beds < 0", {{"complaints_open", 1}, {"beds", 4}}),
            "complaints_open - beds is -3, less than 0");
  EXPECT_EQ(sentence("-beds < -2", {{"beds", 4}}), "-beds is -4, less than -2");
  EXPECT_EQ(sentence("beds + 0.5 > 6", {{"beds", 6}}), "beds + 0.5 is 6.5, more than 6");
}

TEST(Explanation, CountAllAndAnySayWhichKeysPassed) {
  const fact_object ratings{{"safe", "inadequate"},
                            {"effective", "good"},
                            {"caring", "good"},
                            {"responsive", "inadequate"},
                            {"well_led", "good"}};
  EXPECT_EQ(sentence("count(key_question_ratings, r -> r == 'inadequate') >= 2",
                     {{"key_question_ratings", ratings}}),
            "the number of key question ratings meeting r -> r == 'inadequate' is 2, at least 2");
  EXPECT_EQ(sentence("any(key_question_ratings, r -> r == 'inadequate')",
                     {{"key_question_ratings", ratings}}),
            "key question ratings: safe meets r -> r == 'inadequate'");
  EXPECT_EQ(sentence("all(key_question_ratings, r -> r in ['good', 'outstanding'])",
                     {{"key_question_ratings", ratings}}),
            "key question ratings: safe does not meet r -> r in ['good', 'outstanding']");
  EXPECT_EQ(sentence("all(key_question_ratings, r -> r != 'outstanding')",
                     {{"key_question_ratings", ratings}}),
            "key question ratings: every one meets r -> r != 'outstanding'");
  EXPECT_EQ(sentence("any(key_question_ratings, r -> r == 'outstanding')",
                     {{"key_question_ratings", ratings}}),
            "key question ratings: none meets r -> r == 'outstanding'");
  // Two keys known to be inadequate, three unknown: the count is from 2 to 5.
  const fact_object partial{{"safe", "inadequate"}, {"well_led", "inadequate"}};
  EXPECT_EQ(sentence("count(key_question_ratings, r -> r == 'inadequate') >= 3",
                     {{"key_question_ratings", partial}}),
            "the number of key question ratings meeting r -> r == 'inadequate' is between 2 and "
            "5, so whether it is at least 3 is not known, so this rule cannot be decided");
  EXPECT_EQ(sentence("any(key_question_ratings, r -> r == 'outstanding')",
                     {{"key_question_ratings", partial}}),
            "key question ratings: none known meets r -> r == 'outstanding'; effective, caring "
            "and responsive are not known, so this rule cannot be decided");
}

TEST(Explanation, AnUnknownFactThatLeavesTheRuleUndecidedSaysSo) {
  EXPECT_EQ(sentence("regulator_rating == 'inadequate'", {}),
            "regulator rating is not known, so this rule cannot be decided");
  // An unknown count is still never below 0: it decides `>= 0`, and is not known otherwise.
  EXPECT_EQ(sentence("returns_missed >= 1", {}),
            "returns missed is not known, so this rule cannot be decided");
  EXPECT_EQ(sentence("returns_missed >= 0", {}),
            "returns missed is not known, but it is never less than 0, so this holds");
  const explained e =
      explain("location == 'out_of_area' and ehcp_children > 0", {{"location", "out_of_area"}});
  EXPECT_EQ(e.lines,
            "not decided: none of these fails, and not all are known\n"
            "  location is out of area\n"
            "  ehcp children is not known, so this rule cannot be decided\n");
  ASSERT_EQ(e.parts.size(), 3u);
  EXPECT_EQ(e.parts[2].result, part_result::unknown);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(e.parts[2].value));
}

TEST(Explanation, AnUnknownThatDidNotMatterSaysSo) {
  // In area: the `and` is false whatever ehcp_children is.
  const explained e =
      explain("ehcp_children > 0 and location == 'out_of_area'", {{"location", "in_area"}});
  EXPECT_EQ(e.lines,
            "not all of these hold\n"
            "  ehcp children is not known, which does not change the result\n"
            "  location is in area, not out of area\n");
}

TEST(Explanation, PartsAnAndOrOrDidNotNeedAreMarkedNotEvaluated) {
  const explained e = explain("regulator_rating == 'inadequate' or beds > 6 or unregulated",
                              {{"regulator_rating", "good"}, {"beds", 20}});
  EXPECT_EQ(e.lines,
            "at least one of these holds\n"
            "  regulator rating is good, not inadequate\n"
            "  beds is 20, more than 6\n"
            "  not needed: the parts before it had already decided the result\n");
  ASSERT_EQ(e.parts.size(), 4u);
  EXPECT_EQ(e.parts[3].result, part_result::not_evaluated);
  EXPECT_EQ(e.parts[3].condition, "unregulated");
  EXPECT_EQ(e.parts[0].op, "or");
  EXPECT_EQ(e.parts[0].depth, 0u);
  EXPECT_EQ(e.parts[1].depth, 1u);
}

TEST(Explanation, NotAndNestedCombinations) {
  const explained e = explain("not (unregulated or placement_stop) and beds > 2",
                              {{"unregulated", false}, {"placement_stop", false}, {"beds", 3}});
  EXPECT_EQ(e.lines,
            "all of these hold\n"
            "  this holds, as the part below does not\n"
            "    none of these holds\n"
            "      unregulated is false\n"
            "      placement stop is false\n"
            "  beds is 3, more than 2\n");
}

TEST(Explanation, JsonIsATreeOfParts) {
  const std::shared_ptr<pack_data> pack = core_pack();
  std::vector<diagnostic> found;
  const std::optional<condition> c =
      compile_condition(pack->table, "beds > 6 and regulator_rating == 'good'", "/when", found);
  ASSERT_TRUE(c);
  std::optional<bound_record> bound =
      bind_record(pack->table, qaf::testing::record_with("p1", {{"beds", 20}}), found);
  ASSERT_TRUE(bound);
  std::vector<node_outcome> nodes;
  c->trace(*bound, as_of, nodes);
  const json out = json::parse(explanation_json(condition_trace(pack, *c, as_of, nodes)).dump());
  EXPECT_EQ(out, json::parse(R"({
    "op": "and", "condition": "beds > 6 and regulator_rating == 'good'", "holds": null,
    "evaluated": true, "text": "not decided: none of these fails, and not all are known",
    "parts": [
      {"op": ">", "condition": "beds > 6", "holds": true, "evaluated": true, "fact": "beds",
       "value": 20, "known": true, "operand": "6", "text": "beds is 20, more than 6"},
      {"op": "==", "condition": "regulator_rating == 'good'", "holds": null, "evaluated": true,
       "fact": "regulator_rating", "value": null, "known": false, "operand": "'good'",
       "text": "regulator rating is not known, so this rule cannot be decided"}
    ]})"))
      << out.dump(2);
  EXPECT_TRUE(explanation_json(condition_trace()).is_null());
}

TEST(Explanation, TextAndHtmlRenderEachPartIndented) {
  const std::shared_ptr<pack_data> pack = core_pack();
  std::vector<diagnostic> found;
  const std::optional<condition> c =
      compile_condition(pack->table, "beds > 6 or name == '<b>'", "/when", found);
  ASSERT_TRUE(c);
  std::optional<bound_record> bound = bind_record(
      pack->table, qaf::testing::record_with("p1", {{"beds", 2}, {"name", "<b>"}}), found);
  ASSERT_TRUE(bound);
  std::vector<node_outcome> nodes;
  c->trace(*bound, as_of, nodes);
  const condition_trace trace(pack, *c, as_of, nodes);
  std::ostringstream text;
  write_explanation_text(text, trace, 4);
  EXPECT_EQ(text.str(),
            "    - at least one of these holds\n"
            "      - beds is 2, not more than 6\n"
            "      - name is '<b>'\n");
  std::ostringstream html;
  write_explanation_html(html, trace);
  EXPECT_EQ(html.str(),
            "<ul class=\"why\"><li class=\"holds\">at least one of these holds<ul class=\"why\">"
            "<li class=\"fails\">beds is 2, not more than 6</li>"
            "<li class=\"holds\">name is &#39;&lt;b&gt;&#39;</li></ul></li></ul>\n");
}

// The engine: explaining fills every reason's and undecided rule's explanation and changes
// nothing else; without it nothing is recorded.
TEST(Explanation, RatingsCarryThemOnlyWhenAsked) {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  const provider record = qaf::testing::record_with("p1", {{"recruitment", "struggling_no_plan"},
                                                           {"safeguarding_enquiries_open", 1},
                                                           {"complaints_open", 1}});
  const std::vector<rating> plain = engine.rate(record, as_of);
  const std::vector<rating> why = engine.rate(record, as_of, {.explain = true});
  ASSERT_EQ(plain.size(), why.size());
  bool any_reason = false;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(rating_json(plain[i]), rating_json(why[i])) << "compact results stay the same";
    for (const rating_reason& r : plain[i].reasons) EXPECT_TRUE(r.explanation.empty());
    for (const rating_reason& r : why[i].reasons) {
      any_reason = true;
      ASSERT_FALSE(r.explanation.empty()) << r.rule;
      const std::vector<condition_part> parts = r.explanation.parts();
      ASSERT_FALSE(parts.empty());
      EXPECT_EQ(parts.front().condition, r.condition);
      // A rule that fired held; a condition of the least severe level is a reason either way.
      EXPECT_EQ(parts.front().result,
                r.kind == reason_kind::requirement_failed ? part_result::fails : part_result::holds)
          << r.rule;
    }
    for (const undecided_rule& u : why[i].undecided) {
      ASSERT_FALSE(u.explanation.empty()) << u.rule;
      EXPECT_EQ(u.explanation.parts().front().result, part_result::unknown) << u.rule;
    }
  }
  EXPECT_TRUE(any_reason);
  EXPECT_FALSE(why.front().undecided.empty()) << "the record leaves level 5 open";
}

}  // namespace
}  // namespace qaf::detail

namespace qaf::detail {
namespace {

std::string why_portfolio() { return (qaf::testing::data_dir() / "portfolios/why.json").string(); }

// The CLI: --explain puts each reason's explanation into rate's JSON; without it the results stay
// compact and name no explanation.
TEST(ExplanationCli, RateExplainWritesTheTreeUnderEachReason) {
  const qaf::testing::cli_result r = qaf::testing::run_cli(
      "rate --portfolio '" + why_portfolio() + "' --as-of 2024-07-01 --format jsonl --explain");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  const json line = json::parse(last);
  const json& pqr = line.at("ratings").at(0);
  EXPECT_EQ(pqr.at("reasons").at(0).at("explanation"), json::parse(R"({
    "op": "==", "condition": "recruitment == 'struggling_no_plan'", "holds": true,
    "evaluated": true, "fact": "recruitment", "value": "struggling_no_plan", "known": true,
    "operand": "'struggling_no_plan'", "text": "recruitment is struggling no plan"})"));
  EXPECT_EQ(pqr.at("undecided").at(0).at("explanation").at("text"),
            "financial is not known, so this rule cannot be decided");

  const qaf::testing::cli_result compact = qaf::testing::run_cli(
      "rate --portfolio '" + why_portfolio() + "' --as-of 2024-07-01 --format jsonl");
  ASSERT_EQ(compact.status, 0) << compact.err;
  EXPECT_EQ(compact.out.find("\"explanation\""), std::string::npos);
}

TEST(ExplanationCli, AssessTextAndHtmlRenderTheSentences) {
  const qaf::testing::cli_result text = qaf::testing::run_cli(
      "assess --portfolio '" + why_portfolio() + "' --as-of 2024-07-01 --format text --explain");
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("      because (4) The provider is struggling to recruit staff and no "
                          "plans to rectify.  [Appendix 2, Provider Quality Rating (PQR) "
                          "Definitions]\n        - recruitment is struggling no plan\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("        - financial is not known, so this rule cannot be decided\n"),
            std::string::npos)
      << text.out;
  const qaf::testing::cli_result plain = qaf::testing::run_cli(
      "assess --portfolio '" + why_portfolio() + "' --as-of 2024-07-01 --format text");
  EXPECT_EQ(plain.out.find("        - "), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("undecided ("), std::string::npos) << plain.out;

  const qaf::testing::cli_result html = qaf::testing::run_cli(
      "assess --portfolio '" + why_portfolio() + "' --as-of 2024-07-01 --format html --explain");
  ASSERT_EQ(html.status, 0) << html.err;
  EXPECT_NE(html.out.find("<ul class=\"why\"><li class=\"holds\">recruitment is struggling no "
                          "plan</li></ul>"),
            std::string::npos);
  EXPECT_NE(html.out.find("<li class=\"unknown\">financial is not known, so this rule cannot be "
                          "decided</li>"),
            std::string::npos);
}

}  // namespace
}  // namespace qaf::detail
