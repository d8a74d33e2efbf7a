// A parsed condition before names and types are checked: what the parser builds, the checker
// compiles and the printer prints back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/token.hpp"

namespace qaf::detail {

enum class syntax_kind : std::uint8_t {
  boolean,      // true, false
  integer,      // 6, -1
  decimal,      // 2.5
  string,       // 'childrens_home'
  null,         // null
  name,         // beds, key_question_ratings.safe, or a lambda parameter
  call,         // months_since(d), all(o, r -> p): text is the function, children the arguments
  lambda,       // r -> p: text is the parameter, the one child the body
  list,         // [a, b]: children are literals
  logical_not,  // not a
  negate,       // -a
  logical_and,  // a and b and ...: two or more children
  logical_or,   // a or b or ...
  compare,      // a op b
  add,          // a + b
  subtract,     // a - b
  in,           // a in [list]
  not_in,       // a not in [list]
};

enum class compare_op : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

/// "==", "!=", "<", "<=", ">", ">=".
std::string_view compare_symbol(compare_op op) noexcept;

struct syntax_node {
  syntax_kind kind = syntax_kind::null;
  compare_op op = compare_op::equal;
  std::size_t offset = 0;  // the node's own token: the name, literal or operator (bytes)
  std::size_t start = 0;   // the first character of the whole expression (bytes)
  std::string text;        // name, function, lambda parameter or string value
  std::int64_t integer = 0;
  double decimal = 0;
  bool boolean = false;
  int depth = 1;  // 1 + the deepest child's depth
  std::vector<std::uint32_t> children;
};

struct syntax_tree {
  std::vector<syntax_node> nodes;
  std::uint32_t root = 0;
};

/// The deepest a condition may nest (parentheses, operators, function calls); deeper input is a
/// syntax error, so that checking and evaluating can recurse without running out of stack.
inline constexpr int max_condition_depth = 64;

/// Parses a whole condition; on a syntax error fills `error` and returns false.
bool parse_condition(std::string_view text, syntax_tree& out, syntax_error& error);

/// The condition as canonical text: keywords (and, or, not), single quotes, one space around
/// operators, parentheses only where needed. Parsing the result gives the same text again.
std::string print_condition(const syntax_tree& tree);
/// One node of the tree (with its children) as canonical text.
std::string print_condition(const syntax_tree& tree, std::uint32_t node);

}  // namespace qaf::detail
