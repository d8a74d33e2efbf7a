// `qaf schedule` end to end: JSON, CSV and iCalendar (parsed back and checked against RFC 5545),
// the workload summary, and bad input (exit 1, nothing on stdout).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "qaf/engine.hpp"
#include "render/result_stream.hpp"
#include "render/schedule_render.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::data_dir;
using qaf::testing::run_cli;
using qaf::testing::source_dir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string schedule_args(const std::string& format, const std::string& as_of = "2025-05-26") {
  return "schedule --pack coventry-children --portfolio " +
         (data_dir() / "schedule/coventry.json").string() +
         " --from 2025-04-01 --to 2026-03-31 --as-of " + as_of + " --format " + format;
}

// RFC 5545 text: "\\" "\;" "\," "\n" back to what they stand for.
std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += next == 'n' || next == 'N' ? '\n' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct ics_event {
  std::map<std::string, std::string> properties;  // name (with parameters) -> value
};

// Splits on CRLF, checks every line's length, unfolds, and collects the VEVENTs.
std::vector<ics_event> parse_ics(const std::string& text, std::string* error) {
  std::vector<std::string> physical;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    if (end == std::string::npos) {
      *error = "text after the last CRLF";
      return {};
    }
    physical.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  std::vector<std::string> logical;
  for (const std::string& line : physical) {
    if (line.size() > 75) *error = "a line of " + std::to_string(line.size()) + " octets: " + line;
    if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos)
      *error = "a bare line break";
    if (!line.empty() && line[0] == ' ') {
      logical.back() += line.substr(1);
    } else {
      logical.push_back(line);
    }
  }
  std::vector<ics_event> events;
  bool open = false;
  for (const std::string& line : logical) {
    if (line == "BEGIN:VEVENT") {
      events.emplace_back();
      open = true;
    } else if (line == "END:VEVENT") {
      open = false;
    } else if (open) {
      const std::size_t colon = line.find(':');
      events.back().properties[line.substr(0, colon)] = line.substr(colon + 1);
    }
  }
  if (logical.front() != "BEGIN:VCALENDAR" || logical.back() != "END:VCALENDAR")
    *error = "not one VCALENDAR";
  return events;
}

TEST(ScheduleCli, JsonListsOccurrencesMinimumVisitsAndWorkload) {
  const qaf::testing::cli_result r = run_cli(schedule_args("json"));
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["pack"]["id"], "coventry-children");
  EXPECT_EQ(doc["as_of"], "2025-05-26");
  std::vector<std::string> lines;
  for (const nlohmann::json& o : doc["occurrences"]) {
    lines.push_back(o["due"].get<std::string>() + ' ' + o["provider"].get<std::string>() + ' ' +
                    o["activity"].get<std::string>() + ' ' + o["status"].get<std::string>() + ' ' +
                    o["kind"].get<std::string>() + ' ' + o["origin"].get<std::string>());
    EXPECT_EQ(o["source"]["document"], "coventry-qa");
    EXPECT_FALSE(o["rule"].get<std::string>().empty());
  }
  // cov-home: Inadequate on Good Friday (visit 04-22, decision within 24 hours but never before
  // the visit it follows: 04-22), both missed by as_of; its
  // yearly visit first due 2025-06-10 (done early 2024-09-16) and then 2025-09-16. cov-sa:
  // Inadequate on the Spring bank holiday 2025-05-26, visit and decision 2025-05-27; yearly visit
  // 2025-11-01. cov-fostering has no Coventry child in placement: nothing. The results stream in
  // portfolio order, each provider's by due date.
  EXPECT_THAT(lines, ElementsAre("2025-04-22 cov-home CV-DECISION overdue decision trigger",
                                 "2025-04-22 cov-home CV-VISIT overdue visit trigger",
                                 "2025-06-10 cov-home CV-PLANNED-VISIT done visit schedule",
                                 "2025-09-16 cov-home CV-PLANNED-VISIT upcoming visit schedule",
                                 "2025-05-27 cov-sa CV-DECISION due decision trigger",
                                 "2025-05-27 cov-sa CV-VISIT due visit trigger",
                                 "2025-11-01 cov-sa CV-PLANNED-VISIT upcoming visit schedule"));
  EXPECT_EQ(doc["occurrences"][2]["done_on"], "2024-09-16");
  EXPECT_TRUE(doc["rules"].contains(doc["occurrences"][0]["rule"].get<std::string>()));
  ASSERT_EQ(doc["minimum_visits"].size(), 2u);
  EXPECT_EQ(doc["minimum_visits"][0]["provider"], "cov-home");
  EXPECT_EQ(doc["minimum_visits"][0]["required"], 1);
  // Workload: on-site visits by month of the window, and by officer.
  const nlohmann::json& months = doc["workload"]["months"];
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months[0], (nlohmann::json{{"month", "2025-04"}, {"visits", 1}, {"outstanding", 1}}));
  EXPECT_EQ(months[1], (nlohmann::json{{"month", "2025-05"}, {"visits", 1}, {"outstanding", 1}}));
  EXPECT_EQ(months[2], (nlohmann::json{{"month", "2025-06"}, {"visits", 1}, {"outstanding", 0}}));
  EXPECT_EQ(months[5]["visits"], 1);  // September
  EXPECT_EQ(months[7]["visits"], 1);  // November
  const nlohmann::json& officers = doc["workload"]["by_officer"];
  ASSERT_EQ(officers.size(), 2u);
  EXPECT_EQ(officers[0]["officer"], "A. Khan");
  EXPECT_EQ(officers[0]["months"][1]["visits"], 1);
  EXPECT_EQ(officers[1]["officer"], "J. Smith");
  EXPECT_EQ(officers[1]["months"][0]["outstanding"], 1);
}

TEST(ScheduleCli, CsvHasOneOccurrenceARow) {
  const qaf::testing::cli_result r = run_cli(schedule_args("csv"));
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream in(r.out);
  std::vector<std::string> rows;
  for (std::string row; std::getline(in, row);) {
    ASSERT_TRUE(!row.empty() && row.back() == '\r') << "RFC 4180 rows end in CRLF";
    rows.push_back(row.substr(0, row.size() - 1));
  }
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0],
            "provider,activity,kind,on_site,due,status,done_on,late,days_late,origin,rule,"
            "source_document,source_section,interpretation,period,period_name,warnings");
  EXPECT_EQ(rows[1],
            "cov-home,CV-DECISION,decision,false,2025-04-22,overdue,,false,0,trigger,"
            "inadequate-visit-and-decision,coventry-qa,\"Quality assurance, RAG rating criteria\","
            "false,,,\"follows: due 2025-04-22 rather than 2025-04-19: it follows CV-VISIT, due "
            "then\"");
  // The yearly visit done early is not late. Rows stream in portfolio order.
  EXPECT_EQ(rows[3].substr(0, 71),
            "cov-home,CV-PLANNED-VISIT,visit,true,2025-06-10,done,2024-09-16,false,0");
}

TEST(ScheduleCli, IcsParsesBackWithOneAllDayEventAnOccurrence) {
  const qaf::testing::cli_result r = run_cli(schedule_args("ics"));
  ASSERT_EQ(r.status, 0) << r.err;
  std::string error;
  const std::vector<ics_event> events = parse_ics(r.out, &error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(events.size(), 7u);
  std::set<std::string> uids;
  for (const ics_event& e : events) {
    const auto& p = e.properties;
    ASSERT_TRUE(p.count("UID") && p.count("DTSTAMP") && p.count("DTSTART;VALUE=DATE") &&
                p.count("DTEND;VALUE=DATE") && p.count("SUMMARY") && p.count("DESCRIPTION"));
    uids.insert(p.at("UID"));
    EXPECT_EQ(p.at("DTSTAMP"), "20250526T000000Z");
    EXPECT_THAT(unescape(p.at("DESCRIPTION")), HasSubstr("Source: coventry-qa, Quality assurance"));
  }
  EXPECT_EQ(uids.size(), 7u);
  // The visit after Good Friday: all day on Tuesday 2025-04-22.
  EXPECT_EQ(events[1].properties.at("DTSTART;VALUE=DATE"), "20250422");
  EXPECT_EQ(events[1].properties.at("DTEND;VALUE=DATE"), "20250423");
  // A name with a semicolon, a comma, quotes, a backslash and a non-ASCII letter comes back whole.
  EXPECT_EQ(unescape(events[3].properties.at("SUMMARY")),
            "CV-VISIT Visit to the placement after an Ofsted Inadequate judgement: Café Lodge; "
            "Ward, \"East\" "
            "\\ Unit (due)");
  EXPECT_THAT(events[3].properties.at("SUMMARY"),
              HasSubstr("Café Lodge\\; Ward\\, \"East\" \\\\ Unit"));
  // The same occurrences computed on another day keep their UIDs, so a re-import updates them.
  const std::vector<ics_event> later =
      parse_ics(run_cli(schedule_args("ics", "2025-05-27")).out, &error);
  ASSERT_EQ(later.size(), 7u);
  for (std::size_t i = 0; i < later.size(); ++i) {
    EXPECT_EQ(later[i].properties.at("UID"), events[i].properties.at("UID"));
  }
}

// Issue 9: a provider that cannot be scheduled for want of a fact, and a window that reaches
// before the framework, are said on stderr whatever the format, and in the iCalendar itself.
TEST(ScheduleCli, UnschedulableProvidersAndTheEffectivePeriodAreNamedInEveryFormat) {
  const std::string args = "schedule --pack bolton-children-2024 --portfolio " +
                           (data_dir() / "schedule/unschedulable.json").string() +
                           " --from 2024-01-01 --to 2024-12-31 --as-of 2024-06-01 --format ";
  const std::string period_warning =
      "outside_effective_period: the window 2024-01-01 to 2024-12-31 reaches outside the period "
      "the pack bolton-children-2024 is in force (2024-02-01 to (no end)); nothing falls due "
      "outside it";
  for (const char* format : {"csv", "ics", "json"}) {
    const qaf::testing::cli_result r = run_cli(args + format);
    ASSERT_EQ(r.status, 0) << r.err;
    // Every rule for a children's home asks where it is.
    EXPECT_EQ(r.err, "qaf: warning: " + period_warning +
                         "\nqaf: warning: provider no-location is not scheduled in full for want "
                         "of: location\n")
        << format;
  }
  std::string folded = run_cli(args + "ics").out;
  for (std::size_t at; (at = folded.find("\r\n ")) != std::string::npos;) folded.erase(at, 3);
  const std::string ics = unescape(folded);
  EXPECT_NE(ics.find("X-WR-CALDESC:Warning (outside_effective_period): the window 2024-01-01 to "
                     "2024-12-31 reaches outside"),
            std::string::npos);
  EXPECT_NE(ics.find("Not scheduled in full: no-location (unknown: location)"), std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(run_cli(args + "json").out);
  ASSERT_EQ(doc["warnings"].size(), 1u);
  EXPECT_EQ(doc["warnings"][0]["code"], "outside_effective_period");
}

TEST(ScheduleCli, BadInputExitsOneWithNothingOnStdout) {
  const std::string portfolio = (data_dir() / "schedule/coventry.json").string();
  const std::string bad_portfolio = (data_dir() / "bad_portfolios/unknown-fact.json").string();
  const std::vector<std::string> cases = {
      "schedule --pack coventry-children --portfolio " + portfolio +
          " --from 2025-02-30 --to 2025-12-31",
      "schedule --pack coventry-children --portfolio " + portfolio + " --from 2025-04-01",
      "schedule --pack coventry-children --portfolio " + portfolio +
          " --from 2025-04-01 --to 2025-01-01",
      "schedule --pack coventry-children --portfolio " + portfolio +
          " --from 2025-04-01 --to 2025-12-31 --format xml",
      "schedule --pack no-such-pack --portfolio " + portfolio +
          " --from 2025-04-01 --to 2025-12-31",
      "schedule --pack coventry-children --portfolio " + bad_portfolio +
          " --from 2025-04-01 --to 2025-12-31",
      "schedule --pack coventry-children --portfolio /nonexistent.json --from 2025-04-01 --to "
      "2025-12-31"};
  for (const std::string& args : cases) {
    const qaf::testing::cli_result r = run_cli(args);
    EXPECT_EQ(r.status, 1) << args;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_NE(r.err, "") << args;
  }
}

// append_occurrence_json and append_minimum_visits_json write the compact form without building a
// document: the same bytes as the document dumped, for every occurrence and minimum-visit check of
// every bundled pack's example portfolio over three years (done, late, overdue, periods, outcomes,
// warnings), and for strings a JSON writer must escape (quotes, controls, non-ASCII, malformed
// UTF-8).
TEST(ScheduleRender, TextWritersWriteTheDocumentsBytes) {
  const auto same_occurrence = [](const qaf::occurrence& o) {
    std::string written;
    qaf::detail::append_occurrence_json(written, o);
    EXPECT_EQ(written, qaf::detail::compact_json(qaf::detail::occurrence_json(o)))
        << o.provider << ' ' << o.activity << ' ' << o.due;
  };
  const auto same_check = [](const std::string& provider, const qaf::minimum_visits_check& c) {
    std::string written;
    qaf::detail::append_minimum_visits_json(written, provider, c);
    EXPECT_EQ(written, qaf::detail::compact_json(qaf::detail::minimum_visits_json(provider, c)))
        << provider << ' ' << c.rule;
  };
  std::size_t occurrences = 0;
  std::size_t checks = 0;
  bool warned = false;
  bool with_period = false;
  for (const std::string pack_id :
       {"bolton-children-2024", "bolton-adults-2020", "devon-children-residential",
        "herefordshire-adults-2018", "coventry-children"}) {
    const qaf::pack rules = qaf::load_pack_or_throw(pack_id);
    const qaf::portfolio_result read =
        qaf::read_portfolio(rules, (source_dir() / "examples" / (pack_id + ".json")).string());
    ASSERT_TRUE(read) << pack_id;
    const qaf::engine engine(rules);
    const qaf::schedule_options window{qaf::date::parse("2023-01-01"),
                                       qaf::date::parse("2025-12-31"),
                                       qaf::date::parse("2024-07-01")};
    for (const qaf::provider& p : read.portfolio->providers) {
      const qaf::schedule_result result = engine.schedule(p, window);
      for (const qaf::occurrence& o : result.occurrences) {
        same_occurrence(o);
        warned = warned || !o.warnings.empty();
        with_period = with_period || o.period_start.has_value();
        ++occurrences;
      }
      for (const qaf::minimum_visits_check& c : result.minimum_visits) {
        same_check(p.id, c);
        ++checks;
      }
    }
  }
  EXPECT_GT(occurrences, 100u);
  EXPECT_GT(checks, 0u);
  EXPECT_TRUE(warned);
  EXPECT_TRUE(with_period);

  qaf::occurrence odd;
  odd.provider = "p\"1\\ \xc3\xa9t\xc3\xa9\n\x01";
  odd.activity = "caf\xc3\xa9";
  odd.due = qaf::date::parse("2024-02-29");
  odd.status = qaf::occurrence_status::done;
  odd.done_on = qaf::date::parse("2024-03-04");
  odd.outcome = "said \"no\"\tthen yes";
  odd.late = true;
  odd.days_late = 4;
  odd.origin = qaf::occurrence_origin::follow_up;
  odd.rule = "bad \xff byte";
  odd.source = {"Doc \"A\"", "\xc2\xa7 2", "a \\ quote"};
  odd.interpretation = true;
  odd.period_start = qaf::date::parse("2024-01-01");
  odd.period_end = qaf::date::parse("2024-01-31");
  odd.period_name = "2023/24 \xe2\x80\x94 period 10";
  odd.warnings = {{"rolled", "a \"quoted\" message"}, {"non_working_day", "\x7f"}};
  same_occurrence(odd);
  same_occurrence(qaf::occurrence{});
  qaf::minimum_visits_check check;
  check.rule = "min \"visits\"";
  check.source = {"doc", "s", ""};
  check.required = 4;
  check.scheduled_fewest = 3;
  check.full_year = true;
  check.scheduled_shortfall = 1;
  check.done_last_12_months = 2;
  check.shortfall = 2;
  check.part_year = true;
  check.required_in_force = -1;
  same_check("p\xc3\xa9", check);
}

}  // namespace
