// The compiled form of a condition: a flat array of nodes whose operands are indices (of other
// nodes, of fact slots, of constants), with every name and string literal resolved at compile
// time. Evaluating walks it with no lookups and no allocation (evaluator.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "expr/syntax_tree.hpp"

namespace qaf::detail {

/// What a node yields. Integers and numbers may be ranges (a count over keys some of which are
/// unknown); the others are single values.
enum class value_type : std::uint8_t { boolean, integer, number, string, date, enumeration, null };

enum class opcode : std::uint8_t {
  constant,       // `constant` holds the value (a string's offset << 32 | length in `strings`)
  load,           // slot a; flags: load_has_minimum (constant), load_dated_event
  load_variable,  // the slot bound to lambda variable a
  logical_not,    // not a
  logical_and,    // operands[a .. a+b)
  logical_or,     // operands[a .. a+b)
  compare,        // a <op> b, both of domain `operand`
  member,         // a in lists[b .. b+c); flags: member_negated, member_null
  add,            // a + b
  subtract,       // a - b
  negate,         // -a
  since,          // the exact time in `unit`s from date a to as_of (evaluator.cpp)
  count,          // over the slots [a, a+b) bound in turn to variable `level`: body c
  all,
  any,
  known,         // whether a is determined
  known_object,  // whether every slot [a, a+b) is known
};

enum class time_unit : std::uint8_t { days, weeks, months, years };

inline constexpr std::uint8_t member_negated = 1;
inline constexpr std::uint8_t member_null = 2;  // the list holds null
/// An integer fact with a declared minimum (`constant`): unknown, it is still known to be at
/// least that, so `a + b + c >= 3` is decided once the known terms reach 3.
inline constexpr std::uint8_t load_has_minimum = 4;
/// A nullable date fact (`placement_suspension_since`): the date of something that happens.
/// Dated after as_of, it has not happened yet and reads as null.
inline constexpr std::uint8_t load_dated_event = 8;

/// How deeply count/all/any may nest inside each other.
inline constexpr std::uint32_t max_lambda_depth = 8;

struct program_node {
  opcode op = opcode::constant;
  value_type type = value_type::boolean;     // what the node yields
  value_type operand = value_type::boolean;  // compare, member: the domain of the operands
  compare_op comparison = compare_op::equal;
  time_unit unit = time_unit::days;
  std::uint8_t flags = 0;
  std::uint8_t level = 0;  // count, all, any: the variable the body reads
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t c = 0;
  std::uint64_t constant = 0;
};

struct program {
  std::vector<program_node> nodes;
  std::vector<std::uint32_t> operands;  // children of and/or
  std::vector<std::uint64_t> lists;     // payloads of in-lists, in the operand's domain
  std::string strings;                  // the text of string constants
  std::uint32_t root = 0;
  /// For explanations only, never read while evaluating: the syntax node each node was compiled
  /// from (an index into the parsed tree), so that a part of a condition can be shown as written.
  std::vector<std::uint32_t> syntax_of;
};

}  // namespace qaf::detail
