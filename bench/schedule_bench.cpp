// Scheduling throughput: a generated portfolio of 10,000 Bolton children's services providers
// (homes, alternative provision, resourced provision, out-of-borough schools, with history and
// events) scheduled over a year. Reports providers per second.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/schedule.hpp"

namespace {

std::vector<qaf::provider> generate(int count) {
  const char* types[] = {"childrens_home", "supported_accommodation", "alternative_provision",
                         "resourced_provision", "special_school"};
  std::vector<qaf::provider> providers;
  providers.reserve(static_cast<std::size_t>(count));
  const qaf::date base = qaf::date::parse("2022-01-03");
  for (int i = 0; i < count; ++i) {
    qaf::provider p;
    p.id = "p" + std::to_string(i);
    p.facts["service_type"] = std::string(types[i % 5]);
    p.facts["location"] = std::string(i % 7 == 0 ? "out_of_area" : "in_area");
    p.facts["regulator"] = std::string("ofsted");
    p.facts["regulator_rating"] = std::string(i % 4 == 0 ? "requires_improvement" : "good");
    p.facts["unregulated"] = i % 2 == 0;
    p.facts["ehcp_children"] = std::int64_t{i % 3};
    p.facts["host_authority_qa"] = i % 5 != 0;
    p.facts["monitoring_start"] = qaf::add_days(base, i % 700);
    p.facts["officer"] = "officer " + std::to_string(i % 40);
    p.history = {{"QMC-1", qaf::add_days(base, 300 + i % 400)},
                 {"QMC-8", qaf::add_days(base, 700 + i % 300)},
                 {"QMC-5", qaf::add_days(base, 800 + i % 200)}};
    if (i % 4 == 0) {
      p.events = {{"regulator_rating_changed",
                   qaf::add_days(base, 900 + i % 100),
                   {{"to", "requires_improvement"}}}};
    }
    if (i % 9 == 0)
      p.events.push_back({"registered_manager_changed", qaf::add_days(base, 950), {}});
    providers.push_back(std::move(p));
  }
  return providers;
}

void BM_ScheduleBoltonChildrenYear(benchmark::State& state) {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  const std::vector<qaf::provider> providers = generate(static_cast<int>(state.range(0)));
  const qaf::schedule_options window{qaf::date::parse("2025-01-01"), qaf::date::parse("2025-12-31"),
                                     qaf::date::parse("2025-01-01")};
  std::size_t occurrences = 0;
  for (auto _ : state) {
    for (const qaf::provider& p : providers) {
      const qaf::schedule_result r = engine.schedule(p, window);
      occurrences += r.occurrences.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.counters["providers_per_second"] = benchmark::Counter(
      static_cast<double>(providers.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["occurrences_per_provider"] =
      static_cast<double>(occurrences) /
      (static_cast<double>(providers.size()) * static_cast<double>(state.iterations()));
}
BENCHMARK(BM_ScheduleBoltonChildrenYear)->Arg(10000)->Unit(benchmark::kMillisecond);

// A provider-year of schedule for a home monitored since 2005 with a visit, a self-assessment and
// a monthly return every month of its history (about 700 records): the ledger runs over the whole
// monitoring life, so this measures how the cost grows with the length of history.
void BM_ScheduleLongHistoryYear(benchmark::State& state) {
  const qaf::engine engine(qaf::load_pack_or_throw("bolton-children-2024"));
  qaf::provider p;
  p.id = "long";
  p.facts["service_type"] = std::string("childrens_home");
  p.facts["location"] = std::string("in_area");
  p.facts["regulator"] = std::string("ofsted");
  p.facts["regulator_rating"] = std::string("good");
  p.facts["monitoring_start"] = qaf::date::parse("2005-01-01");
  const int months = static_cast<int>(state.range(0));
  for (int m = 0; m < months; ++m) {
    const qaf::date month = qaf::add_months(qaf::date::parse("2005-01-10"), m);
    p.history.push_back({m % 2 == 0 ? "QMC-1" : "QMC-8", month});
    p.history.push_back({"QMC-3", qaf::add_days(month, 3)});
    p.history.push_back({"QMC-5", qaf::add_days(month, 25)});
  }
  const qaf::schedule_options window{qaf::date::parse("2025-01-01"), qaf::date::parse("2025-12-31"),
                                     qaf::date::parse("2025-01-01")};
  for (auto _ : state) benchmark::DoNotOptimize(engine.schedule(p, window));
  state.counters["history_records"] = static_cast<double>(p.history.size());
}
BENCHMARK(BM_ScheduleLongHistoryYear)->Arg(60)->Arg(120)->Arg(240)->Unit(benchmark::kMicrosecond);

}  // namespace
