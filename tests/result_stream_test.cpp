// Results that stream (render/document_writer.hpp, parallel/ordered_pool.hpp): the worker pool
// keeps submission order whatever the number of threads, and a streamed document names every
// rule once and says the same in json and jsonl.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "parallel/ordered_pool.hpp"
#include "qaf/engine.hpp"
#include "qaf/portfolio.hpp"
#include "render/document_writer.hpp"
#include "test_support.hpp"

namespace {

using json = nlohmann::json;

TEST(OrderedPool, ConsumesInSubmissionOrderWhateverTheThreads) {
  for (const unsigned threads : {1u, 2u, 4u, 8u}) {
    std::vector<int> seen;
    qaf::detail::ordered_pool<int> pool(threads, 3, [&](int&& v) { seen.push_back(v); });
    for (int i = 0; i < 200; ++i) {
      pool.submit([i] {
        // Later jobs finish first when they can: the order must come from the pool.
        volatile int spin = (200 - i) * 50;
        while (spin > 0) spin = spin - 1;
        return i;
      });
    }
    pool.finish();
    ASSERT_EQ(seen.size(), 200u) << threads;
    for (int i = 0; i < 200; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i) << threads;
  }
}

TEST(OrderedPool, KeepsAtMostTheWindowInFlight) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> consumed{0};
  qaf::detail::ordered_pool<int> pool(4, 2, [&](int&&) { ++consumed; });
  for (int i = 0; i < 50; ++i) {
    pool.submit([&] {
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      --running;
      return 0;
    });
  }
  pool.finish();
  EXPECT_EQ(consumed, 50);
  EXPECT_LE(most.load(), 2);
}

TEST(OrderedPool, RethrowsAJobsExceptionOnTheCallersThread) {
  for (const unsigned threads : {1u, 3u}) {
    std::vector<int> seen;
    const auto run = [&] {
      qaf::detail::ordered_pool<int> pool(threads, 4, [&](int&& v) { seen.push_back(v); });
      for (int i = 0; i < 20; ++i) {
        pool.submit([i]() -> int {
          if (i == 7) throw std::runtime_error("job 7");
          return i;
        });
      }
      pool.finish();
    };
    EXPECT_THROW(run(), std::runtime_error) << threads;
    // Every result before the failing job was consumed, in order, and none after it.
    ASSERT_EQ(seen.size(), 7u) << threads;
    EXPECT_EQ(seen.back(), 6);
  }
}

std::vector<qaf::detail::provider_assessment> assess(const qaf::pack& rules,
                                                     const qaf::schedule_options& window) {
  const qaf::portfolio_result read = qaf::read_portfolio(
      rules, (qaf::testing::source_dir() / "examples" / "portfolio.json").string());
  EXPECT_TRUE(read) << qaf::testing::describe(read.diagnostics);
  const qaf::engine engine(rules);
  std::vector<qaf::detail::provider_assessment> out;
  for (const qaf::provider& p : read.portfolio->providers) {
    out.push_back({qaf::detail::describe(p, engine.schedule(p, window)),
                   engine.rate(p, window.as_of), engine.evaluate_kpis(p)});
  }
  return out;
}

std::string document(const qaf::pack& rules, const qaf::schedule_options& window,
                     qaf::detail::document_format format, bool explain = false) {
  std::vector<qaf::detail::provider_assessment> all = assess(rules, window);
  std::ostringstream out;
  qaf::detail::write_document(
      out, rules, window,
      {.schedule = true, .ratings = true, .kpis = true, .format = format, .explain = explain}, all);
  return out.str();
}

const qaf::schedule_options window{qaf::date::parse("2026-11-23"), qaf::date::parse("2027-11-22"),
                                   qaf::date::parse("2026-11-23")};

TEST(DocumentWriter, NamesEveryRuleTheResultsReferTo) {
  const qaf::pack rules = qaf::load_pack_or_throw("bolton-children-2024");
  const json doc = json::parse(document(rules, window, qaf::detail::document_format::json));
  ASSERT_TRUE(doc.contains("rules"));
  std::size_t referred = 0;
  for (const json& r : doc["ratings"]) {
    for (const char* list : {"reasons", "also_fired", "undecided"}) {
      for (const json& why : r[list]) {
        ++referred;
        ASSERT_TRUE(doc["rules"].contains(why["rule"])) << why["rule"];
        EXPECT_FALSE(why.contains("text"));
      }
    }
  }
  for (const json& o : doc["occurrences"]) {
    ASSERT_TRUE(doc["rules"].contains(o["rule"])) << o["rule"];
  }
  EXPECT_GT(referred, 0u);
  const json& entry = doc["rules"].begin().value();
  for (const char* member : {"text", "source", "interpretation", "note", "condition"}) {
    EXPECT_TRUE(entry.contains(member)) << member;
  }
}

// JSON Lines: the document fields, then a line a provider; together the same results as json.
TEST(DocumentWriter, JsonLinesHoldTheSameResultsAsJson) {
  const qaf::pack rules = qaf::load_pack_or_throw("bolton-children-2024");
  const json doc = json::parse(document(rules, window, qaf::detail::document_format::json));
  std::istringstream lines(document(rules, window, qaf::detail::document_format::jsonl));
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  const json header = json::parse(line);
  EXPECT_EQ(header["pack"], doc["pack"]);
  EXPECT_EQ(header["rules"], doc["rules"]);
  EXPECT_EQ(header["warnings"], doc["warnings"]);
  json occurrences = json::array();
  json ratings = json::array();
  json kpis = json::array();
  json workload;
  std::size_t providers = 0;
  while (std::getline(lines, line)) {
    const json item = json::parse(line);
    if (item.contains("workload")) {
      workload = item["workload"];
      continue;
    }
    ++providers;
    for (const json& o : item["occurrences"]) occurrences.push_back(o);
    for (const json& r : item["ratings"]) ratings.push_back(r);
    for (const json& k : item["kpis"]) kpis.push_back(k);
  }
  EXPECT_GT(providers, 1u);
  EXPECT_EQ(occurrences, doc["occurrences"]);
  EXPECT_EQ(ratings, doc["ratings"]);
  EXPECT_EQ(kpis, doc["kpis"]);
  EXPECT_EQ(workload, doc["workload"]);
}

TEST(DocumentWriter, ExplainedReasonsCarryTheirText) {
  const qaf::pack rules = qaf::load_pack_or_throw("bolton-children-2024");
  const json doc =
      json::parse(document(rules, window, qaf::detail::document_format::json, /*explain=*/true));
  std::size_t explained = 0;
  for (const json& r : doc["ratings"]) {
    for (const json& why : r["reasons"]) {
      ++explained;
      EXPECT_EQ(why["text"], doc["rules"][why["rule"].get<std::string>()]["text"]);
      EXPECT_TRUE(why.contains("source"));
      EXPECT_TRUE(why.contains("value"));
    }
  }
  EXPECT_GT(explained, 0u);
}

// A document with no providers is still whole: its fields, empty lists, and the workload.
TEST(DocumentWriter, AnEmptyPortfolioIsAWholeDocument) {
  const qaf::pack rules = qaf::load_pack_or_throw("bolton-children-2024");
  std::ostringstream out;
  std::vector<qaf::detail::provider_assessment> none;
  qaf::detail::write_document(out, rules, window, {.schedule = true, .ratings = true, .kpis = true},
                              none);
  const json doc = json::parse(out.str());
  EXPECT_EQ(doc["occurrences"], json::array());
  EXPECT_EQ(doc["ratings"], json::array());
  EXPECT_EQ(doc["kpis"], json::array());
  EXPECT_TRUE(doc.contains("workload"));
}

}  // namespace
