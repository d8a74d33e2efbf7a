#include "expr/condition.hpp"

#include <algorithm>

#include "expr/checker.hpp"
#include "expr/condition_error.hpp"
#include "expr/evaluator.hpp"
#include "expr/syntax_tree.hpp"

namespace qaf::detail {

truth condition::evaluate(const bound_record& record, date as_of,
                          fact_set* unknown) const noexcept {
  const truth t = run_kernel(kernel_, program_, record, as_of);
  if (unknown == nullptr) return t;
  // The facts an undecided answer waits for are the evaluator's to find; few records need it.
  if (t == truth::unknown) return evaluate_program(program_, record, as_of, unknown);
  unknown->clear();
  return t;
}

bool condition::reads_slots_from(std::size_t first) const noexcept {
  for (const program_node& n : program_.nodes) {
    if (n.op == opcode::load && n.a >= first) return true;
  }
  return false;
}

bool condition::reads_slots_between(std::size_t first, std::size_t end) const noexcept {
  for (const program_node& n : program_.nodes) {
    if (n.op == opcode::load && n.a >= first && n.a < end) return true;
  }
  return false;
}

std::vector<std::uint32_t> condition::slots_from(std::size_t first) const {
  std::vector<std::uint32_t> slots;
  for (const program_node& n : program_.nodes) {
    if (n.op == opcode::load && n.a >= first) slots.push_back(n.a);
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return slots;
}

std::optional<condition> compile_condition(const fact_table& table, std::string_view text,
                                           std::string_view pointer, std::vector<diagnostic>& out) {
  syntax_tree tree;
  syntax_error error;
  if (!parse_condition(text, tree, error)) {
    out.push_back(
        condition_diagnostic("qaf.condition.syntax", pointer, text, error.offset, error.message));
    return std::nullopt;
  }
  condition c;
  if (!check_condition(table, text, pointer, tree, c.program_, c.facts_, out)) {
    return std::nullopt;
  }
  c.kernel_ = compile_kernel(c.program_);
  c.text_ = std::string(text);
  c.canonical_ = print_condition(tree);
  // The text of each part, printed once here so that an explanation builds no text it does not
  // show.
  const std::vector<std::uint32_t>& from = c.program_.syntax_of;
  c.parts_.resize(c.program_.nodes.size());
  for (std::size_t i = 0; i < from.size() && i < c.parts_.size(); ++i) {
    const syntax_node& n = tree.nodes[from[i]];
    c.parts_[i].whole = print_condition(tree, from[i]);
    const opcode op = c.program_.nodes[i].op;
    if ((op == opcode::count || op == opcode::all || op == opcode::any) && n.children.size() == 2) {
      c.parts_[i].object = print_condition(tree, n.children[0]);
      c.parts_[i].test = print_condition(tree, n.children[1]);
    }
  }
  return c;
}

}  // namespace qaf::detail
