// Kleene logic over values that may be unknown (the record does not give the fact), null (a
// known "none") or known. An unknown count is the range [its declared minimum, max]. Integers and
// numbers are carried as ranges [lo, hi] so that a count over keys some of which are unknown still
// decides what it can: with two keys known to be inadequate and three unknown, count(...) is
// somewhere in [2, 5], so count(...) >= 2 is true.
//
// Soundness: every decided answer holds for every way of filling in the unknown facts, so
// learning a fact never turns true into false or false into true. known() is the one exception:
// it asks about the record itself, and is always decided.
#include "expr/evaluator.hpp"

#include <array>
#include <bit>
#include <limits>
#include <span>
#include <string_view>

#include "expr/range_compare.hpp"

namespace qaf::detail {
namespace {

enum class state : std::uint8_t { unknown, null, known };

struct value {
  state s = state::unknown;
  bool exact = true;            // false for a range that unknown facts leave open
  std::int64_t lo = 0, hi = 0;  // integer range; boolean 0/1, enum index, date days
  double x = 0, y = 0;          // number range
  std::string_view text;
};

constexpr std::int64_t int_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int_min = std::numeric_limits<std::int64_t>::min();

value null_value() noexcept {
  value v;
  v.s = state::null;
  return v;
}

value integer_value(std::int64_t lo, std::int64_t hi) noexcept {
  value v;
  v.s = state::known;
  v.lo = lo;
  v.hi = hi;
  v.exact = lo == hi;
  return v;
}

value number_value(double x, double y) noexcept {
  value v;
  v.s = state::known;
  v.x = x;
  v.y = y;
  v.exact = x == y;
  return v;
}

value truth_value(truth t) noexcept {
  if (t == truth::unknown) return {};
  return integer_value(t == truth::yes ? 1 : 0, t == truth::yes ? 1 : 0);
}

truth truth_of(const value& v) noexcept {
  if (v.s != state::known || !v.exact) return truth::unknown;
  return v.lo != 0 ? truth::yes : truth::no;
}

bool determined(const value& v) noexcept { return v.s != state::unknown && v.exact; }

// Saturating arithmetic: integers never overflow into undefined behaviour.
std::int64_t add_sat(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? int_max : int_min;
  return r;
}
std::int64_t sub_sat(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return b < 0 ? int_max : int_min;
  return r;
}
std::int64_t neg_sat(std::int64_t a) noexcept { return a == int_min ? int_max : -a; }

bool in_range(std::int64_t days) noexcept {
  return days >= date::min().days_since_epoch() && days <= date::max().days_since_epoch();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

// With `Trace` the evaluator also records what each node outside a count/all/any body came to
// (trace_program); without it the recording compiles away and evaluation is what it always was.
template <bool Trace>
class evaluator {
 public:
  evaluator(const program& p, const bound_record& record, date as_of) noexcept
      : p_(p), record_(record), as_of_(as_of) {}

  void trace_into(std::span<node_outcome> out) noexcept { trace_ = out; }

  value eval(std::uint32_t index) noexcept {
    if constexpr (Trace) {
      const value v = eval_node(index);
      if (depth_ == 0) record(index, v);
      return v;
    } else {
      return eval_node(index);
    }
  }

  value eval_node(std::uint32_t index) noexcept {
    const program_node& n = p_.nodes[index];
    switch (n.op) {
      case opcode::constant:
        return constant(n);
      case opcode::load:
        return load_fact(n);
      case opcode::load_variable:
        return load(record_.at(variables_[n.a]), value_type::enumeration);
      case opcode::logical_not:
        return truth_value(!truth_of(eval(n.a)));
      case opcode::logical_and:
      case opcode::logical_or: {
        const bool is_and = n.op == opcode::logical_and;
        // and: no decides; or: yes decides. Anything undecided leaves the result unknown.
        const truth decisive = is_and ? truth::no : truth::yes;
        truth result = is_and ? truth::yes : truth::no;
        for (std::uint32_t i = 0; i < n.b; ++i) {
          const truth t = truth_of(eval(p_.operands[n.a + i]));
          if (t == decisive) return truth_value(decisive);
          if (t == truth::unknown) result = truth::unknown;
        }
        return truth_value(result);
      }
      case opcode::compare:
        return truth_value(compare(n, eval(n.a), eval(n.b)));
      case opcode::member:
        return truth_value(member(n, eval(n.a)));
      case opcode::add:
      case opcode::subtract:
        return arithmetic(n, eval(n.a), eval(n.b));
      case opcode::negate:
        return negate(n, eval(n.a));
      case opcode::since:
        return since(n, eval(n.a));
      case opcode::count:
      case opcode::all:
      case opcode::any:
        return quantify(n);
      case opcode::known:
        return truth_value(determined(eval(n.a)) ? truth::yes : truth::no);
      case opcode::known_object:
        for (std::uint32_t k = 0; k < n.b; ++k) {
          if (record_.at(n.a + k).state == slot_state::unknown) return truth_value(truth::no);
        }
        return truth_value(truth::yes);
    }
    return {};
  }

  // Adds to `out` the unknown facts that leave node `index` undecided.
  void collect(std::uint32_t index, fact_set& out) noexcept {
    if (determined(eval(index))) return;
    const program_node& n = p_.nodes[index];
    switch (n.op) {
      case opcode::load:
        out.insert(n.a);
        return;
      case opcode::load_variable:
        out.insert(variables_[n.a]);
        return;
      case opcode::logical_and:
      case opcode::logical_or:
        for (std::uint32_t i = 0; i < n.b; ++i) collect(p_.operands[n.a + i], out);
        return;
      case opcode::compare:
      case opcode::add:
      case opcode::subtract:
        collect(n.a, out);
        collect(n.b, out);
        return;
      case opcode::logical_not:
      case opcode::member:
      case opcode::negate:
      case opcode::since:
      case opcode::known:
        collect(n.a, out);
        return;
      case opcode::count:
      case opcode::all:
      case opcode::any:
        for (std::uint32_t k = 0; k < n.b; ++k) {
          variables_[n.level] = n.a + k;
          collect(n.c, out);
        }
        return;
      case opcode::constant:
      case opcode::known_object:
        return;
    }
  }

 private:
  value constant(const program_node& n) const noexcept {
    switch (n.type) {
      case value_type::null:
        return null_value();
      case value_type::number: {
        const double d = std::bit_cast<double>(n.constant);
        return number_value(d, d);
      }
      case value_type::string: {
        value v;
        v.s = state::known;
        const auto offset = static_cast<std::size_t>(n.constant >> 32);
        const auto length = static_cast<std::size_t>(n.constant & 0xffffffffu);
        v.text = std::string_view(p_.strings.data() + offset, length);
        return v;
      }
      default: {
        const auto i = static_cast<std::int64_t>(n.constant);
        return integer_value(i, i);
      }
    }
  }

  // A fact as the node reads it: an unknown count is still at least its minimum, and an event
  // dated after as_of has not happened yet.
  value load_fact(const program_node& n) const noexcept {
    const slot& s = record_.at(n.a);
    if (s.state == slot_state::unknown && (n.flags & load_has_minimum) != 0) {
      value v = integer_value(static_cast<std::int64_t>(n.constant), int_max);
      v.exact = false;
      return v;
    }
    value v = load(s, n.type);
    if ((n.flags & load_dated_event) != 0 && v.s == state::known &&
        v.lo > as_of_.days_since_epoch()) {
      return null_value();
    }
    return v;
  }

  value load(const slot& s, value_type type) const noexcept {
    if (s.state == slot_state::unknown) return {};
    if (s.state == slot_state::null) return null_value();
    switch (type) {
      case value_type::boolean:
        return integer_value(s.as_bool() ? 1 : 0, s.as_bool() ? 1 : 0);
      case value_type::integer:
        return integer_value(s.as_integer(), s.as_integer());
      case value_type::number:
        return number_value(s.as_number(), s.as_number());
      case value_type::string: {
        value v;
        v.s = state::known;
        v.text = record_.text(s);
        return v;
      }
      case value_type::date:
        return integer_value(s.as_days(), s.as_days());
      case value_type::enumeration:
        return integer_value(s.as_enum(), s.as_enum());
      case value_type::null:
        return null_value();
    }
    return {};
  }

  // An operand as a number range, whatever its own type.
  value as_number(std::uint32_t node, const value& v) const noexcept {
    if (p_.nodes[node].type != value_type::integer) return v;
    value out = v;
    out.x = static_cast<double>(v.lo);
    out.y = static_cast<double>(v.hi);
    return out;
  }

  truth compare(const program_node& n, const value& a, const value& b) const noexcept {
    if (a.s == state::unknown || b.s == state::unknown) return truth::unknown;
    if (a.s == state::null || b.s == state::null) {
      // A null equals only null, and has no order.
      const truth eq = a.s == b.s ? truth::yes : truth::no;
      if (n.comparison == compare_op::equal) return eq;
      if (n.comparison == compare_op::not_equal) return !eq;
      return truth::no;
    }
    switch (n.operand) {
      case value_type::number: {
        const value l = as_number(n.a, a);
        const value r = as_number(n.b, b);
        return compare_ranges(n.comparison, l.x, l.y, r.x, r.y);
      }
      case value_type::string: {
        const bool eq = a.text == b.text;
        return (n.comparison == compare_op::equal) == eq ? truth::yes : truth::no;
      }
      default:
        return compare_ranges(n.comparison, a.lo, a.hi, b.lo, b.hi);
    }
  }

  truth member(const program_node& n, const value& a) const noexcept {
    truth found = truth::no;
    if (a.s == state::unknown) return truth::unknown;
    if (a.s == state::null) {
      found = (n.flags & member_null) != 0 ? truth::yes : truth::no;
    } else {
      for (std::uint32_t i = 0; i < n.c && found != truth::yes; ++i) {
        const std::uint64_t item = p_.lists[n.b + i];
        truth t = truth::no;
        switch (n.operand) {
          case value_type::number: {
            const double d = std::bit_cast<double>(item);
            const value l = as_number(n.a, a);
            t = compare_ranges(compare_op::equal, l.x, l.y, d, d);
            break;
          }
          case value_type::string: {
            const auto offset = static_cast<std::size_t>(item >> 32);
            const auto length = static_cast<std::size_t>(item & 0xffffffffu);
            t = a.text == std::string_view(p_.strings.data() + offset, length) ? truth::yes
                                                                               : truth::no;
            break;
          }
          default: {
            const auto v = static_cast<std::int64_t>(item);
            t = compare_ranges(compare_op::equal, a.lo, a.hi, v, v);
            break;
          }
        }
        found = found || t;
      }
    }
    return (n.flags & member_negated) != 0 ? !found : found;
  }

  value arithmetic(const program_node& n, const value& a, const value& b) const noexcept {
    if (a.s == state::null || b.s == state::null) return null_value();
    if (a.s == state::unknown || b.s == state::unknown) return {};
    const bool add = n.op == opcode::add;
    if (n.type == value_type::integer) {
      value v = add ? integer_value(add_sat(a.lo, b.lo), add_sat(a.hi, b.hi))
                    : integer_value(sub_sat(a.lo, b.hi), sub_sat(a.hi, b.lo));
      v.exact = a.exact && b.exact;
      return v;
    }
    const value l = as_number(n.a, a);
    const value r = as_number(n.b, b);
    value v = add ? number_value(l.x + r.x, l.y + r.y) : number_value(l.x - r.y, l.y - r.x);
    v.exact = a.exact && b.exact;
    return v;
  }

  value negate(const program_node& n, const value& a) const noexcept {
    if (a.s != state::known) return a;
    value v = a;
    if (n.type == value_type::integer) {
      v.lo = neg_sat(a.hi);
      v.hi = neg_sat(a.lo);
    } else {
      v.x = -a.y;
      v.y = -a.x;
    }
    return v;
  }

  value since(const program_node& n, const value& a) const noexcept {
    if (a.s != state::known) return a;
    // Dates outside the supported range cannot come from a bound record; a slot of the wrong
    // kind (a record bound against another table) reads as unknown rather than as a bad date.
    if (!in_range(a.lo) || !in_range(as_of_.days_since_epoch())) return {};
    const date from = date::from_days(static_cast<std::int32_t>(a.lo));
    const std::int64_t days = days_between(from, as_of_);
    switch (n.unit) {
      case time_unit::days:
        return integer_value(days, days);
      case time_unit::weeks:
        return elapsed(floor_div(days, 7), days % 7 == 0);
      case time_unit::months:
        return elapsed_months(from, 1);
      case time_unit::years:
        return elapsed_months(from, 12);
    }
    return {};
  }

  // An exact time: whole units when `whole`, else strictly between `units` and `units` + 1,
  // carried as units + 0.5 so that every comparison with a whole number comes out right.
  static value elapsed(std::int64_t units, bool whole) noexcept {
    const double x = static_cast<double>(units) + (whole ? 0.0 : 0.5);
    return number_value(x, x);
  }

  // The time from `from` to as_of in steps of `step` calendar months (1 or 12): n whole steps on
  // from + n steps, between n and n + 1 after it. Before `from` the same, counted backwards.
  value elapsed_months(date from, int step) const noexcept {
    const bool forward = !(as_of_ < from);
    const date start = forward ? from : as_of_;
    const date stop = forward ? as_of_ : from;
    const int steps = months_between(start, stop) / step;
    const bool whole = add_months(start, steps * step) == stop;
    if (forward) return elapsed(steps, whole);
    return elapsed(-steps - (whole ? 0 : 1), whole);
  }

  value quantify(const program_node& n) noexcept {
    if constexpr (Trace) {
      // Only a count/all/any outside any other records which keys passed; its body's nodes are
      // evaluated once a key and are not recorded.
      node_outcome* traced =
          depth_ == 0 ? &trace_[static_cast<std::size_t>(&n - p_.nodes.data())] : nullptr;
      ++depth_;
      const value v = quantify_keys(n, traced);
      --depth_;
      return v;
    } else {
      return quantify_keys(n, nullptr);
    }
  }

  value quantify_keys(const program_node& n, [[maybe_unused]] node_outcome* traced) noexcept {
    std::int64_t yes = 0;
    std::int64_t open = 0;
    for (std::uint32_t k = 0; k < n.b; ++k) {
      variables_[n.level] = n.a + k;
      const truth t = truth_of(eval(n.c));
      if constexpr (Trace) {
        if (traced != nullptr && k < 64) {
          const std::uint64_t bit = std::uint64_t{1} << k;
          traced->keys_tested |= bit;
          if (t == truth::yes) traced->keys_yes |= bit;
          if (t == truth::unknown) traced->keys_open |= bit;
        }
      }
      if (t == truth::yes) ++yes;
      if (t == truth::unknown) ++open;
      if (n.op == opcode::all && t == truth::no) return truth_value(truth::no);
      if (n.op == opcode::any && t == truth::yes) return truth_value(truth::yes);
    }
    if (n.op == opcode::count) {
      value v = integer_value(yes, yes + open);
      return v;
    }
    if (open != 0) return {};
    return truth_value(n.op == opcode::all ? truth::yes : truth::no);
  }

  void record(std::uint32_t index, const value& v) noexcept {
    node_outcome& o = trace_[index];
    o.evaluated = true;
    o.state = v.s == state::unknown ? outcome_state::unknown
              : v.s == state::null  ? outcome_state::null
                                    : outcome_state::known;
    o.exact = v.exact;
    o.lo = v.lo;
    o.hi = v.hi;
    o.x = v.x;
    o.y = v.y;
    if (p_.nodes[index].type == value_type::string && v.s == state::known) {
      o.text.assign(v.text);
    }
  }

  const program& p_;
  const bound_record& record_;
  date as_of_;
  std::array<std::uint32_t, max_lambda_depth> variables_{};
  std::span<node_outcome> trace_;
  std::uint32_t depth_ = 0;  // how many count/all/any bodies deep evaluation is
};

}  // namespace

truth evaluate_program(const program& p, const bound_record& record, date as_of,
                       fact_set* unknown) noexcept {
  if (p.nodes.empty()) return truth::unknown;
  evaluator<false> e(p, record, as_of);
  const truth result = truth_of(e.eval(p.root));
  if (unknown != nullptr) {
    unknown->clear();
    if (result == truth::unknown) e.collect(p.root, *unknown);
  }
  return result;
}

truth evaluate_part(const program& p, std::uint32_t node, const bound_record& record,
                    date as_of) noexcept {
  if (node >= p.nodes.size()) return truth::unknown;
  evaluator<false> e(p, record, as_of);
  return truth_of(e.eval(node));
}

truth trace_program(const program& p, const bound_record& record, date as_of,
                    std::vector<node_outcome>& out) {
  out.assign(p.nodes.size(), node_outcome{});
  if (p.nodes.empty()) return truth::unknown;
  evaluator<true> e(p, record, as_of);
  e.trace_into(out);
  return truth_of(e.eval(p.root));
}

}  // namespace qaf::detail
