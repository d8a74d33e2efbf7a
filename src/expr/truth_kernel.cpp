#include "expr/truth_kernel.hpp"

#include <array>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "expr/evaluator.hpp"
#include "expr/range_compare.hpp"

namespace qaf::detail {
namespace {

constexpr std::int64_t int_max = std::numeric_limits<std::int64_t>::max();

// `a op b` as `b mirrored(op) a`.
constexpr compare_op mirrored(compare_op op) noexcept {
  switch (op) {
    case compare_op::less:
      return compare_op::greater;
    case compare_op::less_equal:
      return compare_op::greater_equal;
    case compare_op::greater:
      return compare_op::less;
    case compare_op::greater_equal:
      return compare_op::less_equal;
    case compare_op::equal:
    case compare_op::not_equal:
      break;
  }
  return op;
}

constexpr truth truth_of(bool b) noexcept { return b ? truth::yes : truth::no; }

// The value types whose slot bits the kernel reads as one integer.
constexpr bool readable(value_type t) noexcept {
  return t == value_type::boolean || t == value_type::integer || t == value_type::date ||
         t == value_type::enumeration;
}

constexpr bool ordering(compare_op op) noexcept {
  return op != compare_op::equal && op != compare_op::not_equal;
}

class kernel_compiler {
 public:
  explicit kernel_compiler(const program& p) : p_(p) {}

  truth_kernel run() {
    emit(p_.root, 0);
    return std::move(kernel_);
  }

 private:
  // Emits the steps that push the truth of node `index` onto a stack already `depth` deep.
  void emit(std::uint32_t index, std::uint32_t depth) {
    const program_node& n = p_.nodes[index];
    // An and/or holds its truth so far below each part's: room for both, or the evaluator.
    if ((n.op == opcode::logical_and || n.op == opcode::logical_or) &&
        depth + 2 <= kernel_stack_depth) {
      const bool is_and = n.op == opcode::logical_and;
      push({.op = is_and ? kernel_op::begin_and : kernel_op::begin_or});
      std::vector<std::size_t> joins;  // this and/or's own steps, which jump past its end
      for (std::uint32_t i = 0; i < n.b; ++i) {
        emit(p_.operands[n.a + i], depth + 1);
        joins.push_back(kernel_.steps.size());
        push({.op = is_and ? kernel_op::and_step : kernel_op::or_step});
      }
      const auto end = static_cast<std::uint32_t>(kernel_.steps.size());
      for (const std::size_t j : joins) kernel_.steps[j].a = end;
      return;
    }
    if (n.op == opcode::logical_not) {
      emit(n.a, depth);
      push({.op = kernel_op::negate});
      return;
    }
    if (const std::optional<kernel_step> step = leaf(n)) {
      push(*step);
      return;
    }
    push({.op = kernel_op::part, .a = index});
  }

  void push(const kernel_step& step) { kernel_.steps.push_back(step); }

  // A test of the fact node `load` reads: its slot, how its bits read, and whether an unknown
  // integer is still known to be at least its minimum.
  static kernel_step slot_test(const program_node& load) {
    kernel_step s;
    s.op = kernel_op::test;
    s.type = load.type;
    s.a = load.a;
    s.dated_event = (load.flags & load_dated_event) != 0;
    return s;
  }

  static bool has_minimum(const program_node& load) {
    return load.op == opcode::load && (load.flags & load_has_minimum) != 0;
  }

  // `load <op> constant`, with `load` a fact (or a count/all/any variable) of the comparison's
  // own domain.
  std::optional<kernel_step> compare_test(const program_node& load, compare_op op,
                                          const program_node& constant, value_type domain) const {
    if (!readable(domain) || load.type != domain) return std::nullopt;
    kernel_step s = slot_test(load);
    if (load.op == opcode::load_variable) s.type = value_type::enumeration;
    // An unknown integer with a minimum is the range [minimum, max]: a known value, not exact.
    const auto minimum = static_cast<std::int64_t>(load.constant);
    if (constant.type == value_type::null) {
      // A null equals only null, and has no order (the checker allows only == and !=).
      if (ordering(op)) return std::nullopt;
      s.test = known_test::fixed;
      s.if_known = op == compare_op::equal ? truth::no : truth::yes;
      s.if_null = op == compare_op::equal ? truth::yes : truth::no;
      s.if_unknown = has_minimum(load) ? s.if_known : truth::unknown;
      return s;
    }
    if (constant.type != domain) return std::nullopt;
    const auto k = static_cast<std::int64_t>(constant.constant);
    s.if_null = op == compare_op::not_equal ? truth::yes : truth::no;
    s.if_unknown = has_minimum(load) ? compare_ranges(op, minimum, int_max, k, k) : truth::unknown;
    if (domain == value_type::enumeration && !ordering(op) && k >= 0 && k < 64) {
      s.test = known_test::mask;
      s.mask = std::uint64_t{1} << k;
      s.negated = op == compare_op::not_equal;
      return s;
    }
    s.test = known_test::compare;
    s.comparison = op;
    s.k = k;
    return s;
  }

  // The test of a compare node of a fact (or variable) and a constant, either way round.
  std::optional<kernel_step> compare_node(const program_node& n) const {
    const program_node& left = p_.nodes[n.a];
    const program_node& right = p_.nodes[n.b];
    const auto is_read = [](const program_node& x) {
      return x.op == opcode::load || x.op == opcode::load_variable;
    };
    if (is_read(left) && right.op == opcode::constant) {
      return compare_test(left, n.comparison, right, n.operand);
    }
    if (is_read(right) && left.op == opcode::constant) {
      return compare_test(right, mirrored(n.comparison), left, n.operand);
    }
    return std::nullopt;
  }

  // `load in [...]` over an enumeration whose listed values all have an index under 64.
  std::optional<kernel_step> member_node(const program_node& n) const {
    const program_node& load = p_.nodes[n.a];
    if (n.operand != value_type::enumeration || load.type != value_type::enumeration) {
      return std::nullopt;
    }
    if (load.op != opcode::load && load.op != opcode::load_variable) return std::nullopt;
    kernel_step s = slot_test(load);
    s.type = value_type::enumeration;
    s.test = known_test::mask;
    for (std::uint32_t i = 0; i < n.c; ++i) {
      const std::uint64_t item = p_.lists[n.b + i];
      if (item >= 64) return std::nullopt;
      s.mask |= std::uint64_t{1} << item;
    }
    s.negated = (n.flags & member_negated) != 0;
    const bool null_listed = (n.flags & member_null) != 0;
    s.if_null = truth_of(null_listed != s.negated);
    s.if_unknown = truth::unknown;
    return s;
  }

  // The test a count/all/any applies to each key: a mask or fixed test of its own variable.
  std::optional<kernel_step> key_test(const program_node& quantifier) const {
    const program_node& body = p_.nodes[quantifier.c];
    std::optional<kernel_step> s;
    if (body.op == opcode::member) s = member_node(body);
    if (body.op == opcode::compare) s = compare_node(body);
    if (!s || (s->test != known_test::mask && s->test != known_test::fixed)) return std::nullopt;
    // The body must read the quantifier's own variable, not a fact or an outer variable.
    const std::uint32_t read = body.op == opcode::member                      ? body.a
                               : p_.nodes[body.a].op == opcode::load_variable ? body.a
                                                                              : body.b;
    const program_node& variable = p_.nodes[read];
    if (variable.op != opcode::load_variable || variable.a != quantifier.level) return std::nullopt;
    s->a = quantifier.a;
    s->b = quantifier.b;
    s->dated_event = false;
    return s;
  }

  std::optional<kernel_step> leaf(const program_node& n) const {
    switch (n.op) {
      case opcode::load: {
        // A boolean fact by itself: a null one is no answer either way.
        if (n.type != value_type::boolean) return std::nullopt;
        kernel_step s = slot_test(n);
        s.test = known_test::truthy;
        s.if_null = truth::unknown;
        s.if_unknown = truth::unknown;
        return s;
      }
      case opcode::compare: {
        if (std::optional<kernel_step> s = compare_node(n)) {
          if (p_.nodes[n.a].op == opcode::load_variable ||
              p_.nodes[n.b].op == opcode::load_variable) {
            return std::nullopt;  // a variable outside its count/all/any
          }
          return s;
        }
        return count_node(n);
      }
      case opcode::member: {
        if (p_.nodes[n.a].op != opcode::load) return std::nullopt;
        return member_node(n);
      }
      case opcode::known: {
        const program_node& load = p_.nodes[n.a];
        if (load.op != opcode::load) return std::nullopt;
        // Known or null is determined; unknown is not, even with a minimum (a range).
        kernel_step s = slot_test(load);
        s.test = known_test::fixed;
        s.if_known = truth::yes;
        s.if_null = truth::yes;
        s.if_unknown = truth::no;
        return s;
      }
      case opcode::any:
      case opcode::all: {
        std::optional<kernel_step> s = key_test(n);
        if (!s) return std::nullopt;
        s->op = n.op == opcode::any ? kernel_op::keys_any : kernel_op::keys_all;
        return s;
      }
      default:
        return std::nullopt;
    }
  }

  // `count(object, test) <op> k`, either way round, k an integer.
  std::optional<kernel_step> count_node(const program_node& n) const {
    if (n.operand != value_type::integer) return std::nullopt;
    const program_node& left = p_.nodes[n.a];
    const program_node& right = p_.nodes[n.b];
    const bool count_left = left.op == opcode::count && right.op == opcode::constant;
    const bool count_right = right.op == opcode::count && left.op == opcode::constant;
    if (!count_left && !count_right) return std::nullopt;
    const program_node& count = count_left ? left : right;
    const program_node& constant = count_left ? right : left;
    if (constant.type != value_type::integer) return std::nullopt;
    std::optional<kernel_step> s = key_test(count);
    if (!s) return std::nullopt;
    s->op = kernel_op::keys_count;
    s->comparison = count_left ? n.comparison : mirrored(n.comparison);
    s->k = static_cast<std::int64_t>(constant.constant);
    return s;
  }

  const program& p_;
  truth_kernel kernel_;
};

// A known slot's bits as the integer the test compares: what the evaluator's load reads.
inline std::int64_t read_known(value_type type, const slot& v) noexcept {
  switch (type) {
    case value_type::boolean:
      return v.as_bool() ? 1 : 0;
    case value_type::date:
      return v.as_days();
    case value_type::enumeration:
      return v.as_enum();
    default:
      return v.as_integer();
  }
}

inline bool compare(compare_op op, std::int64_t a, std::int64_t b) noexcept {
  switch (op) {
    case compare_op::equal:
      return a == b;
    case compare_op::not_equal:
      return a != b;
    case compare_op::less:
      return a < b;
    case compare_op::less_equal:
      return a <= b;
    case compare_op::greater:
      return a > b;
    case compare_op::greater_equal:
      return a >= b;
  }
  return false;
}

inline truth test_slot(const kernel_step& s, const slot& v, std::int64_t as_of) noexcept {
  if (v.state == slot_state::unknown) return s.if_unknown;
  if (v.state == slot_state::null) return s.if_null;
  const std::int64_t x = read_known(s.type, v);
  if (s.dated_event && x > as_of) return s.if_null;  // it has not happened yet
  switch (s.test) {
    case known_test::compare:
      return truth_of(compare(s.comparison, x, s.k));
    case known_test::mask:
      return truth_of((x >= 0 && x < 64 && ((s.mask >> x) & 1u) != 0) != s.negated);
    case known_test::truthy:
      return truth_of(x != 0);
    case known_test::fixed:
      return s.if_known;
  }
  return truth::unknown;
}

}  // namespace

truth_kernel compile_kernel(const program& p) {
  if (p.nodes.empty()) return {};
  return kernel_compiler(p).run();
}

truth run_kernel(const truth_kernel& k, const program& p, const bound_record& record,
                 date as_of) noexcept {
  if (k.steps.empty()) return truth::unknown;
  std::array<truth, kernel_stack_depth> stack;
  std::uint32_t top = 0;  // how many truths the stack holds
  const std::int64_t today = as_of.days_since_epoch();
  const kernel_step* steps = k.steps.data();
  const auto count = static_cast<std::uint32_t>(k.steps.size());
  for (std::uint32_t pc = 0; pc < count; ++pc) {
    const kernel_step& s = steps[pc];
    switch (s.op) {
      case kernel_op::test:
        stack[top++] = test_slot(s, record.at(s.a), today);
        break;
      case kernel_op::keys_any:
      case kernel_op::keys_all: {
        // any: yes decides; all: no decides; else unknown when a key was.
        const truth decisive = s.op == kernel_op::keys_any ? truth::yes : truth::no;
        truth result = s.op == kernel_op::keys_any ? truth::no : truth::yes;
        for (std::uint32_t key = 0; key < s.b; ++key) {
          const truth t = test_slot(s, record.at(s.a + key), today);
          if (t == decisive) {
            result = decisive;
            break;
          }
          if (t == truth::unknown) result = truth::unknown;
        }
        stack[top++] = result;
        break;
      }
      case kernel_op::keys_count: {
        // The count is a range: the keys that pass, up to those and the keys left unknown.
        std::int64_t yes = 0;
        std::int64_t open = 0;
        for (std::uint32_t key = 0; key < s.b; ++key) {
          const truth t = test_slot(s, record.at(s.a + key), today);
          yes += t == truth::yes ? 1 : 0;
          open += t == truth::unknown ? 1 : 0;
        }
        stack[top++] = compare_ranges(s.comparison, yes, yes + open, s.k, s.k);
        break;
      }
      case kernel_op::part:
        stack[top++] = evaluate_part(p, s.a, record, as_of);
        break;
      case kernel_op::begin_and:
        stack[top++] = truth::yes;
        break;
      case kernel_op::begin_or:
        stack[top++] = truth::no;
        break;
      case kernel_op::and_step:
      case kernel_op::or_step: {
        const truth t = stack[--top];
        const truth decisive = s.op == kernel_op::and_step ? truth::no : truth::yes;
        if (t == decisive) {
          stack[top - 1] = decisive;
          pc = s.a - 1;  // the loop steps on to s.a
        } else if (t == truth::unknown) {
          stack[top - 1] = truth::unknown;
        }
        break;
      }
      case kernel_op::negate:
        stack[top - 1] = !stack[top - 1];
        break;
    }
  }
  return stack[0];
}

}  // namespace qaf::detail
