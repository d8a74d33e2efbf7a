// Recursive descent over the grammar in docs/conditions.md:
//
//   condition  = or_expr
//   or_expr    = and_expr { ("or" | "||") and_expr }
//   and_expr   = not_expr { ("and" | "&&") not_expr }
//   not_expr   = ("not" | "!") not_expr | comparison
//   comparison = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum
//                    | ["not"] "in" list ]
//   sum        = unary { ("+" | "-") unary }
//   unary      = "-" unary | primary
//   primary    = literal | name | name "(" [ argument { "," argument } ] ")" | "(" or_expr ")"
//   argument   = name "->" or_expr | or_expr
//   list       = "[" item { "," item } [","] "]"      item = literal, a number may have a "-"
#include <utility>

#include "expr/syntax_tree.hpp"
#include "facts/message_text.hpp"

namespace qaf::detail {
namespace {

bool is_comparison(token_kind k) {
  return k == token_kind::equal || k == token_kind::not_equal || k == token_kind::less ||
         k == token_kind::less_equal || k == token_kind::greater || k == token_kind::greater_equal;
}

compare_op to_compare_op(token_kind k) {
  switch (k) {
    case token_kind::not_equal:
      return compare_op::not_equal;
    case token_kind::less:
      return compare_op::less;
    case token_kind::less_equal:
      return compare_op::less_equal;
    case token_kind::greater:
      return compare_op::greater;
    case token_kind::greater_equal:
      return compare_op::greater_equal;
    default:
      return compare_op::equal;
  }
}

// Thrown inside the parser only, caught by parse_condition: unwinds the recursion on the first
// syntax error.
struct parse_failure {
  syntax_error error;
};

class parser {
 public:
  parser(std::string_view text, std::vector<token> tokens, syntax_tree& tree)
      : text_(text), tokens_(std::move(tokens)), tree_(tree) {}

  void run() {
    tree_.nodes.clear();
    tree_.root = parse_or();
    if (current().kind != token_kind::end) {
      if (current().kind == token_kind::right_paren) {
        fail(current().offset, "this ')' closes nothing");
      }
      if (current().kind == token_kind::arrow) {
        fail(current().offset, "'->' belongs inside count(...), all(...) or any(...)");
      }
      fail(current().offset,
           "expected 'and', 'or' or the end of the condition, found " + describe(current()));
    }
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string message) {
    throw parse_failure{{offset, std::move(message)}};
  }

  const token& current() const { return tokens_[pos_]; }
  const token& ahead(std::size_t n) const {
    return tokens_[pos_ + n < tokens_.size() ? pos_ + n : tokens_.size() - 1];
  }
  const token& advance() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  std::string describe(const token& t) const {
    if (t.kind == token_kind::end) return "the end of the condition";
    std::string_view source = text_.substr(t.offset, t.length);
    if (source.size() > 40) return single_quoted(source.substr(0, 40)) + "...";
    return single_quoted(source);
  }

  // Guards the recursion: every nested or_expr, not and unary minus goes through here.
  struct depth_guard {
    explicit depth_guard(parser& p, std::size_t offset) : p_(p) {
      if (++p_.depth_ > max_condition_depth) {
        p_.fail(offset, "the condition is nested too deeply (more than " +
                            std::to_string(max_condition_depth) + " levels)");
      }
    }
    ~depth_guard() { --p_.depth_; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;
    parser& p_;
  };

  std::uint32_t make(syntax_node node) {
    for (const std::uint32_t child : node.children) {
      node.depth = std::max(node.depth, tree_.nodes[child].depth + 1);
    }
    if (node.depth > max_condition_depth) {
      fail(node.offset, "the condition is nested too deeply (more than " +
                            std::to_string(max_condition_depth) + " levels)");
    }
    tree_.nodes.push_back(std::move(node));
    return static_cast<std::uint32_t>(tree_.nodes.size() - 1);
  }

  std::size_t start_of(std::uint32_t node) const { return tree_.nodes[node].start; }

  std::uint32_t parse_or() {
    const depth_guard guard(*this, current().offset);
    const std::uint32_t first = parse_and();
    if (current().kind != token_kind::kw_or) return first;
    syntax_node node;
    node.kind = syntax_kind::logical_or;
    node.offset = current().offset;
    node.start = start_of(first);
    node.children.push_back(first);
    while (current().kind == token_kind::kw_or) {
      advance();
      node.children.push_back(parse_and());
    }
    return make(std::move(node));
  }

  std::uint32_t parse_and() {
    const std::uint32_t first = parse_not();
    if (current().kind != token_kind::kw_and) return first;
    syntax_node node;
    node.kind = syntax_kind::logical_and;
    node.offset = current().offset;
    node.start = start_of(first);
    node.children.push_back(first);
    while (current().kind == token_kind::kw_and) {
      advance();
      node.children.push_back(parse_not());
    }
    return make(std::move(node));
  }

  std::uint32_t parse_not() {
    if (current().kind != token_kind::kw_not) return parse_comparison();
    const token& op = advance();
    if (current().kind == token_kind::kw_in) {
      fail(op.offset, "'not in' needs a value before it, as in: service_type not in ['a', 'b']");
    }
    const depth_guard guard(*this, op.offset);
    syntax_node node;
    node.kind = syntax_kind::logical_not;
    node.offset = op.offset;
    node.start = op.offset;
    node.children.push_back(parse_not());
    return make(std::move(node));
  }

  std::uint32_t parse_comparison() {
    const std::uint32_t left = parse_sum();
    syntax_node node;
    node.start = start_of(left);
    node.children.push_back(left);
    const token_kind k = current().kind;
    if (is_comparison(k)) {
      node.kind = syntax_kind::compare;
      node.op = to_compare_op(k);
      node.offset = advance().offset;
      node.children.push_back(parse_sum());
    } else if (k == token_kind::kw_in ||
               (k == token_kind::kw_not && ahead(1).kind == token_kind::kw_in)) {
      node.kind = k == token_kind::kw_in ? syntax_kind::in : syntax_kind::not_in;
      node.offset = advance().offset;
      if (node.kind == syntax_kind::not_in) advance();
      node.children.push_back(parse_list());
    } else {
      if (k == token_kind::kw_not) {
        fail(current().offset,
             "'not' goes before what it negates, as in: not unregulated; "
             "after a value only 'not in' may follow");
      }
      return left;
    }
    if (is_comparison(current().kind) || current().kind == token_kind::kw_in ||
        (current().kind == token_kind::kw_not && ahead(1).kind == token_kind::kw_in)) {
      fail(current().offset,
           "comparisons cannot be chained; join them with 'and', as in: beds > 2 and beds < 7");
    }
    return make(std::move(node));
  }

  std::uint32_t parse_sum() {
    std::uint32_t left = parse_unary();
    while (current().kind == token_kind::plus || current().kind == token_kind::minus) {
      syntax_node node;
      node.kind = current().kind == token_kind::plus ? syntax_kind::add : syntax_kind::subtract;
      node.offset = advance().offset;
      node.start = start_of(left);
      node.children.push_back(left);
      node.children.push_back(parse_unary());
      left = make(std::move(node));
    }
    return left;
  }

  std::uint32_t parse_unary() {
    if (current().kind != token_kind::minus) return parse_primary();
    const token& op = advance();
    if (current().kind == token_kind::integer || current().kind == token_kind::decimal) {
      return negative_literal(op);
    }
    const depth_guard guard(*this, op.offset);
    syntax_node node;
    node.kind = syntax_kind::negate;
    node.offset = op.offset;
    node.start = op.offset;
    node.children.push_back(parse_unary());
    return make(std::move(node));
  }

  // "-6" is one literal, so that lists may hold negative numbers and printing is stable.
  std::uint32_t negative_literal(const token& minus) {
    const token& number = advance();
    syntax_node node;
    node.offset = minus.offset;
    node.start = minus.offset;
    if (number.kind == token_kind::integer) {
      node.kind = syntax_kind::integer;
      node.integer = -number.integer;
    } else {
      node.kind = syntax_kind::decimal;
      node.decimal = -number.decimal;
    }
    return make(std::move(node));
  }

  std::uint32_t literal(const token& t) {
    syntax_node node;
    node.offset = t.offset;
    node.start = t.offset;
    switch (t.kind) {
      case token_kind::integer:
        node.kind = syntax_kind::integer;
        node.integer = t.integer;
        break;
      case token_kind::decimal:
        node.kind = syntax_kind::decimal;
        node.decimal = t.decimal;
        break;
      case token_kind::string:
        node.kind = syntax_kind::string;
        node.text = t.text;
        break;
      case token_kind::kw_true:
      case token_kind::kw_false:
        node.kind = syntax_kind::boolean;
        node.boolean = t.kind == token_kind::kw_true;
        break;
      default:
        node.kind = syntax_kind::null;
        break;
    }
    return make(std::move(node));
  }

  std::uint32_t parse_primary() {
    const token& t = current();
    switch (t.kind) {
      case token_kind::integer:
      case token_kind::decimal:
      case token_kind::string:
      case token_kind::kw_true:
      case token_kind::kw_false:
      case token_kind::kw_null:
        return literal(advance());
      case token_kind::identifier:
        if (ahead(1).kind == token_kind::left_paren) return parse_call();
        if (ahead(1).kind == token_kind::arrow) {
          fail(ahead(1).offset, "'->' belongs inside count(...), all(...) or any(...)");
        }
        {
          syntax_node node;
          node.kind = syntax_kind::name;
          node.offset = t.offset;
          node.start = t.offset;
          node.text = advance().text;
          return make(std::move(node));
        }
      case token_kind::left_paren: {
        const token& open = advance();
        const std::uint32_t inner = parse_or();
        if (current().kind != token_kind::right_paren) {
          fail(current().offset, "expected ')' to close the '(' at column " +
                                     std::to_string(column_of(open.offset)) + ", found " +
                                     describe(current()));
        }
        advance();
        // Parentheses only group: the inner expression starts where the '(' does.
        tree_.nodes[inner].start = open.offset;
        return inner;
      }
      case token_kind::left_bracket:
        fail(t.offset, "a list [...] may only follow 'in' or 'not in'");
      default:
        fail(t.offset, "expected a fact, a value or '(', found " + describe(t));
    }
  }

  std::uint32_t parse_call() {
    syntax_node node;
    node.kind = syntax_kind::call;
    node.offset = current().offset;
    node.start = current().offset;
    node.text = advance().text;
    const token& open = advance();  // (
    const depth_guard guard(*this, open.offset);
    if (current().kind != token_kind::right_paren) {
      while (true) {
        node.children.push_back(parse_argument());
        if (current().kind == token_kind::comma) {
          advance();
          continue;
        }
        if (current().kind == token_kind::right_paren) break;
        fail(current().offset, "expected ',' or ')' after an argument of " + node.text +
                                   ", found " + describe(current()));
      }
    }
    advance();  // )
    return make(std::move(node));
  }

  std::uint32_t parse_argument() {
    if (current().kind != token_kind::identifier || ahead(1).kind != token_kind::arrow) {
      return parse_or();
    }
    syntax_node node;
    node.kind = syntax_kind::lambda;
    node.offset = current().offset;
    node.start = current().offset;
    node.text = advance().text;
    if (node.text.find('.') != std::string::npos) {
      fail(node.offset, "the name before '->' is a new name for each value, without a '.'");
    }
    advance();  // ->
    node.children.push_back(parse_or());
    return make(std::move(node));
  }

  std::uint32_t parse_list() {
    if (current().kind != token_kind::left_bracket) {
      fail(current().offset, "expected a list after 'in', as in: ['good', 'outstanding']; found " +
                                 describe(current()));
    }
    syntax_node node;
    node.kind = syntax_kind::list;
    node.offset = current().offset;
    node.start = current().offset;
    advance();
    if (current().kind == token_kind::right_bracket) {
      fail(current().offset, "a list needs at least one value");
    }
    while (current().kind != token_kind::right_bracket) {
      node.children.push_back(parse_item());
      if (current().kind == token_kind::comma) {
        advance();
        continue;
      }
      if (current().kind != token_kind::right_bracket) {
        fail(current().offset, "expected ',' or ']' in the list, found " + describe(current()));
      }
    }
    advance();  // ]
    return make(std::move(node));
  }

  std::uint32_t parse_item() {
    const token& t = current();
    switch (t.kind) {
      case token_kind::minus:
        if (ahead(1).kind == token_kind::integer || ahead(1).kind == token_kind::decimal) {
          return negative_literal(advance());
        }
        break;
      case token_kind::integer:
      case token_kind::decimal:
      case token_kind::string:
      case token_kind::kw_true:
      case token_kind::kw_false:
      case token_kind::kw_null:
        return literal(advance());
      default:
        break;
    }
    fail(t.offset, "a list holds values ('text', numbers, true, false, null), not " + describe(t));
  }

  std::size_t column_of(std::size_t offset) const {
    return character_count(text_.substr(0, offset)) + 1;
  }

  std::string_view text_;
  std::vector<token> tokens_;
  syntax_tree& tree_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::string_view compare_symbol(compare_op op) noexcept {
  switch (op) {
    case compare_op::equal:
      return "==";
    case compare_op::not_equal:
      return "!=";
    case compare_op::less:
      return "<";
    case compare_op::less_equal:
      return "<=";
    case compare_op::greater:
      return ">";
    case compare_op::greater_equal:
      return ">=";
  }
  return "==";
}

bool parse_condition(std::string_view text, syntax_tree& out, syntax_error& error) {
  std::vector<token> tokens;
  if (!tokenize(text, tokens, error)) return false;
  try {
    parser(text, std::move(tokens), out).run();
  } catch (const parse_failure& failure) {
    error = failure.error;
    return false;
  }
  return true;
}

}  // namespace qaf::detail
