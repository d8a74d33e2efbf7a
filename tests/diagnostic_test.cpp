// How a diagnostic is printed (`file:where: code: message`, nothing in it able to act on a
// terminal) and how many of one code an input reports.
#include "qaf/diagnostic.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "diagnostic_limits.hpp"

namespace {

TEST(Diagnostic, PrintsFileWhereCodeAndMessage) {
  const qaf::diagnostic d{"qaf.pack.missing", "packs/mine.json", "/sources/0",
                          "the member "
                          "'id' is required"};
  EXPECT_EQ(d.to_string(),
            "packs/mine.json:/sources/0: qaf.pack.missing: the member 'id' is required");
  const qaf::diagnostic whole{"qaf.pack.type", "p.json", "", "expected a pack"};
  EXPECT_EQ(whole.to_string(), "p.json:: qaf.pack.type: expected a pack");
  std::ostringstream out;
  out << d;
  EXPECT_EQ(out.str(), d.to_string());
}

TEST(Diagnostic, ControlCharactersAreEscapedEverywhere) {
  const qaf::diagnostic d{"qaf.pack.unknown_member", "a\x1b[2Jb.json", "/\x1b]0;x\x07",
                          "unknown member '\x1b[31mred\r\t\x7f'"};
  EXPECT_EQ(d.to_string(),
            "a\\u001b[2Jb.json:/\\u001b]0;x\\u0007: qaf.pack.unknown_member: unknown member "
            "'\\u001b[31mred\\u000d\\u0009\\u007f'");
}

TEST(Diagnostic, C1ControlsAndInvalidUtf8AreEscaped) {
  // U+009B is a one-character CSI on some terminals; 0xFF and a lone continuation are not UTF-8.
  const qaf::diagnostic d{"qaf.json.encoding", "f\xff.json", "1:2",
                          "x\xc2\x9b"
                          "31m \x80\xe2\x82 ok é"};
  EXPECT_EQ(d.to_string(), "f\\xff.json:1:2: qaf.json.encoding: x\\u009b31m \\x80\\xe2\\x82 ok é");
}

TEST(Diagnostic, OnlyTheMessageKeepsLineFeeds) {
  const qaf::diagnostic d{"qaf.condition.syntax", "a\nb", "/x\ny", "column 3: bad\nbeds >\n  ^"};
  EXPECT_EQ(d.to_string(),
            "a\\u000ab:/x\\u000ay: qaf.condition.syntax: column 3: bad\nbeds >\n  ^");
}

TEST(Diagnostic, InputErrorWhatIsTheFirstPrintedDiagnostic) {
  const qaf::input_error e({{"qaf.pack.missing", "p.json", "", "m"}, {"c", "f", "", "m"}});
  EXPECT_STREQ(e.what(), "p.json:: qaf.pack.missing: m (and 1 more)");
}

std::vector<qaf::diagnostic> repeated(const std::string& code, int n) {
  std::vector<qaf::diagnostic> out;
  for (int i = 0; i < n; ++i) out.push_back({code, "f.json", "/" + std::to_string(i), "m"});
  return out;
}

TEST(DiagnosticCap, KeepsTwentyOfEachCodeInOrderThenCountsTheRest) {
  std::vector<qaf::diagnostic> all = repeated("qaf.a.x", 25);
  const std::vector<qaf::diagnostic> other = repeated("qaf.b.y", 3);
  all.insert(all.begin() + 1, other.begin(), other.end());
  qaf::detail::cap_diagnostics(all);
  ASSERT_EQ(all.size(), 24u);
  EXPECT_EQ(all[0].pointer, "/0");
  EXPECT_EQ(all[1].code, "qaf.b.y");
  EXPECT_EQ(all[4].pointer, "/1");
  EXPECT_EQ(all[22].pointer, "/19");
  EXPECT_EQ(all[23].code, "qaf.input.omitted");
  EXPECT_EQ(all[23].file, "f.json");
  EXPECT_EQ(all[23].pointer, "");
  EXPECT_EQ(all[23].message, "5 more qaf.a.x diagnostics were left out after the first 20");
}

TEST(DiagnosticCap, OneOverTheLimitSaysWas) {
  std::vector<qaf::diagnostic> all = repeated("qaf.a.x", 21);
  qaf::detail::cap_diagnostics(all);
  ASSERT_EQ(all.size(), 21u);
  EXPECT_EQ(all.back().message, "1 more qaf.a.x diagnostic was left out after the first 20");
}

TEST(DiagnosticCap, AtTheLimitNothingIsLeftOut) {
  std::vector<qaf::diagnostic> all = repeated("qaf.a.x", 20);
  qaf::detail::cap_diagnostics(all);
  EXPECT_EQ(all.size(), 20u);
  EXPECT_EQ(all.back().code, "qaf.a.x");
}

}  // namespace
