// How fast a compiled condition evaluates: a Bolton-style PQR "significant concern" rule over
// many bound provider records, with and without collecting the unknown facts. Compiling is
// measured too, though a pack does it once.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "expr/condition.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "facts/fact_table.hpp"

namespace {

using namespace qaf::detail;

constexpr std::string_view pqr_significant =
    "regulator_rating == 'inadequate'"
    " or regulator_enforcement in ['notice_of_proposal', 'closure_warning']"
    " or (safeguarding_substantiated >= 1 and not learning_evidenced)"
    " or count(key_question_ratings, r -> r in ['requires_improvement', 'inadequate']) >= 3"
    " or months_since(placement_suspension_since) > 3"
    " or (service_type in ['childrens_home', 'supported_accommodation'] and"
    "     financial in ['struggling', 'failing'])";

const std::vector<std::string> service_types = {"childrens_home", "supported_accommodation",
                                                "residential", "nursing"};

struct fixture {
  fact_table table = fact_table::core(service_types);
  std::vector<bound_record> records;
  qaf::date as_of = qaf::date::parse("2024-06-30");

  fixture() {
    std::mt19937 rng(7);
    const auto pick = [&](const std::vector<std::string>& values) {
      return values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)];
    };
    const auto coin = [&] { return std::uniform_int_distribution<int>(0, 3)(rng) != 0; };
    const std::vector<std::string> ratings = {"outstanding", "good", "requires_improvement",
                                              "inadequate"};
    for (int i = 0; i < 1000; ++i) {
      qaf::provider p;
      p.id = "provider-" + std::to_string(i);
      p.facts["service_type"] = pick(service_types);
      if (coin()) p.facts["regulator_rating"] = pick(ratings);
      if (coin()) {
        p.facts["regulator_enforcement"] =
            pick({"none", "warning_notice", "conditions", "notice_of_proposal"});
      }
      if (coin()) p.facts["safeguarding_substantiated"] = std::int64_t{i % 3};
      if (coin()) p.facts["learning_evidenced"] = i % 2 == 0;
      qaf::fact_object kq;
      for (const char* key : {"safe", "effective", "caring", "responsive", "well_led"}) {
        if (coin()) kq[key] = pick(ratings);
      }
      p.facts["key_question_ratings"] = kq;
      if (coin()) {
        p.facts["placement_suspension_since"] =
            i % 4 == 0 ? qaf::fact_value(nullptr)
                       : qaf::fact_value(qaf::add_days(as_of, -(i % 300)));
      }
      if (coin()) p.facts["financial"] = pick({"stable", "at_risk", "struggling"});
      std::vector<qaf::diagnostic> errors;
      std::optional<bound_record> r = bind_record(table, p, errors);
      if (!r) std::abort();
      records.push_back(std::move(*r));
    }
  }
};

const fixture& shared() {
  static const fixture f;
  return f;
}

void bm_compile(benchmark::State& state) {
  const fixture& f = shared();
  for (auto _ : state) {
    std::vector<qaf::diagnostic> errors;
    benchmark::DoNotOptimize(compile_condition(f.table, pqr_significant, "/bench", errors));
  }
}
BENCHMARK(bm_compile);

void bm_evaluate(benchmark::State& state) {
  const fixture& f = shared();
  std::vector<qaf::diagnostic> errors;
  const auto c = compile_condition(f.table, pqr_significant, "/bench", errors);
  if (!c) std::abort();
  const bool explain = state.range(0) != 0;
  fact_set unknown(f.table.total_slots());
  std::size_t i = 0;
  for (auto _ : state) {
    const truth t = c->evaluate(f.records[i], f.as_of, explain ? &unknown : nullptr);
    benchmark::DoNotOptimize(t);
    if (++i == f.records.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(explain ? "with unknown facts" : "truth only");
}
BENCHMARK(bm_evaluate)->Arg(0)->Arg(1);

}  // namespace
