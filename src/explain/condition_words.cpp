// A recorded evaluation put into words (qaf/explanation.hpp): the compiled condition is walked
// from its root as the evaluator walked it, and each part gets what it read and a sentence an
// officer would accept. Nothing here runs while rating; only when an explanation is read.
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "expr/condition.hpp"
#include "expr/evaluator.hpp"
#include "pack/pack_data.hpp"
#include "qaf/explanation.hpp"

namespace qaf {

std::string_view to_string(part_result result) noexcept {
  switch (result) {
    case part_result::holds:
      return "holds";
    case part_result::fails:
      return "fails";
    case part_result::unknown:
      return "unknown";
    case part_result::not_evaluated:
      return "not_evaluated";
  }
  return "unknown";
}

condition_trace::condition_trace() noexcept = default;
condition_trace::condition_trace(const condition_trace&) = default;
condition_trace::condition_trace(condition_trace&&) noexcept = default;
condition_trace& condition_trace::operator=(const condition_trace&) = default;
condition_trace& condition_trace::operator=(condition_trace&&) noexcept = default;
condition_trace::~condition_trace() = default;

condition_trace::condition_trace(std::shared_ptr<const detail::pack_data> pack,
                                 const detail::condition& c, date as_of,
                                 std::vector<detail::node_outcome> nodes)
    : pack_(std::move(pack)), condition_(&c), as_of_(as_of), nodes_(std::move(nodes)) {}

namespace detail {
namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::int64_t int_max = std::numeric_limits<std::int64_t>::max();

// "5 March 2026".
std::string date_words(std::int64_t days) {
  if (days < date::min().days_since_epoch() || days > date::max().days_since_epoch()) {
    return std::to_string(days) + " days from 1 January 1970";
  }
  const date d = date::from_days(days);
  return std::to_string(d.day()) + ' ' +
         std::string(month_names[static_cast<std::size_t>(d.month() - 1)]) + ' ' +
         std::to_string(d.year());
}

// A number as a person writes it: 2.5, 100, never 100.000000.
std::string number_words(double x) {
  if (std::isinf(x)) return x > 0 ? "no end" : "minus no end";
  if (x == std::floor(x) && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(x));
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.6g", x);
  return buffer.data();
}

// A snake_case name as words: "requires_improvement" -> "requires improvement".
std::string words(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += i + 1 == items.size() ? std::string(last) : ", ";
    out += items[i];
  }
  return out;
}

class describer {
 public:
  describer(const pack_data& pack, const condition& c, date as_of,
            const std::vector<node_outcome>& nodes)
      : table_(pack.table),
        program_(c.compiled()),
        texts_(c.part_texts()),
        as_of_(as_of),
        nodes_(nodes) {}

  std::vector<condition_part> parts() {
    std::vector<condition_part> out;
    if (program_.nodes.empty() || nodes_.size() != program_.nodes.size()) return out;
    walk(program_.root, 0, true, out);
    return out;
  }

 private:
  const program_node& node(std::uint32_t i) const { return program_.nodes[i]; }
  const node_outcome& outcome(std::uint32_t i) const { return nodes_[i]; }
  std::string text_of(std::uint32_t i) const {
    return i < texts_.size() ? texts_[i].whole : std::string();
  }

  part_result result_of(std::uint32_t i) const {
    const node_outcome& o = outcome(i);
    if (!o.evaluated) return part_result::not_evaluated;
    if (o.state != outcome_state::known || !o.exact) return part_result::unknown;
    return o.lo != 0 ? part_result::holds : part_result::fails;
  }

  // `matters`: whether this part's being unknown leaves the whole condition undecided (its
  // parent is undecided too, up to the root); an unknown part of a decided `and`/`or` does not.
  void walk(std::uint32_t i, std::size_t depth, bool matters, std::vector<condition_part>& out) {
    const program_node& n = node(i);
    condition_part part;
    part.depth = depth;
    part.result = result_of(i);
    part.condition = text_of(i);
    const bool undecided_here = matters && part.result == part_result::unknown;
    switch (n.op) {
      case opcode::logical_and:
      case opcode::logical_or: {
        const bool is_and = n.op == opcode::logical_and;
        part.op = is_and ? "and" : "or";
        part.text = combination_text(is_and, part.result);
        out.push_back(std::move(part));
        for (std::uint32_t k = 0; k < n.b; ++k) {
          walk(program_.operands[n.a + k], depth + 1, undecided_here, out);
        }
        return;
      }
      case opcode::logical_not: {
        part.op = "not";
        part.text = part.result == part_result::not_evaluated ? not_needed()
                    : part.result == part_result::holds ? "this holds, as the part below does not"
                    : part.result == part_result::fails
                        ? "this does not hold, as the part below does"
                        : "not decided, as the part below is not";
        out.push_back(std::move(part));
        walk(n.a, depth + 1, undecided_here, out);
        return;
      }
      default:
        break;
    }
    test(i, part, undecided_here);
    out.push_back(std::move(part));
  }

  static std::string not_needed() {
    return "not needed: the parts before it had already decided the result";
  }

  static std::string combination_text(bool is_and, part_result r) {
    switch (r) {
      case part_result::holds:
        return is_and ? "all of these hold" : "at least one of these holds";
      case part_result::fails:
        return is_and ? "not all of these hold" : "none of these holds";
      case part_result::unknown:
        return is_and ? "not decided: none of these fails, and not all are known"
                      : "not decided: none of these holds, and not all are known";
      case part_result::not_evaluated:
        break;
    }
    return not_needed();
  }

  // A test: a comparison, in, known, all/any, a true-or-false fact, a constant.
  void test(std::uint32_t i, condition_part& part, bool undecided_here) {
    const program_node& n = node(i);
    const std::string unknown_tail =
        undecided_here ? ", so this rule cannot be decided" : ", which does not change the result";
    switch (n.op) {
      case opcode::compare:
        compare(n, part, unknown_tail);
        break;
      case opcode::member:
        member(i, n, part, unknown_tail);
        break;
      case opcode::known:
      case opcode::known_object: {
        part.op = "known";
        part.fact = known_subject(i, n);
        if (n.op == opcode::known) part.value = value_of(n.a);
        const std::string subject = n.op == opcode::known ? subject_words(n.a) : words(part.fact);
        if (part.result == part_result::holds) {
          part.text = subject + " is known" +
                      (n.op == opcode::known ? " (" + value_words(n.a) + ")" : std::string());
        } else if (part.result == part_result::fails) {
          part.text = subject + " is not known";
        }
        break;
      }
      case opcode::all:
      case opcode::any:
        quantifier(i, n, part, unknown_tail);
        break;
      case opcode::constant:
        part.op = "constant";
        part.value = n.constant != 0;
        part.text = n.constant != 0 ? "always holds" : "never holds";
        break;
      default: {
        // A true-or-false fact read on its own: `unregulated`.
        part.op = "is";
        part.fact = text_of(i);
        part.value = value_of(i);
        const std::string subject = subject_words(i);
        if (part.result == part_result::holds) part.text = subject + " is true";
        if (part.result == part_result::fails) part.text = subject + " is false";
        if (part.result == part_result::unknown)
          part.text = subject + " is not known" + unknown_tail;
        break;
      }
    }
    if (part.result == part_result::not_evaluated) {
      part.value = std::monostate{};
      part.text = not_needed();
    }
  }

  std::string known_subject(std::uint32_t i, const program_node& n) const {
    if (n.op == opcode::known) return text_of(n.a);
    // known(key_question_ratings): the whole part is "known(x)".
    std::string whole = text_of(i);
    if (whole.size() > 7) return whole.substr(6, whole.size() - 7);
    return whole;
  }

  // The fact an enumeration node's values come from, when it reads one directly.
  std::optional<std::uint32_t> enum_fact(std::uint32_t i) const {
    const program_node& n = node(i);
    if (n.op == opcode::load && n.a < table_.fact_slots()) return table_.fact_of_slot(n.a);
    return std::nullopt;
  }

  std::string enum_name(std::optional<std::uint32_t> fact, std::int64_t index) const {
    if (fact) {
      const std::vector<std::string>& values = table_.declaration(*fact).values;
      if (index >= 0 && static_cast<std::size_t>(index) < values.size()) {
        return values[static_cast<std::size_t>(index)];
      }
    }
    return "value " + std::to_string(index);
  }

  // The unit a `*_since` node counts in, with a space before it; empty for other nodes.
  std::string unit_of(std::uint32_t i) const {
    const program_node& n = node(i);
    if (n.op != opcode::since) return {};
    switch (n.unit) {
      case time_unit::days:
        return " days";
      case time_unit::weeks:
        return " weeks";
      case time_unit::months:
        return " months";
      case time_unit::years:
        return " years";
    }
    return {};
  }

  // What node i read, as data.
  read_value value_of(std::uint32_t i, std::optional<std::uint32_t> values_from = {}) const {
    const node_outcome& o = outcome(i);
    const program_node& n = node(i);
    if (!o.evaluated || o.state == outcome_state::unknown) return std::monostate{};
    // An unknown count reads as "at least 0" to the evaluator; to a person it is not known.
    if (n.op == opcode::load && !o.exact) return std::monostate{};
    if (o.state == outcome_state::null) return nullptr;
    switch (n.type) {
      case value_type::boolean:
        return o.lo != 0;
      case value_type::integer:
        if (o.exact) return o.lo;
        return value_range{
            static_cast<double>(o.lo),
            o.hi == int_max ? std::nullopt : std::optional<double>(static_cast<double>(o.hi)),
            false};
      case value_type::number:
        if (n.op == opcode::since && n.unit != time_unit::days && o.x != std::floor(o.x)) {
          // n + 0.5 stands for "strictly between n and n + 1" (evaluator.cpp).
          return value_range{std::floor(o.x), std::floor(o.x) + 1, true};
        }
        if (o.exact) return o.x;
        return value_range{o.x, std::isinf(o.y) ? std::nullopt : std::optional<double>(o.y), false};
      case value_type::string:
        return o.text;
      case value_type::date:
        if (o.lo < date::min().days_since_epoch() || o.lo > date::max().days_since_epoch()) {
          return std::monostate{};
        }
        return date::from_days(o.lo);
      case value_type::enumeration:
        return enum_name(values_from ? values_from : enum_fact(i), o.lo);
      case value_type::null:
        return nullptr;
    }
    return std::monostate{};
  }

  // What node i read, in words: "20", "requires improvement", "5 March 2026", "none",
  // "between 2 and 5", "not known".
  std::string value_words(std::uint32_t i, std::optional<std::uint32_t> values_from = {}) const {
    const read_value v = value_of(i, values_from);
    const std::string unit = unit_of(i);
    if (std::holds_alternative<std::monostate>(v)) return "not known";
    if (std::holds_alternative<std::nullptr_t>(v)) return "none";
    if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (const std::int64_t* k = std::get_if<std::int64_t>(&v)) return std::to_string(*k) + unit;
    if (const double* x = std::get_if<double>(&v)) return number_words(*x) + unit;
    if (const date* d = std::get_if<date>(&v)) return date_words(d->days_since_epoch());
    if (const value_range* r = std::get_if<value_range>(&v)) {
      if (!r->to) return "at least " + number_words(r->from) + unit;
      if (r->strictly) {
        return "more than " + number_words(r->from) + " and less than " + number_words(*r->to) +
               unit;
      }
      return "between " + number_words(r->from) + " and " + number_words(*r->to) + unit;
    }
    const std::string& s = std::get<std::string>(v);
    return node(i).type == value_type::enumeration ? words(s) : "'" + s + "'";
  }

  // Who or what a node is, for a sentence: "beds", "key question ratings (safe)", "the pqr
  // level", "the time since placement suspension since (15 February 2024)".
  std::string subject_words(std::uint32_t i) const {
    const program_node& n = node(i);
    switch (n.op) {
      case opcode::load: {
        if (n.a >= table_.fact_slots()) {
          const std::size_t scheme = n.a - table_.fact_slots();
          const std::vector<std::string>& schemes = table_.schemes();
          return "the " + (scheme < schemes.size() ? schemes[scheme] : text_of(i)) + " level";
        }
        const std::uint32_t fact = table_.fact_of_slot(n.a);
        const qaf::fact_declaration& d = table_.declaration(fact);
        if (table_.slot_count(fact) > 1 || !d.keys.empty()) {
          const std::uint32_t key = n.a - table_.first_slot(fact);
          return words(d.name) + " (" + (key < d.keys.size() ? words(d.keys[key]) : "") + ")";
        }
        return words(d.name);
      }
      case opcode::since: {
        const std::string from = subject_words(n.a);
        const node_outcome& o = outcome(n.a);
        const std::string when =
            o.state == outcome_state::known ? " (" + value_words(n.a) + ")" : std::string();
        return "the time from " + from + when + " to " + date_words(as_of_.days_since_epoch());
      }
      case opcode::count: {
        const std::string& object =
            i < texts_.size() ? texts_[i].object : std::string("the values");
        const std::string& t = i < texts_.size() ? texts_[i].test : std::string();
        return "the number of " + words(object) + " meeting " + t;
      }
      default:
        return text_of(i);
    }
  }

  // The other side of a comparison in words: a constant as its value ("6", "inadequate",
  // "1 March 2024"), anything else as its text and value ("ehcp_children (4)").
  std::string operand_words(std::uint32_t i, std::optional<std::uint32_t> values_from,
                            const std::string& unit) const {
    const program_node& n = node(i);
    if (n.op == opcode::constant) {
      const node_outcome& o = outcome(i);
      if (o.state == outcome_state::null) return "none";
      switch (n.type) {
        case value_type::date:
          return date_words(o.lo);
        case value_type::enumeration:
          return words(enum_name(values_from, o.lo));
        case value_type::string:
          return text_of(i);
        case value_type::number:
          return number_words(o.x) + unit;
        case value_type::integer:
          return std::to_string(o.lo) + unit;
        default:
          return o.lo != 0 ? "true" : "false";
      }
    }
    if (n.op == opcode::negate && node(n.a).op == opcode::constant) return text_of(i) + unit;
    return subject_words(i) + " (" + value_words(i, values_from) + ")";
  }

  // "more than 6" when it holds, "not more than 6" when it does not.
  static std::string order_phrase(compare_op op, bool holds, const std::string& other) {
    switch (op) {
      case compare_op::greater:
        return (holds ? "more than " : "not more than ") + other;
      case compare_op::greater_equal:
        return (holds ? "at least " : "less than ") + other;
      case compare_op::less:
        return (holds ? "less than " : "not less than ") + other;
      case compare_op::less_equal:
        return (holds ? "at most " : "more than ") + other;
      case compare_op::equal:
        return (holds ? "equal to " : "not ") + other;
      case compare_op::not_equal:
        return (holds ? "not " : "equal to ") + other;
    }
    return other;
  }

  void compare(const program_node& n, condition_part& part, const std::string& unknown_tail) {
    // The side that reads the record is the subject; a constant written first ("6 < beds") is
    // still the operand, with the comparison turned round.
    std::uint32_t left = n.a;
    std::uint32_t right = n.b;
    compare_op op = n.comparison;
    if (node(left).op == opcode::constant && node(right).op != opcode::constant) {
      std::swap(left, right);
      switch (op) {
        case compare_op::less:
          op = compare_op::greater;
          break;
        case compare_op::less_equal:
          op = compare_op::greater_equal;
          break;
        case compare_op::greater:
          op = compare_op::less;
          break;
        case compare_op::greater_equal:
          op = compare_op::less_equal;
          break;
        default:
          break;
      }
    }
    part.op = std::string(compare_symbol(op));
    part.fact = text_of(left);
    const std::optional<std::uint32_t> values =
        n.operand == value_type::enumeration
            ? (enum_fact(left) ? enum_fact(left) : enum_fact(right))
            : std::nullopt;
    part.value = value_of(left, values);
    part.operand = text_of(right);
    const std::string unit = unit_of(left).empty() ? unit_of(right) : unit_of(left);
    const std::string subject = subject_words(left);
    const std::string other = operand_words(right, values, unit);
    const node_outcome& lo = outcome(left);
    const node_outcome& ro = outcome(right);
    if (part.result == part_result::not_evaluated) return;
    if (std::holds_alternative<std::monostate>(part.value)) {
      // An unknown count still decides `beds >= 0`: it is never below its minimum.
      if (part.result == part_result::holds || part.result == part_result::fails) {
        part.text = subject + " is not known, but it is never less than " + std::to_string(lo.lo) +
                    ", so this " + (part.result == part_result::holds ? "holds" : "does not hold");
      } else {
        part.text = subject + " is not known" + unknown_tail;
      }
      return;
    }
    if (std::holds_alternative<std::monostate>(value_of(right, values))) {
      part.text = subject + " is " + value_words(left, values) + ", but " + subject_words(right) +
                  " is not known" + unknown_tail;
      return;
    }
    const std::string is = subject + " is " + value_words(left, values);
    if (part.result == part_result::unknown) {
      part.text = is + ", so whether it is " + order_phrase(op, true, other) + " is not known" +
                  unknown_tail;
      return;
    }
    const bool holds = part.result == part_result::holds;
    if (op == compare_op::equal && holds && node(right).op == opcode::constant) {
      part.text = is;
      return;
    }
    if ((lo.state == outcome_state::null || ro.state == outcome_state::null) &&
        op != compare_op::equal && op != compare_op::not_equal) {
      part.text = is + ", so it is not " + order_phrase(op, true, other);
      return;
    }
    part.text = is + ", " + order_phrase(op, holds, other);
  }

  void member(std::uint32_t i, const program_node& n, condition_part& part,
              const std::string& unknown_tail) {
    const bool negated = (n.flags & member_negated) != 0;
    part.op = negated ? "not in" : "in";
    part.fact = text_of(n.a);
    const std::optional<std::uint32_t> values = enum_fact(n.a);
    part.value = value_of(n.a, values);
    const std::string whole = text_of(i);
    const std::string prefix = part.fact + (negated ? " not in " : " in ");
    part.operand = whole.compare(0, prefix.size(), prefix) == 0 ? whole.substr(prefix.size()) : "";
    if (part.result == part_result::not_evaluated) return;
    const std::string subject = subject_words(n.a);
    const node_outcome& o = outcome(n.a);
    if (o.state == outcome_state::unknown) {
      part.text = subject + " is not known" + unknown_tail;
      return;
    }
    std::vector<std::string> items;
    const std::string unit = unit_of(n.a);
    for (std::uint32_t k = 0; k < n.c; ++k) {
      const std::uint64_t item = program_.lists[n.b + k];
      switch (n.operand) {
        case value_type::date:
          items.push_back(date_words(static_cast<std::int64_t>(item)));
          break;
        case value_type::enumeration:
          items.push_back(words(enum_name(values, static_cast<std::int64_t>(item))));
          break;
        case value_type::number:
          items.push_back(number_words(std::bit_cast<double>(item)) + unit);
          break;
        case value_type::string: {
          const auto offset = static_cast<std::size_t>(item >> 32);
          const auto length = static_cast<std::size_t>(item & 0xffffffffu);
          items.push_back("'" + program_.strings.substr(offset, length) + "'");
          break;
        }
        case value_type::boolean:
          items.emplace_back(item != 0 ? "true" : "false");
          break;
        default:
          items.push_back(std::to_string(static_cast<std::int64_t>(item)) + unit);
          break;
      }
    }
    if ((n.flags & member_null) != 0) items.emplace_back("none");
    const std::string is = subject + " is " + value_words(n.a, values);
    if (part.result == part_result::unknown) {
      part.text = is + ", so whether it is one of " + joined(items, " or ") + " is not known" +
                  unknown_tail;
      return;
    }
    const bool found = (part.result == part_result::holds) != negated;
    if (found) {
      part.text = items.size() == 1 ? is : is + ", one of " + joined(items, " and ");
    } else {
      part.text = is + (items.size() == 1 ? ", not " : ", none of ") + joined(items, ", ");
    }
  }

  void quantifier(std::uint32_t i, const program_node& n, condition_part& part,
                  const std::string& unknown_tail) {
    const bool is_all = n.op == opcode::all;
    part.op = is_all ? "all" : "any";
    const std::string object = i < texts_.size() ? texts_[i].object : std::string();
    const std::string t = i < texts_.size() ? texts_[i].test : std::string();
    part.fact = object;
    part.operand = t;
    if (part.result == part_result::not_evaluated) return;
    const node_outcome& o = outcome(i);
    const std::uint32_t fact = table_.fact_of_slot(n.a);
    const std::vector<std::string>& keys = table_.declaration(fact).keys;
    std::vector<std::string> passed;
    std::vector<std::string> failed;
    std::vector<std::string> open;
    for (std::uint32_t k = 0; k < n.b && k < 64; ++k) {
      const std::uint64_t bit = std::uint64_t{1} << k;
      if ((o.keys_tested & bit) == 0) continue;
      const std::string key = k < keys.size() ? words(keys[k]) : std::to_string(k);
      if ((o.keys_yes & bit) != 0) {
        passed.push_back(key);
      } else if ((o.keys_open & bit) != 0) {
        open.push_back(key);
      } else {
        failed.push_back(key);
      }
    }
    part.value = static_cast<std::int64_t>(passed.size());
    const std::string subject = words(object) + ": ";
    const auto verb = [](const std::vector<std::string>& who, bool yes) {
      return joined(who, " and ") + (who.size() == 1 ? (yes ? " meets " : " does not meet ")
                                                     : (yes ? " meet " : " do not meet "));
    };
    switch (part.result) {
      case part_result::holds:
        part.text = subject + (is_all ? "every one meets " + t : verb(passed, true) + t);
        break;
      case part_result::fails:
        part.text = subject + (is_all ? verb(failed, false) + t : "none meets " + t);
        break;
      default:
        part.text = subject + (is_all ? "every one known meets " : "none known meets ") + t + "; " +
                    joined(open, " and ") + (open.size() == 1 ? " is" : " are") + " not known" +
                    unknown_tail;
        break;
    }
  }

  const fact_table& table_;
  const program& program_;
  std::span<const condition::part_text> texts_;
  date as_of_;
  const std::vector<node_outcome>& nodes_;
};

}  // namespace
}  // namespace detail

std::vector<condition_part> condition_trace::parts() const {
  if (condition_ == nullptr || !pack_) return {};
  return detail::describer(*pack_, *condition_, as_of_, nodes_).parts();
}

}  // namespace qaf
