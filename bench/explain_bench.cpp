// What explanations cost (docs/performance.md, "Explanations"): the same synthetic portfolio
// (bench/portfolio_generator.hpp) rated with and without rate_options::explain, the two passes
// interleaved in every iteration so that both see the same machine, each timed in the thread's
// CPU time. Counters: nanoseconds a provider for each and their ratio (the bound: under
// 1.2), and, apart, what putting every recorded explanation into words costs (what --explain's
// writers do once a result is shown).
#include <benchmark/benchmark.h>

#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "portfolio/portfolio_readers.hpp"
#include "portfolio_generator.hpp"
#include "qaf/engine.hpp"
#include "qaf/explanation.hpp"
#include "qaf/pack.hpp"

namespace {

// CPU time of this thread: on a shared machine wall time measures the neighbours too.
double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// `count` providers of the pack, read once through the JSON record reader as the CLI reads them.
std::vector<qaf::provider> providers(const qaf::pack& rules, std::size_t count) {
  const qaf::bench::portfolio_generator generator(rules);
  std::vector<qaf::provider> list;
  list.reserve(count);
  std::vector<qaf::diagnostic> problems;
  qaf::detail::diagnostics_sink sink("bench", problems);
  for (std::size_t i = 0; i < count; ++i) {
    std::string text = generator.record_json(i);
    const std::size_t size = text.size();
    text.append(64, ' ');  // simdjson's padding
    qaf::detail::json_record read =
        qaf::detail::read_json_record(rules.data(), text.data(), size, "", sink);
    if (!read.record) throw std::runtime_error("a generated record does not fit its pack");
    list.push_back(std::move(*read.record));
  }
  return list;
}

double seconds_since(double start) { return thread_seconds() - start; }

void explain_overhead(benchmark::State& state, const char* pack_id) {
  const qaf::pack rules = qaf::load_pack_or_throw(pack_id);
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider> list = providers(rules, count);
  const qaf::engine engine(rules);
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  double plain = 0;
  double explained = 0;
  double words = 0;
  std::size_t parts = 0;
  for (auto _ : state) {
    double start = thread_seconds();
    for (const qaf::provider& p : list) benchmark::DoNotOptimize(engine.rate(p, as_of));
    plain += seconds_since(start);

    start = thread_seconds();
    for (const qaf::provider& p : list) {
      benchmark::DoNotOptimize(engine.rate(p, as_of, {.explain = true}));
    }
    explained += seconds_since(start);

    // Apart from the ratio: the words, as the writers make them for every reason shown.
    std::vector<std::vector<qaf::rating>> kept;
    kept.reserve(list.size());
    for (const qaf::provider& p : list) kept.push_back(engine.rate(p, as_of, {.explain = true}));
    start = thread_seconds();
    for (const std::vector<qaf::rating>& ratings : kept) {
      for (const qaf::rating& r : ratings) {
        for (const qaf::rating_reason& why : r.reasons) parts += why.explanation.parts().size();
        for (const qaf::rating_reason& why : r.also_fired) parts += why.explanation.parts().size();
        for (const qaf::undecided_rule& u : r.undecided) parts += u.explanation.parts().size();
      }
    }
    words += seconds_since(start);
  }
  const double n = static_cast<double>(state.iterations()) * static_cast<double>(count);
  state.counters["plain_ns"] = 1e9 * plain / n;
  state.counters["explained_ns"] = 1e9 * explained / n;
  state.counters["ratio"] = explained / plain;
  state.counters["words_ns"] = 1e9 * words / n;
  state.counters["parts"] = static_cast<double>(parts) / n;
}

void BM_ExplainHerefordshire(benchmark::State& state) {
  explain_overhead(state, "herefordshire-adults-2018");
}
BENCHMARK(BM_ExplainHerefordshire)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_ExplainBoltonChildren(benchmark::State& state) {
  explain_overhead(state, "bolton-children-2024");
}
BENCHMARK(BM_ExplainBoltonChildren)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
