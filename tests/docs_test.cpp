// docs/vocabulary.md is the authors' reference for the core facts and event types; these tests
// read its tables and compare them with the library's own, so that the page cannot drift from the
// code. The examples of the other authoring pages are run by tests/python/test_docs_examples.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "facts/core_vocabulary.hpp"
#include "portfolio/record_check.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::read_file;
using qaf::testing::source_dir;

// The cells of a Markdown table row "| a | b | c |", trimmed.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < line.size()) {
    const std::size_t bar = line.find('|', start);
    if (bar == std::string::npos) break;
    std::string cell = line.substr(start, bar - start);
    const auto first = cell.find_first_not_of(' ');
    const auto last = cell.find_last_not_of(' ');
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    start = bar + 1;
  }
  return out;
}

// The words written `like this` in a cell, in order.
std::vector<std::string> code_spans(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find('`', at)) != std::string::npos) {
    const std::size_t end = text.find('`', at + 1);
    if (end == std::string::npos) break;
    out.push_back(text.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return out;
}

// The rows of the table under the heading `section` ("## Facts"), header and rule left out.
std::vector<std::vector<std::string>> table_rows(const std::string& page,
                                                 const std::string& section) {
  std::istringstream in(page);
  std::string line;
  bool inside = false;
  std::vector<std::vector<std::string>> rows;
  int seen = 0;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      if (inside) break;
      inside = line == section;
      continue;
    }
    if (!inside || line.rfind("|", 0) != 0) continue;
    if (++seen <= 2) continue;  // the header and the |---| rule
    rows.push_back(cells(line));
  }
  return rows;
}

std::string vocabulary_page() { return read_file(source_dir() / "docs/vocabulary.md"); }

TEST(Docs, VocabularyListsEveryCoreFactWithItsTypeAndValues) {
  const auto rows = table_rows(vocabulary_page(), "## Facts");
  const auto core = qaf::detail::core_vocabulary();
  ASSERT_EQ(rows.size(), core.size()) << "one row a core fact, in the library's order";
  for (std::size_t i = 0; i < core.size(); ++i) {
    const qaf::fact_declaration& d = core[i];
    ASSERT_EQ(rows[i].size(), 4u) << "row " << i;
    EXPECT_EQ(rows[i][0], '`' + d.name + '`') << "row " << i;
    EXPECT_EQ(rows[i][1], d.type + (d.nullable ? ", nullable" : "")) << d.name;
    std::vector<std::string> expected;
    if (!d.keys.empty()) {
      // "keys `a`, `b` → `x`, `y`": the keys first, then the values each key holds.
      expected = d.keys;
    }
    expected.insert(expected.end(), d.values.begin(), d.values.end());
    EXPECT_EQ(code_spans(rows[i][2]), expected) << d.name;
    EXPECT_FALSE(rows[i][3].empty()) << d.name << " has a meaning";
  }
}

TEST(Docs, VocabularyListsEveryEventType) {
  const auto rows = table_rows(vocabulary_page(), "## Event types");
  const auto types = qaf::detail::event_types();
  ASSERT_EQ(rows.size(), types.size());
  for (std::size_t i = 0; i < types.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u) << "row " << i;
    EXPECT_EQ(rows[i][0], '`' + std::string(types[i]) + '`');
    EXPECT_FALSE(rows[i][2].empty()) << types[i] << " has a meaning";
  }
}

}  // namespace
