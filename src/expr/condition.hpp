// Conditions: the small typed language in which a pack says when a rule applies,
//
//   service_type in ['childrens_home', 'supported_accommodation'] and beds > 6
//   months_since(placement_suspension_since) > 3
//   count(key_question_ratings, r -> r in ['requires_improvement', 'inadequate']) >= 2
//
// compiled once against a pack's fact table and evaluated on bound provider records under
// three-valued logic (docs/conditions.md is the reference for pack authors).
//
//   std::vector<qaf::diagnostic> errors;
//   std::optional<condition> c = compile_condition(table, "beds > 6", "/rules/3/when", errors);
//   fact_set unknown(table.total_slots());
//   truth t = c->evaluate(record, as_of, &unknown);  // unknown: the facts that kept t undecided
//
// A compiled condition is immutable: evaluate it from many threads at once. Evaluating does no
// name lookups and allocates nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/evaluator.hpp"
#include "expr/program.hpp"
#include "expr/truth.hpp"
#include "expr/truth_kernel.hpp"
#include "facts/bound_record.hpp"
#include "facts/fact_set.hpp"
#include "facts/fact_table.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"

namespace qaf::detail {

class condition {
 public:
  /// The condition's truth for `record` (bound against the table it was compiled with) on
  /// `as_of`, the date the *_since functions count to. When `unknown` is given it is cleared
  /// and, for an unknown result, filled with the slots of the unknown facts the result depended
  /// on: the facts that, once known, could decide it. Facts whose value could not matter (the
  /// other side of a false `and`) are left out.
  truth evaluate(const bound_record& record, date as_of,
                 fact_set* unknown = nullptr) const noexcept;

  /// The text as the pack wrote it.
  const std::string& text() const noexcept { return text_; }
  /// Canonical text: keywords, single quotes, one space around operators, parentheses only
  /// where needed. Compiling it gives an equivalent condition with the same canonical text.
  const std::string& to_string() const noexcept { return canonical_; }
  /// The facts the condition reads (indices into the fact table), ascending, each once.
  std::span<const std::uint32_t> facts() const noexcept { return facts_; }
  /// Whether the condition reads a slot at or after `first` (the scheme level slots start at
  /// fact_table::fact_slots()).
  bool reads_slots_from(std::size_t first) const noexcept;
  /// Whether the condition reads a slot in [first, end) (the level slots are
  /// [fact_slots(), outcome_slots_from())).
  bool reads_slots_between(std::size_t first, std::size_t end) const noexcept;
  /// The slots at or after `first` the condition reads (outcome slots from
  /// fact_table::outcome_slots_from()), ascending, each once: what `facts()` does not list.
  std::vector<std::uint32_t> slots_from(std::size_t first) const;

  /// As evaluate, and records in `out` what each part came to, for an explanation (explain/).
  /// Apart from evaluate so that evaluating records nothing; reuse `out` between calls.
  truth trace(const bound_record& record, date as_of, std::vector<node_outcome>& out) const {
    return trace_program(program_, record, as_of, out);
  }
  /// The compiled form, which explanations walk.
  const program& compiled() const noexcept { return program_; }
  /// Each node of the compiled form as canonical text ("beds > 6"); for count/all/any, `test`
  /// is its test ("r -> r == 'inadequate'") and `object` the fact it goes over.
  struct part_text {
    std::string whole;
    std::string object;
    std::string test;
  };
  std::span<const part_text> part_texts() const noexcept { return parts_; }

 private:
  friend std::optional<condition> compile_condition(const fact_table&, std::string_view,
                                                    std::string_view, std::vector<diagnostic>&);
  condition() = default;

  program program_;
  truth_kernel kernel_;  // the fast path of evaluate (truth_kernel.hpp)
  std::string text_;
  std::string canonical_;
  std::vector<std::uint32_t> facts_;
  std::vector<part_text> parts_;
};

/// Compiles `text` against `table`. On mistakes appends diagnostics and returns std::nullopt;
/// each has `pointer` as its pointer and a message "column N: <reason>\n<text>\n<caret line>",
/// N counted in characters from 1. Codes:
///   qaf.condition.syntax            malformed text; checking stops at the first
///   qaf.condition.unknown_fact      a name that is no fact (or key), with a suggestion
///   qaf.condition.unknown_function  a call of a function the language does not have
///   qaf.condition.type              a value of the wrong type for where it stands
///   qaf.condition.value             a literal that cannot be a value of what it is compared
///                                   with: not one of an enumeration's values, not a date
/// Every name, type and value mistake is reported, not only the first.
std::optional<condition> compile_condition(const fact_table& table, std::string_view text,
                                           std::string_view pointer, std::vector<diagnostic>& out);

}  // namespace qaf::detail
