// CSV portfolios read a chunk of rows at a time (record_source, portfolio/csv_portfolio.hpp) give
// the records and the diagnostics of the whole-file reader (read_portfolio), whatever the chunk
// size: row boundaries are found around quoted line breaks, CRLF and blank lines, and a problem
// anywhere, in any chunk, is reported exactly as read_portfolio reports it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "portfolio/record_source.hpp"
#include "qaf/portfolio.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::complete_pack;
using qaf::testing::data_dir;
using qaf::testing::describe;
using qaf::testing::read_file;

struct streamed {
  std::vector<qaf::diagnostic> diagnostics;
  std::vector<qaf::provider> providers;
};

// What the CLI does with a portfolio, `rows` records a chunk, on one thread: pass 1 checks every
// chunk and the ids across chunks, then, when nothing was found, pass 2 reads the records again.
streamed stream(const std::string& path, std::size_t rows) {
  streamed out;
  const auto source = qaf::detail::record_source::open(complete_pack(), path, out.diagnostics);
  if (!source) return out;
  EXPECT_FALSE(source->checked_at_open()) << "CSV is checked a chunk at a time, not at open";
  qaf::detail::id_register ids;
  std::vector<qaf::diagnostic> problems;
  qaf::detail::record_chunk chunk;
  while (source->next(chunk, rows)) {
    EXPECT_LE(chunk.size(), rows);
    qaf::detail::chunk_check checked = source->check(chunk);
    problems.insert(problems.end(), checked.problems.begin(), checked.problems.end());
    ids.add(checked, problems, path);
  }
  if (!problems.empty()) {
    out.diagnostics = source->explain(std::move(problems));
    return out;
  }
  source->rewind();
  while (source->next(chunk, rows)) {
    for (qaf::provider& p : source->read(chunk)) out.providers.push_back(std::move(p));
  }
  return out;
}

void expect_same_record(const qaf::provider& a, const qaf::provider& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_TRUE(a.facts == b.facts) << a.id;
  ASSERT_EQ(a.history.size(), b.history.size()) << a.id;
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    EXPECT_EQ(a.history[i].activity, b.history[i].activity) << a.id;
    EXPECT_EQ(a.history[i].on, b.history[i].on) << a.id;
    EXPECT_EQ(a.history[i].outcome, b.history[i].outcome) << a.id;
  }
}

// Streams `path` in chunks of several sizes and compares each with read_portfolio.
void expect_streamed_as_read(const std::string& path) {
  const qaf::portfolio_result whole = qaf::read_portfolio(complete_pack(), path);
  for (const std::size_t rows : {1u, 2u, 3u, 7u, 256u}) {
    SCOPED_TRACE(path + ", " + std::to_string(rows) + " rows a chunk");
    const streamed got = stream(path, rows);
    ASSERT_EQ(describe(got.diagnostics), describe(whole.diagnostics));
    for (std::size_t i = 0; i < got.diagnostics.size(); ++i) {
      EXPECT_EQ(got.diagnostics[i].file, whole.diagnostics[i].file);
    }
    if (!whole) continue;
    ASSERT_EQ(got.providers.size(), whole.portfolio->providers.size());
    for (std::size_t i = 0; i < got.providers.size(); ++i) {
      expect_same_record(got.providers[i], whole.portfolio->providers[i]);
    }
  }
}

class CsvPortfolio : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("qaf-csv-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = folder_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // complete.csv's header, then `count` rows of its two records, each with an id of its own.
  static std::string rows(std::size_t count, const std::string& line_break = "\n") {
    std::string text =
        "id,name,service_type,location,beds,monitoring_start,key_question_ratings.safe,"
        "flu_service,last_V-1,last_R-1" +
        line_break;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string id = "home-" + std::to_string(i);
      text += i % 2 == 0 ? id + ",Oak House,childrens_home,in_area,4,2023-04-01,good,false," +
                               "2024-05-13,2024-06-07"
                         : id + ",\"Elm House, Bolton\",supported_accommodation,out_of_area,,,," +
                               "true,,";
      text += line_break;
    }
    return text;
  }

  std::filesystem::path folder_;
};

TEST_F(CsvPortfolio, TheCorpusIsReportedAsTheWholeFileReaderReportsIt) {
  expect_streamed_as_read((data_dir() / "portfolios/complete.csv").string());
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "bad_portfolios")) {
    if (entry.path().extension() == ".csv") expect_streamed_as_read(entry.path().string());
  }
}

TEST_F(CsvPortfolio, ManyRowsReadInChunksAreTheWholeFilesRecords) {
  const std::string path = write("many.csv", rows(600));
  expect_streamed_as_read(path);
  EXPECT_EQ(stream(path, 7).providers.size(), 600u);
}

TEST_F(CsvPortfolio, ALineBreakInsideQuotesDoesNotEndTheRow) {
  std::string text = rows(40);
  // A quoted cell holding line feeds, a carriage return, a doubled quote and a comma.
  const std::string name = "\"Elm House,\n\"\"the annexe\"\"\r\nBolton\n\"";
  for (std::size_t at = text.find("\"Elm House, Bolton\""); at != std::string::npos;
       at = text.find("\"Elm House, Bolton\"", at + name.size())) {
    text.replace(at, 19, name);
  }
  const std::string path = write("quoted.csv", text);
  expect_streamed_as_read(path);
  const streamed got = stream(path, 3);
  ASSERT_EQ(got.providers.size(), 40u) << describe(got.diagnostics);
  EXPECT_EQ(std::get<std::string>(got.providers[1].facts.at("name")),
            "Elm House,\n\"the annexe\"\r\nBolton\n");
}

TEST_F(CsvPortfolio, CrlfByteOrderMarkAndBlankLinesAreReadAsTheWholeFileReadsThem) {
  expect_streamed_as_read(write("crlf.csv", rows(50, "\r\n")));
  expect_streamed_as_read(write("cr.csv", rows(50, "\r")));
  expect_streamed_as_read(write("bom.csv", "\xEF\xBB\xBF" + rows(50)));
  // Lines of nothing, or of spaces and tabs, are no rows to libcsv: they do not count.
  std::string blank = rows(50);
  for (const char* before : {"\nhome-1,", "\nhome-20,", "\nhome-21,", "\nhome-49,"}) {
    blank.insert(blank.find(before) + 1, "\n  \t \n\r\n");
  }
  expect_streamed_as_read(write("blank.csv", "\n\n" + blank + "\n \n"));
  expect_streamed_as_read(write("no-final-break.csv", rows(9).substr(0, rows(9).size() - 1)));
}

TEST_F(CsvPortfolio, ABadLastRowIsReportedWhereTheWholeFileReaderReportsIt) {
  std::string text = rows(701);
  text.replace(text.rfind(",4,"), 3, ",four,");
  const std::string path = write("bad-last.csv", text);
  expect_streamed_as_read(path);
  const streamed got = stream(path, 256);
  ASSERT_EQ(got.diagnostics.size(), 1u) << describe(got.diagnostics);
  EXPECT_EQ(got.diagnostics[0].code, "qaf.fact.type");
  EXPECT_EQ(got.diagnostics[0].pointer, "702:5");
  EXPECT_TRUE(got.providers.empty());
}

TEST_F(CsvPortfolio, ARaggedRowAmongManyIsReportedAtItsRow) {
  std::string text = rows(300);
  const std::size_t row = text.find("\nhome-150,");
  text.insert(text.find('\n', row + 1), ",extra");
  const std::string path = write("ragged.csv", text);
  expect_streamed_as_read(path);
  const streamed got = stream(path, 256);
  ASSERT_EQ(got.diagnostics.size(), 1u) << describe(got.diagnostics);
  EXPECT_EQ(got.diagnostics[0].code, "qaf.csv.columns");
  EXPECT_EQ(got.diagnostics[0].pointer, "152:11");
}

TEST_F(CsvPortfolio, AnIdUsedAgainInALaterChunkIsADuplicate) {
  std::string text = rows(600);
  text.replace(text.find("home-520,"), 9, "home-3,");
  const std::string path = write("duplicate.csv", text);
  expect_streamed_as_read(path);
  const streamed got = stream(path, 256);
  ASSERT_EQ(got.diagnostics.size(), 1u) << describe(got.diagnostics);
  EXPECT_EQ(got.diagnostics[0].code, "qaf.portfolio.duplicate_id");
  EXPECT_EQ(got.diagnostics[0].pointer, "522:1");
  EXPECT_EQ(got.diagnostics[0].message, "provider id 'home-3' is already used at 5:1");
}

TEST_F(CsvPortfolio, MalformedTextAnywhereIsTheOneProblemReported) {
  // Problems in early rows, then a quote inside an unquoted cell: only the syntax error counts,
  // as when the whole file is parsed before any row is read.
  std::string stray = rows(400);
  stray.replace(stray.find(",4,"), 3, ",four,");
  stray.replace(stray.find("Oak House", stray.find("home-300,")), 9, "Oak \"House");
  expect_streamed_as_read(write("stray-quote.csv", stray));
  std::string open = rows(400);
  open += "home-x,\"Oak House,childrens_home\n";
  expect_streamed_as_read(write("unterminated.csv", open));
  // Not UTF-8 in a late row, with a bad cell early: every bad cell's encoding, nothing else.
  std::string encoding = rows(400);
  encoding.replace(encoding.find(",4,"), 3, ",four,");
  encoding.replace(encoding.find("Oak House", encoding.find("home-390,")), 3, "O\xFF\xFE");
  expect_streamed_as_read(write("encoding.csv", encoding));
}

TEST_F(CsvPortfolio, ManyProblemsAreCappedPerCodeAsBefore) {
  std::string text = rows(500);
  for (std::size_t at = text.find(",4,"); at != std::string::npos; at = text.find(",4,", at)) {
    text.replace(at, 3, ",x,");
  }
  expect_streamed_as_read(write("many-bad.csv", text));
}

}  // namespace
