// The one-line overview of a provider's assessment (render/provider_overview.hpp), the row
// Python's Engine.assess_frame gives: each scheme's level, label, status and summary as the
// ratings say them; occurrences counted by status; on-site visits; the earliest work not done;
// KPI periods counted by status.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/provider_overview.hpp"
#include "summary/provider_assessment.hpp"

namespace {

using qaf::date;
using qaf::detail::provider_assessment;
using qaf::detail::provider_overview_json;
using json = nlohmann::ordered_json;

qaf::occurrence work(const char* activity, const char* due, qaf::occurrence_status status,
                     bool on_site) {
  qaf::occurrence o;
  o.provider = "home-1";
  o.activity = activity;
  o.due = date::parse(due);
  o.status = status;
  o.on_site = on_site;
  return o;
}

qaf::kpi_result kpi(qaf::kpi_status status) {
  qaf::kpi_result k;
  k.provider = "home-1";
  k.kpi = "returns-on-time";
  k.status = status;
  return k;
}

provider_assessment assessed() {
  using enum qaf::occurrence_status;
  provider_assessment a;
  a.schedule.provider = "home-1";
  // In schedule order (by due date); the overdue visit is the earliest work not done, and of the
  // two due on 2026-12-01 the first listed would be next had there been no overdue one.
  a.schedule.result.occurrences = {
      work("QMC-1", "2026-09-01", done, true), work("QMC-8", "2026-10-15", overdue, true),
      work("RETURN", "2026-12-01", due, false), work("QMC-3", "2026-12-01", upcoming, true),
      work("QMC-9A", "2027-03-01", upcoming, false)};
  qaf::rating decided;
  decided.provider = "home-1";
  decided.scheme = "pqr";
  decided.status = qaf::rating_status::decided;
  decided.level = std::int64_t{3};
  decided.label = "Moderate concern";
  qaf::rating open;
  open.provider = "home-1";
  open.scheme = "rag";
  open.status = qaf::rating_status::not_assessed;
  open.level = std::string("green");
  open.unknown_facts = {"concern_level"};
  a.ratings = {decided, open};
  a.kpis = {kpi(qaf::kpi_status::not_met), kpi(qaf::kpi_status::met),
            kpi(qaf::kpi_status::not_met)};
  return a;
}

TEST(ProviderOverview, CountsAProvidersAssessmentInOneFlatRow) {
  const json row = provider_overview_json(assessed());
  const json expected = {{"provider", "home-1"},
                         {"pqr_level", 3},
                         {"pqr_label", "Moderate concern"},
                         {"pqr_status", "decided"},
                         {"pqr_summary", "3 Moderate concern"},
                         {"rag_level", nullptr},
                         {"rag_label", nullptr},
                         {"rag_status", "not_assessed"},
                         {"rag_summary", "not assessed: 1 fact unknown"},
                         {"overdue", 1},
                         {"due", 1},
                         {"upcoming", 2},
                         {"done", 1},
                         {"on_site_visits", 3},
                         {"next_due", "2026-10-15"},
                         {"next_activity", "QMC-8"},
                         {"kpi_not_met", 2},
                         {"kpi_met", 1}};
  EXPECT_EQ(row.dump(), expected.dump());
}

TEST(ProviderOverview, OfWorkDueTheSameDayTheFirstListedIsNext) {
  provider_assessment a = assessed();
  a.schedule.result.occurrences.erase(a.schedule.result.occurrences.begin() + 1);
  const json row = provider_overview_json(a);
  EXPECT_EQ(row["next_due"], "2026-12-01");
  EXPECT_EQ(row["next_activity"], "RETURN");
  EXPECT_EQ(row["overdue"], 0);
}

TEST(ProviderOverview, NothingDueGivesZerosAndNoNextWork) {
  provider_assessment a;
  a.schedule.provider = "home-2";
  a.schedule.result.occurrences = {work("QMC-1", "2026-09-01", qaf::occurrence_status::done, true)};
  const json row = provider_overview_json(a);
  const json expected = {{"provider", "home-2"},
                         {"overdue", 0},
                         {"due", 0},
                         {"upcoming", 0},
                         {"done", 1},
                         {"on_site_visits", 1},
                         {"next_due", nullptr},
                         {"next_activity", nullptr}};
  EXPECT_EQ(row.dump(), expected.dump());
}

}  // namespace
