// The whole pipeline at portfolio scale, stage by stage, on portfolios from
// bench/portfolio_generator.hpp (synthetic Herefordshire and Bolton children's providers): pack
// loading; reading a JSON record (simdjson) and a CSV portfolio; rating; scheduling a year; KPIs;
// writing the results (compact JSON, one result a line); at 1k, 100k and 1M providers. Above
// 100k the same 100k distinct records are cycled through (1M records would need ~5 GB held at
// once), with a single iteration. Counters: providers (or records) per second a core, and for
// the evaluation loop the heap allocations per provider, counted by the replaced global operator
// new of this program.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "checked_evaluation.hpp"
#include "expr/condition.hpp"
#include "expr/evaluator.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "pack/pack_data.hpp"
#include "portfolio/csv_portfolio.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio_generator.hpp"
#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "rating/classifier.hpp"
#include "rating/scheme_rating.hpp"
#include "render/document_writer.hpp"
#include "render/rating_render.hpp"

namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

// Every heap allocation of the program is counted: the allocation benchmarks read the count
// around the loop they measure. GCC cannot see that the replaced new and delete below pair
// malloc with free, and warns when it inlines them; they do.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

constexpr std::size_t distinct_records = 100'000;

const qaf::pack& herefordshire() {
  static const qaf::pack rules = qaf::load_pack_or_throw("herefordshire-adults-2018");
  return rules;
}
const qaf::pack& bolton_children() {
  static const qaf::pack rules = qaf::load_pack_or_throw("bolton-children-2024");
  return rules;
}

// Up to distinct_records providers of a pack, read once through the JSON record reader.
const std::vector<qaf::provider>& providers(const qaf::pack& rules, std::size_t count) {
  static std::vector<std::pair<const qaf::pack*, std::vector<qaf::provider>>> cache;
  for (auto& [pack, list] : cache) {
    if (pack == &rules && list.size() >= std::min(count, distinct_records)) return list;
  }
  const qaf::bench::portfolio_generator generator(rules);
  std::vector<qaf::provider> list;
  const std::size_t n = std::min(count, distinct_records);
  list.reserve(n);
  std::vector<qaf::diagnostic> problems;
  qaf::detail::diagnostics_sink sink("bench", problems);
  for (std::size_t i = 0; i < n; ++i) {
    std::string text = generator.record_json(i);
    const std::size_t size = text.size();
    text.append(64, ' ');
    qaf::detail::json_record read =
        qaf::detail::read_json_record(rules.data(), text.data(), size, "", sink);
    if (!read.record) throw std::runtime_error("a generated record does not fit its pack");
    list.push_back(std::move(*read.record));
  }
  cache.emplace_back(&rules, std::move(list));
  return cache.back().second;
}

void per_provider(benchmark::State& state, std::size_t count) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.counters["providers"] = static_cast<double>(count);
}

void BM_LoadPack(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qaf::load_pack_or_throw("bolton-children-2024"));
}
BENCHMARK(BM_LoadPack)->Unit(benchmark::kMillisecond);

// Reading: one record's JSON text through simdjson and the checks, as record_source does.
void BM_ReadJsonRecords(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const qaf::bench::portfolio_generator generator(herefordshire());
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < std::min(count, distinct_records); ++i) {
    texts.push_back(generator.record_json(i));
    texts.back().append(64, ' ');
  }
  std::vector<qaf::diagnostic> problems;
  qaf::detail::diagnostics_sink sink("bench", problems);
  for (auto _ : state) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& text = texts[i % texts.size()];
      benchmark::DoNotOptimize(qaf::detail::read_json_record(
          herefordshire().data(), text.data(), text.size() - 64, "/providers/0", sink));
    }
  }
  per_provider(state, count);
}
BENCHMARK(BM_ReadJsonRecords)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJsonRecords)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ReadCsvPortfolio(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  std::ostringstream text;
  qaf::bench::portfolio_generator(herefordshire())
      .write(text, count, qaf::bench::portfolio_format::csv);
  const std::string csv = text.str();
  for (auto _ : state) {
    benchmark::DoNotOptimize(qaf::parse_portfolio_csv(herefordshire(), csv, "bench.csv"));
  }
  per_provider(state, count);
}
BENCHMARK(BM_ReadCsvPortfolio)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// What a streamed command reads of a CSV portfolio, on one core (record_source's CSV kind): its
// rows cut into chunks of 256, each chunk read and checked (pass 1, range(1) == 0), or read into
// records only (pass 2, range(1) == 1). Counters: providers a second, allocations a provider.
void BM_StreamCsvRows(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const bool check = state.range(1) == 0;
  std::ostringstream text;
  qaf::bench::portfolio_generator(herefordshire())
      .write(text, count, qaf::bench::portfolio_format::csv);
  const std::string csv = text.str();
  const auto rows = qaf::detail::csv_portfolio::open(herefordshire().data(), csv);
  if (!rows) {
    state.SkipWithError("the generated CSV portfolio has no good header");
    return;
  }
  std::vector<qaf::diagnostic> problems;
  qaf::detail::diagnostics_sink sink("bench.csv", problems);
  std::vector<std::pair<std::string, std::string>> ids;
  std::size_t allocated = 0;
  for (auto _ : state) {
    ids.clear();
    const std::size_t before = allocations.load(std::memory_order_relaxed);
    std::size_t from = rows->body_start();
    std::size_t row = 1;
    std::size_t cut = 0;
    for (std::size_t to = rows->rows_end(from, 256, cut); cut > 0;
         from = to, to = rows->rows_end(from, 256, cut)) {
      if (check) {
        rows->check(rows->rows(from, to), row + 1, std::nullopt, sink, ids);
      } else {
        benchmark::DoNotOptimize(rows->read(rows->rows(from, to)));
      }
      row += cut;
    }
    allocated += allocations.load(std::memory_order_relaxed) - before;
  }
  if (!problems.empty()) state.SkipWithError("the generated CSV portfolio has problems");
  state.counters["allocations"] = benchmark::Counter(
      static_cast<double>(allocated) / static_cast<double>(count * state.iterations()));
  per_provider(state, count);
}
BENCHMARK(BM_StreamCsvRows)
    ->ArgsProduct({{1'000, 100'000}, {0, 1}})
    ->ArgNames({"providers", "read_only"})
    ->Unit(benchmark::kMillisecond);

void BM_RateHerefordshire(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(herefordshire(), count);
  const qaf::engine engine(herefordshire());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  for (auto _ : state) {
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(engine.rate(list[i % list.size()], as_of));
    }
  }
  per_provider(state, count);
}
BENCHMARK(BM_RateHerefordshire)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RateHerefordshire)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ScheduleBoltonChildrenYear(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(bolton_children(), count);
  const qaf::engine engine(bolton_children());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  const qaf::schedule_options window{as_of, qaf::add_days(qaf::add_months(as_of, 12), -1), as_of};
  for (auto _ : state) {
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(engine.schedule(list[i % list.size()], window));
    }
  }
  per_provider(state, count);
}
BENCHMARK(BM_ScheduleBoltonChildrenYear)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScheduleBoltonChildrenYear)
    ->Arg(1'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_KpisBoltonChildren(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(bolton_children(), count);
  const qaf::engine engine(bolton_children());
  for (auto _ : state) {
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(engine.evaluate_kpis(list[i % list.size()]));
    }
  }
  per_provider(state, count);
}
BENCHMARK(BM_KpisBoltonChildren)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Writing: ratings already evaluated, rendered as the rate document's jsonl lines.
void BM_WriteRatingsJsonl(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(herefordshire(), count);
  const qaf::engine engine(herefordshire());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  std::vector<qaf::detail::provider_assessment> assessed;
  for (std::size_t i = 0; i < std::min<std::size_t>(count, 256); ++i) {
    assessed.push_back({qaf::detail::describe(list[i], {}), engine.rate(list[i], as_of), {}});
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    qaf::detail::document_writer writer(
        out, herefordshire(), {as_of, as_of, as_of},
        {.ratings = true, .format = qaf::detail::document_format::jsonl});
    for (std::size_t done = 0; done < count; done += assessed.size()) {
      std::vector<qaf::detail::provider_assessment> chunk = assessed;
      writer.write(writer.render(chunk));
    }
    writer.finish();
    bytes = out.str().size();
  }
  per_provider(state, count);
  state.counters["bytes_per_provider"] = static_cast<double>(bytes) / static_cast<double>(count);
}
BENCHMARK(BM_WriteRatingsJsonl)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Herefordshire providers bound to fact slots, and every condition its scheme classifies by (its
// rules and the conditions of its least severe level): the input of the classification loops.
struct bound_portfolio {
  std::vector<qaf::detail::bound_record> records;
  std::vector<const qaf::detail::condition*> conditions;
};

bound_portfolio bind_portfolio(const qaf::pack& rules, std::size_t count) {
  const qaf::detail::pack_data& data = rules.data();
  bound_portfolio out;
  std::vector<qaf::diagnostic> problems;
  for (const qaf::provider& p : providers(rules, count)) {
    out.records.push_back(*qaf::detail::bind_record(data.table, p, problems));
  }
  for (const auto& s : data.schemes) {
    for (const auto& r : s.rules) {
      if (r.when.compiled) out.conditions.push_back(&*r.when.compiled);
    }
    for (const auto& l : s.levels) {
      for (const auto& r : l.requirements) {
        if (r.when.compiled) out.conditions.push_back(&*r.when.compiled);
      }
    }
  }
  return out;
}

// The evaluation loop itself: every rule and level condition of Herefordshire's scheme over
// providers already bound to fact slots, with the unknown facts asked for (as rating asks). A
// provider a second is a provider-rating a second (one scheme). Counts heap allocations per
// provider: there must be none. With `tree_walk`, through the evaluator's walk of the program
// (evaluate_program) that conditions went through before the truth kernel (condition::evaluate):
// before and after in one run.
void classify_bound_records(benchmark::State& state, bool tree_walk) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const bound_portfolio input = bind_portfolio(herefordshire(), count);
  qaf::detail::fact_set unknown(herefordshire().data().table.total_slots());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  std::size_t allocated = 0;
  std::size_t fired = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      const qaf::detail::bound_record& record = input.records[i % input.records.size()];
      for (const qaf::detail::condition* c : input.conditions) {
        const qaf::detail::truth t =
            tree_walk ? qaf::detail::evaluate_program(c->compiled(), record, as_of, &unknown)
                      : c->evaluate(record, as_of, &unknown);
        fired += t == qaf::detail::truth::yes ? 1 : 0;
      }
    }
    allocated += allocations.load() - before;
  }
  benchmark::DoNotOptimize(fired);
  per_provider(state, count);
  state.counters["allocations_per_provider"] =
      static_cast<double>(allocated) / static_cast<double>(state.iterations() * count);
  state.counters["rules"] = static_cast<double>(input.conditions.size());
}

void BM_ClassifyBoundRecordsAllocations(benchmark::State& state) {
  classify_bound_records(state, false);
}
BENCHMARK(BM_ClassifyBoundRecordsAllocations)
    ->Arg(1'000)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClassifyBoundRecordsAllocations)
    ->Arg(1'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_ClassifyBoundRecordsTreeWalk(benchmark::State& state) {
  classify_bound_records(state, true);
}
BENCHMARK(BM_ClassifyBoundRecordsTreeWalk)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The whole classification as `qaf rate` keeps it for a compact document: every scheme of the
// pack over records already bound, each rating by index (its level, reasons, undecided rules and
// unknown facts, override, trend and review) into a batch cleared every chunk of 256 providers,
// as a worker's is (rating/scheme_rating.hpp): bound record in, index result out. Items are
// provider-ratings (one a scheme that applies); heap allocations a provider, counted once the
// batch has grown: none.
void rate_indexed(benchmark::State& state, const qaf::pack& rules) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(rules, count);
  const bound_portfolio input = bind_portfolio(rules, count);
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  qaf::detail::rating_batch batch;
  // One chunk first, so that the batch has grown as a worker's has after its first chunk.
  for (std::size_t i = 0; i < std::min<std::size_t>(count, 256); ++i) {
    qaf::detail::rate_indexed(rules.data(), list[i], input.records[i], as_of, batch);
  }
  std::size_t allocated = 0;
  std::size_t rated = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      if (i % 256 == 0) batch.clear();
      const std::size_t k = i % input.records.size();
      rated +=
          qaf::detail::rate_indexed(rules.data(), list[k], input.records[k], as_of, batch).size();
    }
    allocated += allocations.load() - before;
  }
  benchmark::DoNotOptimize(batch.ratings.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(rated));
  state.counters["providers"] = static_cast<double>(count);
  const auto done = static_cast<double>(state.iterations() * count);
  state.counters["allocations_per_provider"] = static_cast<double>(allocated) / done;
  state.counters["ratings_per_provider"] = static_cast<double>(rated) / done;
}

void BM_RateIndexedHerefordshire(benchmark::State& state) { rate_indexed(state, herefordshire()); }
BENCHMARK(BM_RateIndexedHerefordshire)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_RateIndexedBoltonChildren(benchmark::State& state) {
  rate_indexed(state, bolton_children());
}
BENCHMARK(BM_RateIndexedBoltonChildren)->Arg(1'000)->Unit(benchmark::kMillisecond);

// The whole engine.rate per provider (binding, the rules, the rating with its reasons), with its
// allocations per provider: what a rating costs beyond the rules themselves.
void BM_RateAllocations(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(herefordshire(), count);
  const qaf::engine engine(herefordshire());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  std::size_t allocated = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(engine.rate(list[i % list.size()], as_of));
    }
    allocated += allocations.load() - before;
  }
  per_provider(state, count);
  state.counters["allocations_per_provider"] =
      static_cast<double>(allocated) / static_cast<double>(state.iterations() * count);
}
BENCHMARK(BM_RateAllocations)->Arg(1'000)->Unit(benchmark::kMillisecond);

// What `qaf rate` evaluates for a compact json or jsonl document: records already checked (the
// first pass), bound once, ratings that name their rules by id (rating_detail::ids).
void BM_RateCheckedIdsAllocations(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(herefordshire(), count);
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  std::size_t allocated = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(qaf::detail::rate_checked(herefordshire(), list[i % list.size()],
                                                         as_of, qaf::detail::rating_detail::ids));
    }
    allocated += allocations.load() - before;
  }
  per_provider(state, count);
  state.counters["allocations_per_provider"] =
      static_cast<double>(allocated) / static_cast<double>(state.iterations() * count);
}
BENCHMARK(BM_RateCheckedIdsAllocations)->Arg(1'000)->Unit(benchmark::kMillisecond);

// What `qaf rate` evaluates for a compact document since ratings are kept by index: records
// already checked, bound once (the allocations that remain are the binding's: a fresh record),
// ratings into a batch cleared every chunk of 256 providers.
void BM_RateCheckedIndexedAllocations(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(herefordshire(), count);
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  qaf::detail::rating_batch batch;
  for (std::size_t i = 0; i < std::min<std::size_t>(count, 256); ++i) {
    qaf::detail::rate_checked_into(herefordshire(), list[i % list.size()], as_of, batch);
  }
  std::size_t allocated = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      if (i % 256 == 0) batch.clear();
      benchmark::DoNotOptimize(
          qaf::detail::rate_checked_into(herefordshire(), list[i % list.size()], as_of, batch));
    }
    allocated += allocations.load() - before;
  }
  per_provider(state, count);
  state.counters["allocations_per_provider"] =
      static_cast<double>(allocated) / static_cast<double>(state.iterations() * count);
}
BENCHMARK(BM_RateCheckedIndexedAllocations)->Arg(1'000)->Unit(benchmark::kMillisecond);

// A provider-year of Bolton children's schedule through engine.schedule, with its heap
// allocations per provider: the occurrences it returns carry their own strings, and the
// scheduler's own working storage shows here too.
void BM_ScheduleAllocations(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(bolton_children(), count);
  const qaf::engine engine(bolton_children());
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  const qaf::schedule_options window{as_of, qaf::add_days(qaf::add_months(as_of, 12), -1), as_of};
  std::size_t allocated = 0;
  std::size_t occurrences = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      const qaf::schedule_result result = engine.schedule(list[i % list.size()], window);
      occurrences += result.occurrences.size();
    }
    allocated += allocations.load() - before;
  }
  per_provider(state, count);
  const auto done = static_cast<double>(state.iterations() * count);
  state.counters["allocations_per_provider"] = static_cast<double>(allocated) / done;
  state.counters["occurrences_per_provider"] = static_cast<double>(occurrences) / done;
}
BENCHMARK(BM_ScheduleAllocations)->Arg(1'000)->Unit(benchmark::kMillisecond);

// What `qaf assess` and `qaf schedule` evaluate for a provider-year of schedule: the record,
// checked in the first pass, bound once and scheduled (checked_evaluation.hpp), with its
// allocations.
void BM_ScheduleCheckedAllocations(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const std::vector<qaf::provider>& list = providers(bolton_children(), count);
  const qaf::date as_of = qaf::bench::portfolio_generator::as_of();
  const qaf::schedule_options window{as_of, qaf::add_days(qaf::add_months(as_of, 12), -1), as_of};
  std::size_t allocated = 0;
  for (auto _ : state) {
    const std::size_t before = allocations.load();
    for (std::size_t i = 0; i < count; ++i) {
      benchmark::DoNotOptimize(
          qaf::detail::schedule_checked(bolton_children(), list[i % list.size()], window));
    }
    allocated += allocations.load() - before;
  }
  per_provider(state, count);
  state.counters["allocations_per_provider"] =
      static_cast<double>(allocated) / static_cast<double>(state.iterations() * count);
}
BENCHMARK(BM_ScheduleCheckedAllocations)->Arg(1'000)->Unit(benchmark::kMillisecond);

}  // namespace
