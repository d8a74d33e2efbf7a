#include <array>
#include <charconv>
#include <string>

#include "expr/syntax_tree.hpp"

namespace qaf::detail {
namespace {

// Binding strength, loosest first; a child weaker than its place needs parentheses.
enum level : int {
  or_level = 1,
  and_level,
  not_level,
  compare_level,
  sum_level,
  unary_level,
  atom
};

level level_of(syntax_kind kind) {
  switch (kind) {
    case syntax_kind::logical_or:
      return or_level;
    case syntax_kind::logical_and:
      return and_level;
    case syntax_kind::logical_not:
      return not_level;
    case syntax_kind::compare:
    case syntax_kind::in:
    case syntax_kind::not_in:
      return compare_level;
    case syntax_kind::add:
    case syntax_kind::subtract:
      return sum_level;
    case syntax_kind::negate:
      return unary_level;
    default:
      return atom;
  }
}

std::string decimal_text(double v) {
  // Fixed notation, shortest digits that read back to the same double; always with a point so
  // that it reads back as a decimal.
  std::array<char, 512> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), v, std::chars_format::fixed);
  std::string text(buffer.data(), result.ptr);
  if (text.find('.') == std::string::npos) text += ".0";
  return text;
}

std::string string_text(const std::string& value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

class printer {
 public:
  explicit printer(const syntax_tree& tree) : tree_(tree) {}

  std::string print(std::uint32_t index, int min_level) const {
    const syntax_node& node = tree_.nodes[index];
    std::string text = render(node);
    if (level_of(node.kind) < min_level) return '(' + text + ')';
    return text;
  }

 private:
  std::string render(const syntax_node& node) const {
    const auto child = [&](std::size_t i, int min_level) {
      return print(node.children[i], min_level);
    };
    switch (node.kind) {
      case syntax_kind::boolean:
        return node.boolean ? "true" : "false";
      case syntax_kind::integer:
        return std::to_string(node.integer);
      case syntax_kind::decimal:
        return decimal_text(node.decimal);
      case syntax_kind::string:
        return string_text(node.text);
      case syntax_kind::null:
        return "null";
      case syntax_kind::name:
        return node.text;
      case syntax_kind::call: {
        std::string out = node.text + '(';
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          if (i != 0) out += ", ";
          out += child(i, or_level);
        }
        return out + ')';
      }
      case syntax_kind::lambda:
        return node.text + " -> " + child(0, or_level);
      case syntax_kind::list: {
        std::string out = "[";
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          if (i != 0) out += ", ";
          out += child(i, atom);
        }
        return out + ']';
      }
      case syntax_kind::logical_not:
        return "not " + child(0, not_level);
      case syntax_kind::negate: {
        // "-6" would read back as the literal -6, not as the negation of 6: keep the brackets.
        const syntax_node& operand = tree_.nodes[node.children[0]];
        const bool literal =
            operand.kind == syntax_kind::integer || operand.kind == syntax_kind::decimal;
        std::string text = child(0, unary_level);
        if (literal && text.front() != '-') return "-(" + text + ')';
        return '-' + text;
      }
      case syntax_kind::logical_and:
      case syntax_kind::logical_or: {
        const bool is_and = node.kind == syntax_kind::logical_and;
        std::string out;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          if (i != 0) out += is_and ? " and " : " or ";
          out += child(i, is_and ? not_level : and_level);
        }
        return out;
      }
      case syntax_kind::compare:
        return child(0, sum_level) + ' ' + std::string(compare_symbol(node.op)) + ' ' +
               child(1, sum_level);
      case syntax_kind::add:
      case syntax_kind::subtract:
        return child(0, sum_level) + (node.kind == syntax_kind::add ? " + " : " - ") +
               child(1, unary_level);
      case syntax_kind::in:
        return child(0, sum_level) + " in " + child(1, atom);
      case syntax_kind::not_in:
        return child(0, sum_level) + " not in " + child(1, atom);
    }
    return {};
  }

  const syntax_tree& tree_;
};

}  // namespace

std::string print_condition(const syntax_tree& tree) {
  if (tree.nodes.empty()) return {};
  return printer(tree).print(tree.root, or_level);
}

std::string print_condition(const syntax_tree& tree, std::uint32_t node) {
  if (node >= tree.nodes.size()) return {};
  return printer(tree).print(node, or_level);
}

}  // namespace qaf::detail
