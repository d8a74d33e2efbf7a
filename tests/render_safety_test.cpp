// Output safety (issue 11): whatever a portfolio or pack holds, every writer emits well-formed
// UTF-8 and lets no user text forge structure: CSV formula cells neutralised the OWASP way,
// control characters escaped in text reports and CSV, dropped from iCalendar, and JSON written
// with U+FFFD in place of malformed UTF-8 rather than throwing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "qaf/pack.hpp"
#include "render/assess_text.hpp"
#include "render/csv_writer.hpp"
#include "render/html_report.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/schedule_render.hpp"

namespace {

using qaf::date;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string fffd = "\xEF\xBF\xBD";

TEST(SafeText, MalformedUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(qaf::detail::well_formed_utf8("Caf\xC3\xA9"), "Caf\xC3\xA9");
  // A stray continuation byte run counts as one malformed character, as character_length says.
  EXPECT_EQ(qaf::detail::well_formed_utf8("a\x80\x80"
                                          "b"),
            "a" + fffd + "b");
  EXPECT_EQ(qaf::detail::well_formed_utf8("\xFF"), fffd);
  EXPECT_EQ(qaf::detail::well_formed_utf8("\xC3"), fffd);          // cut short
  EXPECT_EQ(qaf::detail::well_formed_utf8("\xC0\xAF"), fffd);      // overlong '/'
  EXPECT_EQ(qaf::detail::well_formed_utf8("\xED\xA0\x80"), fffd);  // a surrogate
  EXPECT_EQ(qaf::detail::well_formed_utf8(std::string(80, '\x80')), fffd);
}

TEST(SafeText, ControlCharactersAreEscapedForText) {
  EXPECT_EQ(qaf::detail::escaped_text("A\nB"), "A\\nB");
  EXPECT_EQ(qaf::detail::escaped_text("A\r\nB\tC"), "A\\r\\nB\\tC");
  EXPECT_EQ(qaf::detail::escaped_text("\x1b[31mred"), "\\u001b[31mred");
  EXPECT_EQ(qaf::detail::escaped_text(std::string("a\0b", 3)), "a\\u0000b");
  EXPECT_EQ(qaf::detail::escaped_text("\x7f"), "\\u007f");
  EXPECT_EQ(qaf::detail::escaped_text("\xC2\x9B"
                                      "2J"),
            "\\u009b2J");  // C1 CSI
  EXPECT_EQ(qaf::detail::escaped_text("a\xE2\x80\xA8"
                                      "b"),
            "a\\u2028b");
  EXPECT_EQ(qaf::detail::escaped_text("Caf\xC3\xA9 \xC2\xA0!"), "Caf\xC3\xA9 \xC2\xA0!");
  EXPECT_EQ(qaf::detail::escaped_text("\x80\n"), fffd + "\\n");
}

TEST(SafeText, PlainNumbers) {
  for (const char* number : {"0", "-3", "12.5", "-0.25", "-1.5e+20", "3E-4"}) {
    EXPECT_TRUE(qaf::detail::is_plain_number(number)) << number;
  }
  for (const char* text : {"", "-", "1.", ".5", "-1+2", "1e", "-2+3+cmd|' /C calc'!A0", "- 3"}) {
    EXPECT_FALSE(qaf::detail::is_plain_number(text)) << text;
  }
}

TEST(CsvCell, FormulaCellsAreNeutralised) {
  EXPECT_EQ(qaf::detail::csv_cell("=SUM(A1:A2)"), "\"'=SUM(A1:A2)\"");
  EXPECT_EQ(qaf::detail::csv_cell("+44 20 7946 0000"), "\"'+44 20 7946 0000\"");
  EXPECT_EQ(qaf::detail::csv_cell("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
  EXPECT_EQ(qaf::detail::csv_cell("@SUM(1)"), "\"'@SUM(1)\"");
  EXPECT_EQ(qaf::detail::csv_cell("\t=1"), "\"'\\t=1\"");
  EXPECT_EQ(qaf::detail::csv_cell("\r=1"), "\"'\\r=1\"");
  EXPECT_EQ(qaf::detail::csv_cell("=\"x\",1"), "\"'=\"\"x\"\",1\"");
  // Numbers stay numbers, negative ones included; only text that is no number is neutralised.
  EXPECT_EQ(qaf::detail::csv_cell("-3"), "-3");
  EXPECT_EQ(qaf::detail::csv_cell("-1.5e+20"), "-1.5e+20");
  EXPECT_EQ(qaf::detail::csv_cell("2025-04-01/2025-06-30"), "2025-04-01/2025-06-30");
  EXPECT_EQ(qaf::detail::csv_cell("a=b"), "a=b");
}

TEST(CsvCell, ControlCharactersAndMalformedUtf8AreEscaped) {
  EXPECT_EQ(qaf::detail::csv_cell("A\nB"), "A\\nB");
  EXPECT_EQ(qaf::detail::csv_cell("Ward, \"East\""), "\"Ward, \"\"East\"\"\"");
  EXPECT_EQ(qaf::detail::csv_cell("x\x1b[2J"), "x\\u001b[2J");
  EXPECT_EQ(qaf::detail::csv_cell("\x80\x80"), fffd);
}

TEST(CsvCell, TheWriterWritesEachCellAsCsvCellDoes) {
  // The writer writes a cell that escaping leaves alone without csv_cell's strings: it must
  // agree with csv_cell on every kind of cell.
  const std::vector<std::string> cells = {
      "", "p1", "2024-06-30", "-3", "a=b", "=SUM(A1)", "-x", "@x", "Ward, East", "say \"hi\"",
      "A\nB", "tab\there", "x\x7f", "caf\xC3\xA9", "\x80\x80", "~ok ok!", "+44", " spaced ", "\r=1",
      "\t=1",
      // Text beyond ASCII: well formed and plain, quoted, a formula, a C1 control, a line
      // separator, malformed and overlong sequences.
      "CQC rating is \xE2\x80\x9CRequires Improvement\xE2\x80\x9D, in \"some\" areas",
      "provisional 2 \xE2\x80\x94 could reach 3", "=\xE2\x80\x9Cx\xE2\x80\x9D",
      "a\xC2\x85"
      "b",
      "a\xE2\x80\xA8"
      "b",
      "\xC2\xA0nbsp", "\xE2\x80", "\xC0\xAF", "say \"hi\", now"};
  std::ostringstream written;
  qaf::detail::csv_writer(written).row(cells);
  std::string expected;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    expected += (i == 0 ? "" : ",") + qaf::detail::csv_cell(cells[i]);
  }
  EXPECT_EQ(written.str(), expected + "\r\n");
  for (const std::string& c : cells) {
    std::ostringstream one;
    qaf::detail::csv_writer(one).row({std::string_view(c)});
    EXPECT_EQ(one.str(), qaf::detail::csv_cell(c) + "\r\n") << c;
  }
}

TEST(JsonText, MalformedUtf8IsReplacedNotThrown) {
  nlohmann::ordered_json document;
  document["name"] = "Caf\xFF!\x1b";
  EXPECT_EQ(qaf::detail::json_text(document), "{\n  \"name\": \"Caf" + fffd + "!\\u001b\"\n}\n");
}

// A schedule of one provider whose texts carry everything a hostile portfolio could put there.
struct hostile_fixture {
  qaf::pack rules = *qaf::load_pack("coventry-children").pack;
  qaf::schedule_options window{date::parse("2025-04-01"), date::parse("2026-03-31"),
                               date::parse("2025-05-26")};
  std::vector<qaf::detail::provider_schedule> schedules;

  explicit hostile_fixture(const std::string& text) {
    qaf::occurrence o;
    o.provider = "p-" + text;
    o.activity = "CV-VISIT";
    o.due = date::parse("2025-06-02");
    o.rule = "=rule" + text;
    o.source = {"coventry-qa", "@section" + text, "quote" + text};
    o.period_name = "-period" + text;
    o.warnings.push_back({"w", "+warning" + text});
    qaf::detail::provider_schedule s{"p-" + text, "=HYPERLINK(\"x\")" + text, "officer" + text, {}};
    s.result.occurrences.push_back(o);
    s.result.unknown_facts.push_back("fact" + text);
    schedules.push_back(s);
  }
};

// Issue 11: a CSV provider name of eighty \x80 bytes made the iCalendar line folder spin forever.
TEST(IcsSafety, FoldingAlwaysAdvancesAndEveryLineIsShortAndWellFormed) {
  const hostile_fixture f(std::string(80, '\x80') + std::string("\0\x1b[2J\x7f\xC2\x9B", 8) +
                          std::string(100, 'x'));
  std::ostringstream out;
  qaf::detail::write_schedule_ics(out, f.rules, f.window, f.schedules);
  const std::string text = out.str();
  EXPECT_EQ(qaf::detail::well_formed_utf8(text), text);
  EXPECT_THAT(text, Not(HasSubstr(std::string(1, '\0'))));
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  EXPECT_THAT(text, Not(HasSubstr("\x7f")));
  EXPECT_THAT(text, Not(HasSubstr("\xC2\x9B")));
  std::size_t lines = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    const std::string line = text.substr(at, end - at);
    EXPECT_LE(line.size(), 75u) << line;
    // Only tab remains of the control characters: RFC 5545 TEXT admits no other.
    for (const char c : line) {
      EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 || c == '\t') << line;
    }
    at = end + 2;
    ++lines;
  }
  EXPECT_GT(lines, 10u);
  EXPECT_THAT(text, HasSubstr("SUMMARY:CV-VISIT "));
  EXPECT_THAT(text, HasSubstr(fffd));
}

// Folding cuts between characters, never inside one: a name of 3-octet characters.
TEST(IcsSafety, FoldingKeepsMultiOctetCharactersWhole) {
  std::string name;
  for (int i = 0; i < 60; ++i) name += "\xE2\x82\xAC";  // the euro sign
  const hostile_fixture f(name);
  std::ostringstream out;
  qaf::detail::write_schedule_ics(out, f.rules, f.window, f.schedules);
  const std::string text = out.str();
  EXPECT_EQ(qaf::detail::well_formed_utf8(text), text);
  std::string unfolded;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find("\r\n", at);
    const std::string line = text.substr(at, end - at);
    EXPECT_LE(line.size(), 75u);
    EXPECT_EQ(qaf::detail::well_formed_utf8(line), line) << "a character split across lines";
    unfolded += line[0] == ' ' ? line.substr(1) : "\n" + line;
    at = end + 2;
  }
  EXPECT_THAT(unfolded, HasSubstr(name));
}

// Issue 11: an occurrence due on the last supported date aborted computing DTEND.
TEST(IcsSafety, OccurrenceOnTheLastDateHasNoDtend) {
  hostile_fixture f("");
  f.schedules[0].result.occurrences[0].due = date::max();
  std::ostringstream out;
  qaf::detail::write_schedule_ics(out, f.rules, f.window, f.schedules);
  EXPECT_THAT(out.str(), HasSubstr("\r\nDTSTART;VALUE=DATE:99991231\r\n"));
  EXPECT_THAT(out.str(), Not(HasSubstr("DTEND")));
}

TEST(CsvSafety, ScheduleCsvNeutralisesEveryUserCell) {
  const hostile_fixture f("\n=1+1\x1b\x80");
  std::ostringstream out;
  qaf::detail::write_schedule_csv(out, f.schedules);
  std::vector<std::string> rows;
  std::istringstream in(out.str());
  for (std::string row; std::getline(in, row);) rows.push_back(row);
  ASSERT_EQ(rows.size(), 2u) << "a newline in a cell must not start a row";
  EXPECT_EQ(rows[1], "p-\\n=1+1\\u001b" + fffd +
                         ",CV-VISIT,visit,false,2025-06-02,upcoming,,false,0,schedule,"
                         "\"'=rule\\n=1+1\\u001b" +
                         fffd + "\",coventry-qa,\"'@section\\n=1+1\\u001b" + fffd +
                         "\",false,,\"'-period\\n=1+1\\u001b" + fffd +
                         "\",w: +warning\\n=1+1\\u001b" + fffd + "\r");
}

TEST(CsvSafety, RatingAndKpiCsvNeutraliseUserCells) {
  qaf::rating r;
  r.provider = "=cmd|' /C calc'!A0";
  r.scheme = "rag";
  r.level = std::string("-red");
  r.label = "@label";
  std::ostringstream ratings;
  qaf::detail::write_ratings_csv(ratings, std::vector<qaf::rating>{r});
  EXPECT_THAT(ratings.str(),
              HasSubstr("\r\n\"'=cmd|' /C calc'!A0\",rag,decided,\"'-red\",\"'@label\","));
  qaf::kpi_result k;
  k.provider = "+p";
  k.kpi = "\tk";
  k.period_start = date::parse("2025-04-01");
  k.period_end = date::parse("2025-06-30");
  k.value = -12.5;
  k.target = "=95%";
  std::ostringstream kpis;
  qaf::detail::write_kpi_csv(kpis, std::vector<qaf::kpi_result>{k});
  EXPECT_THAT(kpis.str(), HasSubstr("\r\n\"'+p\",\"'\\tk\",2025-04-01/2025-06-30,"));
  EXPECT_THAT(kpis.str(), HasSubstr(",-12.5,\"'=95%\","));
}

// Issue 11: a newline in a name, officer or override reason forged lines of the text report.
TEST(TextSafety, AssessmentTextCannotBeForged) {
  const std::string forged = "\nFORGED LINE\x1b[2J\x80";
  hostile_fixture f(forged);
  qaf::detail::provider_assessment a;
  a.schedule = f.schedules[0];
  qaf::rating r;
  r.provider = a.schedule.provider;
  r.scheme = "rag";
  r.level = std::string("red");
  r.label = "Red" + forged;
  r.officer_override = qaf::rating_override{"rag", std::string("amber"), "reason" + forged,
                                            "officer" + forged, date::parse("2025-05-01")};
  r.reasons.push_back({});
  r.reasons.back().level = std::string("red");
  r.reasons.back().text = "because" + forged;
  a.ratings.push_back(r);
  std::ostringstream out;
  const std::vector<qaf::detail::provider_assessment> all{a};
  qaf::detail::summary_builder counted(f.rules, f.window);
  counted.add(a);
  qaf::detail::write_assessment_text(out, f.rules, f.window, counted.finish(), all);
  const std::string text = out.str();
  EXPECT_EQ(qaf::detail::well_formed_utf8(text), text);
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    EXPECT_THAT(line, Not(::testing::StartsWith("FORGED"))) << text;
  }
  const std::string shown = "\\nFORGED LINE\\u001b[2J" + fffd;
  EXPECT_THAT(text, HasSubstr("=HYPERLINK(\"x\")" + shown + " (p-" + shown + ") - officer officer" +
                              shown + "\n"));
  EXPECT_THAT(text, HasSubstr("(officer officer" + shown + " set amber on 2025-05-01: reason" +
                              shown + ")"));
  EXPECT_THAT(text, HasSubstr("because (red) because" + shown));
}

// The HTML report: markup in a name, officer, reason or rule text stays text, and nothing it
// writes can open a tag, close an attribute or start a script.
TEST(HtmlSafety, AssessmentHtmlCannotBeForged) {
  const std::string forged = "<script>alert(1)</script>\"'><img src=x onerror=y>&amp;\x1b\x80";
  hostile_fixture f(forged);
  qaf::detail::provider_assessment a;
  a.schedule = f.schedules[0];
  qaf::rating r;
  r.provider = a.schedule.provider;
  r.scheme = "rag";
  r.level = std::string("red");
  r.label = "Red" + forged;
  r.officer_override = qaf::rating_override{"rag", std::string("amber"), "reason" + forged,
                                            "officer" + forged, date::parse("2025-05-01")};
  r.reasons.push_back({});
  r.reasons.back().level = std::string("red");
  r.reasons.back().text = "because" + forged;
  a.ratings.push_back(r);
  qaf::detail::summary_builder counted(f.rules, f.window);
  counted.add(a);
  std::ostringstream out;
  qaf::detail::write_assessment_html(out, f.rules, f.window, counted.finish(),
                                     std::vector<qaf::detail::provider_assessment>{a});
  const std::string html = out.str();
  EXPECT_EQ(qaf::detail::well_formed_utf8(html), html);
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  const std::string shown =
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x "
      "onerror=y&gt;&amp;amp;\\u001b" +
      fffd;
  EXPECT_THAT(html, HasSubstr("because" + shown));
  EXPECT_THAT(html, HasSubstr("reason" + shown));
  EXPECT_THAT(html, HasSubstr("data-provider=\"p-" + shown + "\""));
}

TEST(HtmlSafety, EscapesEveryMetacharacter) {
  EXPECT_EQ(qaf::detail::html_escaped("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(qaf::detail::html_escaped("line\nnext"), "line\\nnext");
}

}  // namespace
