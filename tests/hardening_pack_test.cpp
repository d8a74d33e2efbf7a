// Hostile pack text: whatever the bytes, parse_pack and load_pack return diagnostics, located and
// coded, and never throw, crash or take quadratic time. The bad packs of the same kinds are in
// tests/data/bad_packs (cases.json); these tests check the messages and the cases that need text
// built in code (sizes, control characters, files that are not files).
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "diagnostic_limits.hpp"
#include "pack/json_reader.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::data_dir;
using qaf::testing::read_file;
using ::testing::HasSubstr;

std::string complete_pack() { return read_file(data_dir() / "packs/complete.json"); }

// `text` with the first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("not in the test pack: " + from);
  return text.replace(at, from.size(), to);
}

std::string describe(const qaf::pack_result& loaded) {
  std::string text;
  for (const qaf::diagnostic& d : loaded.diagnostics) text += d.to_string() + '\n';
  return text;
}

std::vector<std::string> codes(const qaf::pack_result& loaded) {
  std::vector<std::string> found;
  for (const qaf::diagnostic& d : loaded.diagnostics) found.push_back(d.code);
  return found;
}

TEST(PackHardening, NumbersBeyondADoubleAreLocatedDiagnostics) {
  // The pack fuzzer's finds: each escaped parse_pack as nlohmann's out_of_range exception.
  for (const std::string& number : {std::string("5555555e5555"), std::string("1e400"),
                                    std::string("-1e400"), "1" + std::string(400, '0')}) {
    const qaf::pack_result loaded = qaf::parse_pack("{\"format\": " + number + "}", "n.json");
    ASSERT_EQ(loaded.diagnostics.size(), 1u) << number;
    const qaf::diagnostic& d = loaded.diagnostics[0];
    EXPECT_EQ(d.code, "qaf.json.number_out_of_range");
    EXPECT_EQ(d.pointer, "1:12");
    EXPECT_THAT(d.message, HasSubstr("is out of range")) << number;
  }
}

TEST(PackHardening, NumberTooLargeMessageShowsOnlyAnExcerpt) {
  const qaf::pack_result loaded = qaf::parse_pack("[1" + std::string(100000, '0') + "]", "n.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].message,
            "the number 1" + std::string(39, '0') +
                "... is out of range: a number lies between -1.8e308 and 1.8e308");
}

TEST(PackHardening, NumbersTooSmallForADoubleAreZeroNotAnError) {
  const qaf::pack_result loaded = qaf::parse_pack("{\"format\": 1e-400}", "n.json");
  for (const qaf::diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.code, "qaf.json.number_out_of_range");
    EXPECT_NE(d.code, "qaf.json.syntax");
  }
}

TEST(PackHardening, NestingDeeperThan64IsRefusedAtTheFirstLevelTooDeep) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const qaf::pack_result loaded = qaf::parse_pack("{\"a\":" + deep + "}", "deep.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.json.too_deep");
  EXPECT_EQ(loaded.diagnostics[0].pointer, "1:69");  // the 64th '[': the object is the 1st level
  EXPECT_EQ(loaded.diagnostics[0].message,
            "values nest more than 64 deep here; no pack or portfolio needs that");
  // Exactly 64 levels parse.
  const std::string at_limit = std::string(63, '[') + std::string(63, ']');
  const qaf::pack_result fine = qaf::parse_pack("{\"a\":" + at_limit + "}", "deep.json");
  for (const qaf::diagnostic& d : fine.diagnostics) EXPECT_NE(d.code, "qaf.json.too_deep");
}

TEST(PackHardening, BracketsInStringsDoNotCountAsNesting) {
  const std::string text = "{\"a\": \"" + std::string(1000, '[') + "\\\"\"}";
  const qaf::pack_result loaded = qaf::parse_pack(text, "s.json");
  for (const qaf::diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.code, "qaf.json.too_deep");
    EXPECT_NE(d.code, "qaf.json.syntax");
  }
}

TEST(PackHardening, ANestedLevelIsDescribedNotDumped) {
  // 5 levels enclose a rule's level: the pack, schemes, the scheme, its rules, the rule.
  const std::string nested = std::string(59, '[') + "2" + std::string(59, ']');
  const qaf::pack_result loaded =
      qaf::parse_pack(replaced(complete_pack(), "\"pqr-2-missed-return\", \"level\": 2,",
                               "\"pqr-2-missed-return\", \"level\": " + nested + ","),
                      "level.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.pack.undeclared_level");
  EXPECT_EQ(loaded.diagnostics[0].pointer, "/schemes/0/rules/0/level");
  EXPECT_THAT(loaded.diagnostics[0].message, ::testing::StartsWith("an array is not a level"));
}

TEST(PackHardening, AMonthThatIsAnArrayIsDescribedNotDumped) {
  const qaf::pack_result loaded = qaf::parse_pack(
      replaced(complete_pack(), "\"months\": [10,", "\"months\": [[[[10]]],"), "months.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].pointer, "/schedule/1/cadence/months/0");
  EXPECT_EQ(loaded.diagnostics[0].message, "expected a month number from 1 to 12, found an array");
}

TEST(PackHardening, InvalidUtf8IsALocatedDiagnostic) {
  const qaf::pack_result loaded = qaf::parse_pack("{\"id\": \"a\xff\"}", "u.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].code, "qaf.json.encoding");
  EXPECT_EQ(loaded.diagnostics[0].pointer, "1:10");
  EXPECT_THAT(loaded.diagnostics[0].message, HasSubstr("the byte 0xFF"));
  // Outside a string too, and a truncated sequence at the very end.
  EXPECT_EQ(qaf::parse_pack("{\xc3", "u.json").diagnostics.at(0).code, "qaf.json.encoding");
  EXPECT_EQ(qaf::parse_pack("\"\xe2\x82", "u.json").diagnostics.at(0).pointer, "1:2");
}

TEST(PackHardening, ALeadingByteOrderMarkIsSkipped) {
  const qaf::pack_result loaded = qaf::parse_pack("\xEF\xBB\xBF" + complete_pack(), "bom.json");
  ASSERT_TRUE(loaded) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].to_string());
  EXPECT_EQ(loaded.pack->info().id, "test-complete");
  // Positions after it are counted from the text, not from the mark.
  const qaf::pack_result bad = qaf::parse_pack("\xEF\xBB\xBF{,}", "bom.json");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].pointer, "1:2");
}

TEST(PackHardening, AHundredThousandKeysAreReportedTwentyTimesThenCounted) {
  std::string text = "{";
  for (int i = 0; i < 100000; ++i) text += "\"k" + std::to_string(i) + "\": 0,";
  text += "\"k0\": 1}";
  const qaf::pack_result loaded = qaf::parse_pack(text, "keys.json");
  EXPECT_FALSE(loaded);
  std::map<std::string, int> per_code;
  for (const qaf::diagnostic& d : loaded.diagnostics) ++per_code[d.code];
  EXPECT_EQ(per_code["qaf.json.duplicate_key"], 1);
  EXPECT_EQ(per_code["qaf.pack.unknown_member"], 20);
  EXPECT_EQ(per_code["qaf.input.omitted"], 1);
  const qaf::diagnostic& last = loaded.diagnostics.back();
  EXPECT_EQ(last.code, "qaf.input.omitted");
  EXPECT_EQ(last.file, "keys.json");
  EXPECT_EQ(last.message,
            "99980 more qaf.pack.unknown_member diagnostics were left out after the first 20");
}

TEST(PackHardening, AnUnknownMemberListsTheMembersAllowed) {
  const qaf::pack_result loaded = qaf::parse_pack(
      replaced(complete_pack(), "\"match\": {", "\"match\": {\"zzzzzz\": [\"good\"], "), "m.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].pointer, "/triggers/0/match/zzzzzz");
  EXPECT_EQ(loaded.diagnostics[0].message,
            "unknown member 'zzzzzz'; the members allowed here are from, to");

  const qaf::pack_result too = qaf::parse_pack(
      replaced(complete_pack(), "\"match\": {", "\"match\": {\"too\": [\"good\"], "), "m.json");
  ASSERT_EQ(too.diagnostics.size(), 1u);
  EXPECT_EQ(too.diagnostics[0].message,
            "unknown member 'too'; did you mean 'to'? The members allowed here are from, to");

  const qaf::pack_result cadence = qaf::parse_pack(
      replaced(complete_pack(), "\"type\": \"ad_hoc\"", "\"type\": \"ad_hoc\", \"qqqqqqq\": 1"),
      "c.json");
  ASSERT_EQ(cadence.diagnostics.size(), 1u);
  EXPECT_EQ(cadence.diagnostics[0].pointer, "/schedule/6/cadence/qqqqqqq");
  EXPECT_EQ(cadence.diagnostics[0].message,
            "unknown member 'qqqqqqq'; the members allowed here are type");
}

TEST(PackHardening, RepeatWithoutWhileSaysWhileIsRequired) {
  const qaf::pack_result loaded =
      qaf::load_pack((data_dir() / "bad_packs/repeat-without-while.json").string());
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  EXPECT_EQ(loaded.diagnostics[0].message, "the member 'while' is required");
}

TEST(PackHardening, AnUnknownKeyWithAnEscapeIsPrintedEscapedAndCut) {
  const std::string key = "\x1b]0;pwned\x07" + std::string(100, 'x');
  const qaf::pack_result loaded = qaf::parse_pack(
      replaced(complete_pack(), "\"format\": 1,",
               "\"format\": 1, \"\\u001b]0;pwned\\u0007" + std::string(100, 'x') + "\": 0,"),
      "esc.json");
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << describe(loaded);
  const qaf::diagnostic& d = loaded.diagnostics[0];
  EXPECT_EQ(d.code, "qaf.pack.unknown_member");
  EXPECT_EQ(
      d.message,
      "unknown member '" + key.substr(0, 40) +
          "...'; the members allowed here are $schema, activities, calendar, council, "
          "description, effective_from, effective_to, facts, follow_ups, format, id, "
          "kpi_consequences, kpis, minimum_visits, previous, schedule, schemes, service_types, "
          "sources, tests, title, triggers, version");
  const std::string printed = d.to_string();
  EXPECT_EQ(printed.find('\x1b'), std::string::npos);
  EXPECT_EQ(printed.find('\x07'), std::string::npos);
  EXPECT_THAT(printed, HasSubstr("esc.json:/\\u001b]0;pwned\\u0007xxx"));
  EXPECT_THAT(printed, HasSubstr(": qaf.pack.unknown_member: unknown member '\\u001b]0;pwned"));
}

TEST(PackHardening, AMegabyteIdIsAValueErrorNotAStackOverflow) {
  // std::regex recursed once per character here.
  const std::string id(1 << 20, 'a');
  const qaf::pack_result long_id = qaf::parse_pack(
      replaced(complete_pack(), "\"id\": \"test-complete\"", "\"id\": \"" + id + "\""), "id.json");
  EXPECT_TRUE(long_id) << "a long id of letters is a valid id";
  const qaf::pack_result bad_id = qaf::parse_pack(
      replaced(complete_pack(), "\"id\": \"test-complete\"", "\"id\": \"" + id + "-\""), "id.json");
  ASSERT_EQ(bad_id.diagnostics.size(), 1u);
  EXPECT_EQ(bad_id.diagnostics[0].code, "qaf.pack.value");
  EXPECT_EQ(bad_id.diagnostics[0].pointer, "/id");
  EXPECT_LT(bad_id.diagnostics[0].message.size(), 200u);
}

TEST(PackHardening, ManyReferencesToUndeclaredActivitiesAreCapped) {
  std::string codes_list;
  for (int i = 0; i < 50000; ++i)
    codes_list += std::string(i ? "," : "") + "\"X-" + std::to_string(i) + "\"";
  const qaf::pack_result loaded =
      qaf::parse_pack(replaced(complete_pack(), "\"activities\": [\"V-1\", \"V-2\"], \"source\"",
                               "\"activities\": [" + codes_list + "], \"source\""),
                      "refs.json");
  const std::vector<std::string> found = codes(loaded);
  EXPECT_THAT(found, ::testing::Contains("qaf.input.omitted"));
  EXPECT_EQ(std::count(found.begin(), found.end(), "qaf.pack.undeclared_activity"), 20);
}

// ---- files that are not pack files -------------------------------------------------------------

qaf::diagnostic only_diagnostic(const qaf::pack_result& loaded) {
  EXPECT_FALSE(loaded);
  EXPECT_EQ(loaded.diagnostics.size(), 1u);
  return loaded.diagnostics.at(0);
}

TEST(PackHardening, DevZeroIsNotAFile) {
  const qaf::diagnostic d = only_diagnostic(qaf::load_pack("/dev/zero"));
  EXPECT_EQ(d.code, "qaf.input.not_a_file");
  EXPECT_EQ(d.file, "/dev/zero");
  EXPECT_EQ(d.message, "this is a character device; qaf reads only regular files");
}

TEST(PackHardening, ADirectoryIsNotAFile) {
  const qaf::diagnostic d = only_diagnostic(qaf::load_pack(data_dir().string()));
  EXPECT_EQ(d.code, "qaf.input.not_a_file");
  EXPECT_EQ(d.message, "this is a directory; qaf reads only regular files");
}

TEST(PackHardening, AFifoWithoutAWriterIsRefusedWithoutWaiting) {
  const auto fifo =
      std::filesystem::temp_directory_path() / ("qaf-fifo-" + std::to_string(::getpid()));
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const qaf::diagnostic d = only_diagnostic(qaf::load_pack(fifo.string()));
  std::filesystem::remove(fifo);
  EXPECT_EQ(d.code, "qaf.input.not_a_file");
  EXPECT_EQ(d.message, "this is a FIFO (named pipe); qaf reads only regular files");
}

TEST(PackHardening, APackOver16MiBIsTooLarge) {
  const auto big =
      std::filesystem::temp_directory_path() / ("qaf-big-" + std::to_string(::getpid()) + ".json");
  { std::ofstream(big) << ' '; }
  std::filesystem::resize_file(big, (std::uintmax_t{16} << 20) + 1);  // sparse: costs no disk
  const qaf::diagnostic d = only_diagnostic(qaf::load_pack(big.string()));
  std::filesystem::resize_file(big, std::uintmax_t{16} << 20);
  const qaf::pack_result at_limit = qaf::load_pack(big.string());
  std::filesystem::remove(big);
  EXPECT_EQ(d.code, "qaf.input.too_large");
  EXPECT_EQ(d.message, "the file is larger than the limit of 16 MiB");
  ASSERT_FALSE(at_limit.diagnostics.empty());
  EXPECT_NE(at_limit.diagnostics[0].code, "qaf.input.too_large") << "16 MiB itself is read";
}

TEST(PackHardening, AMissingFileIsStillNotFound) {
  const qaf::diagnostic d = only_diagnostic(qaf::load_pack("/nonexistent/pack.json"));
  EXPECT_EQ(d.code, "qaf.pack.not_found");
}

TEST(PortfolioInput, DevUrandomAndADirectoryAreNotFiles) {
  const qaf::pack rules = qaf::load_pack_or_throw((data_dir() / "packs/complete.json").string());
  for (const std::string& path : {std::string("/dev/urandom"), data_dir().string()}) {
    const qaf::portfolio_result read = qaf::read_portfolio(rules, path);
    EXPECT_FALSE(read) << path;
    ASSERT_EQ(read.diagnostics.size(), 1u) << path;
    EXPECT_EQ(read.diagnostics[0].code, "qaf.input.not_a_file") << path;
    EXPECT_EQ(read.diagnostics[0].file, path);
  }
  const qaf::portfolio_result missing = qaf::read_portfolio(rules, "/nonexistent/p.json");
  ASSERT_EQ(missing.diagnostics.size(), 1u);
  EXPECT_EQ(missing.diagnostics[0].code, "qaf.portfolio.not_found");
}

// ---- the API boundary --------------------------------------------------------------------------

TEST(ApiBoundary, AnExceptionBecomesAnInternalDiagnostic) {
  const qaf::pack_result result = qaf::detail::at_api_boundary<qaf::pack_result>(
      "x.json", []() -> qaf::pack_result { throw std::out_of_range("boom"); });
  EXPECT_FALSE(result);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "qaf.input.internal");
  EXPECT_EQ(result.diagnostics[0].file, "x.json");
  EXPECT_EQ(result.diagnostics[0].message,
            "qaf could not read this input (boom); this is a bug in qaf, please report it");
}

}  // namespace
