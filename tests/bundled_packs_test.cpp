// The bundled packs' own worked examples, run through the library: each pack carries the cases
// for its source's tables and definitions in its `tests` (docs/pack-format.md, "Tests"), so what
// the pack must answer lives in one place and travels with it. What is about the engine rather
// than a pack stays in the <concept>_test.cpp files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "pack/pack_data.hpp"
#include "qaf/pack.hpp"
#include "qaf/pack_test.hpp"

namespace {

using json = nlohmann::json;

std::vector<std::string> bundled_ids() {
  std::vector<std::string> ids;
  for (const qaf::bundled_pack_summary& bundled : qaf::bundled_packs()) ids.push_back(bundled.id);
  return ids;
}

class BundledPack : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledPack, PassesItsOwnTests) {
  const qaf::pack pack = qaf::load_pack_or_throw(GetParam());
  const qaf::pack_test_report report = qaf::run_pack_tests(pack);
  for (const qaf::diagnostic& d : report.failures) ADD_FAILURE() << d.to_string();
  EXPECT_EQ(report.failed, 0U);
  EXPECT_GE(report.passed, 2U) << GetParam() << " carries too few worked examples";
}

// Every test cites the section of the source it checks.
TEST_P(BundledPack, EveryTestCitesItsSource) {
  const json document = json::parse(qaf::load_pack_or_throw(GetParam()).json_text());
  for (const json& test : document.at("tests")) {
    EXPECT_TRUE(test.contains("source")) << test.at("id");
  }
}

// Every rule of every classification scheme, and every condition its least severe level states,
// is expected among the reasons of at least one test: every sentence of the definitions has a
// case.
TEST_P(BundledPack, EveryClassificationSentenceHasATest) {
  const qaf::pack pack = qaf::load_pack_or_throw(GetParam());
  std::set<std::string> missing;
  for (const auto& scheme : pack.data().schemes) {
    for (const auto& rule : scheme.rules) missing.insert(rule.meta.id);
    for (const auto& requirement : scheme.levels.front().requirements) {
      missing.insert(requirement.meta.id);
    }
  }
  const json document = json::parse(pack.json_text());
  for (const json& test : document.at("tests")) {
    for (const json& rating : test.at("expect").value("ratings", json::array())) {
      for (const char* list : {"reasons", "also_fired"}) {
        for (const json& reason : rating.value(list, json::array())) {
          if (reason.contains("rule")) missing.erase(reason.at("rule").get<std::string>());
        }
      }
    }
  }
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

// "bolton-adults-2020" as a test name: bolton_adults_2020.
std::string test_name(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = param.param;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Packs, BundledPack, ::testing::ValuesIn(bundled_ids()), test_name);

}  // namespace
