// libFuzzer target for the condition language: arbitrary bytes compiled against the core fact
// table. Whatever the input, compiling must end in a condition or diagnostics; a condition must
// evaluate on an all-unknown record and on a sample record; its canonical text must compile to
// the same canonical text; its truth kernel must agree with the evaluator. Seeds:
// tests/fuzz/corpus/condition/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/condition.hpp"
#include "expr/evaluator.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "facts/fact_table.hpp"
#include "qaf/portfolio.hpp"

namespace {

using namespace qaf::detail;

struct world {
  fact_table table;
  bound_record unknown_record;
  bound_record sample_record;
  qaf::date as_of;
};

world make_world() {
  const std::vector<std::string> service_types = {"childrens_home", "supported_accommodation",
                                                  "residential"};
  world w{fact_table::core(service_types), {}, {}, qaf::date::parse("2024-06-30")};
  w.unknown_record = bound_record(w.table);
  qaf::provider p;
  p.id = "sample";
  p.facts["name"] = std::string("Oak House");
  p.facts["service_type"] = std::string("childrens_home");
  p.facts["beds"] = std::int64_t{9223372036854775807};
  p.facts["ehcp_children"] = std::int64_t{2};
  p.facts["regulator_rating"] = std::string("inadequate");
  p.facts["key_question_ratings"] =
      qaf::fact_object{{"safe", "inadequate"}, {"caring", "good"}, {"well_led", "inadequate"}};
  p.facts["monitoring_start"] = qaf::date::parse("1400-01-01");
  p.facts["placement_suspension_since"] = nullptr;
  p.facts["unregulated"] = true;
  p.facts["whistleblowing"] = std::string("none");
  std::vector<qaf::diagnostic> errors;
  if (!bind_record(w.table, p, w.sample_record, errors)) std::abort();
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const world w = make_world();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<qaf::diagnostic> errors;
  const std::optional<condition> c = compile_condition(w.table, text, "/fuzz", errors);
  if (!c) {
    if (errors.empty()) std::abort();  // a failure always says why
    for (const qaf::diagnostic& d : errors) {
      if (d.message.rfind("column ", 0) != 0 || d.pointer != "/fuzz") std::abort();
    }
    return 0;
  }
  if (!errors.empty()) std::abort();
  // The truth kernel (evaluate's fast path) gives the evaluator's answer.
  for (const bound_record* record : {&w.unknown_record, &w.sample_record}) {
    if (c->evaluate(*record, w.as_of) != evaluate_program(c->compiled(), *record, w.as_of, nullptr))
      std::abort();
  }
  fact_set unknown(w.table.total_slots());
  const truth on_unknown = c->evaluate(w.unknown_record, w.as_of, &unknown);
  if (on_unknown == truth::unknown && unknown.empty()) std::abort();
  const truth on_sample = c->evaluate(w.sample_record, w.as_of, &unknown);
  if (on_sample == truth::unknown && unknown.empty()) std::abort();
  // The canonical text means the same and prints the same.
  std::vector<qaf::diagnostic> again_errors;
  const std::optional<condition> again =
      compile_condition(w.table, c->to_string(), "/fuzz", again_errors);
  if (!again || again->to_string() != c->to_string()) std::abort();
  if (again->evaluate(w.sample_record, w.as_of) != on_sample) std::abort();
  return 0;
}
