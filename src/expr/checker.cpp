#include "expr/checker.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <string>

#include "expr/condition_error.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"
#include "qaf/date.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view code_unknown_fact = "qaf.condition.unknown_fact";
constexpr std::string_view code_unknown_function = "qaf.condition.unknown_function";
constexpr std::string_view code_type = "qaf.condition.type";
constexpr std::string_view code_value = "qaf.condition.value";

enum class function_id : std::uint8_t {
  days_since,
  weeks_since,
  months_since,
  years_since,
  count,
  all,
  any,
  known,
  level,
  outcome
};

struct function_entry {
  std::string_view name;
  function_id id;
};

constexpr function_entry functions[] = {
    {"days_since", function_id::days_since},
    {"weeks_since", function_id::weeks_since},
    {"months_since", function_id::months_since},
    {"years_since", function_id::years_since},
    {"count", function_id::count},
    {"all", function_id::all},
    {"any", function_id::any},
    {"known", function_id::known},
    {"level", function_id::level},
    {"outcome", function_id::outcome},
};

std::optional<function_id> find_function(std::string_view name) {
  for (const function_entry& f : functions) {
    if (f.name == name) return f.id;
  }
  return std::nullopt;
}

// What the checker knows of a checked expression.
enum class kind : std::uint8_t {
  error,  // already reported: callers stay quiet about it
  boolean,
  integer,
  number,
  string,
  date,
  enumeration,
  null,
  object,
};

struct checked {
  kind type = kind::error;
  bool nullable = false;
  bool literal = false;    // a literal, which a comparison may read as an enum value or a date
  std::uint32_t fact = 0;  // enumeration: the fact whose values these are; object: the fact
  std::uint32_t node = 0;  // the program node (not for error or object)
  std::uint32_t syntax = 0;
};

bool is_numeric(kind k) { return k == kind::integer || k == kind::number; }

value_type to_value_type(kind k) {
  switch (k) {
    case kind::boolean:
      return value_type::boolean;
    case kind::integer:
      return value_type::integer;
    case kind::number:
      return value_type::number;
    case kind::string:
      return value_type::string;
    case kind::date:
      return value_type::date;
    case kind::enumeration:
      return value_type::enumeration;
    default:
      return value_type::null;
  }
}

class checker {
 public:
  checker(const fact_table& table, std::string_view text, std::string_view pointer,
          const syntax_tree& tree, program& prog, std::vector<std::uint32_t>& facts_read,
          std::vector<diagnostic>& out)
      : table_(table),
        text_(text),
        pointer_(pointer),
        tree_(tree),
        prog_(prog),
        facts_(facts_read),
        out_(out) {}

  bool run() {
    prog_ = program{};
    facts_.clear();
    const checked root = check(tree_.root);
    if (root.type != kind::error && root.type != kind::boolean) {
      reject_object_or(root, [&] {
        error(code_type, syntax(tree_.root).start,
              "a condition must come out true or false; this one is " + type_name(root));
      });
    }
    prog_.root = root.node;
    std::sort(facts_.begin(), facts_.end());
    facts_.erase(std::unique(facts_.begin(), facts_.end()), facts_.end());
    return !failed_;
  }

 private:
  struct variable {
    std::string name;
    std::uint32_t fact;
    std::uint8_t level;
    bool usable;  // false when the quantifier's object was wrong (already reported)
  };

  const syntax_node& syntax(std::uint32_t index) const { return tree_.nodes[index]; }

  void error(std::string_view code, std::size_t offset, const std::string& reason) {
    out_.push_back(condition_diagnostic(code, pointer_, text_, offset, reason));
    failed_ = true;
  }

  // An object fact where a value belongs gets one message wherever it stands.
  template <class Otherwise>
  void reject_object_or(const checked& c, Otherwise otherwise) {
    if (c.type == kind::object) {
      const std::string& name = table_.declaration(c.fact).name;
      const std::string& key = table_.declaration(c.fact).keys.front();
      error(code_type, syntax(c.syntax).offset,
            name + " has a value for each of its keys; name one (" + name + '.' + key +
                ") or test them all with all(...), any(...) or count(...)");
    } else {
      otherwise();
    }
  }

  std::string label(const checked& c) const {
    std::string text = print_condition(tree_, c.syntax);
    if (character_count(text) > 40) return "this";
    return printable(text);
  }

  std::string type_name(const checked& c) const {
    switch (c.type) {
      case kind::boolean:
        return "true or false";
      case kind::integer:
        return "an integer";
      case kind::number:
        return "a number";
      case kind::string:
        return "text";
      case kind::date:
        return "a date";
      case kind::enumeration:
        return "a value of " + table_.declaration(c.fact).name;
      case kind::null:
        return "null";
      case kind::object:
        return "an object";
      case kind::error:
        break;
    }
    return "invalid";
  }

  // "beds, an integer" / "'six', text".
  std::string describe(const checked& c) const {
    const std::string l = label(c);
    if (l == "this") return type_name(c);
    return l + " (" + type_name(c) + ')';
  }

  std::uint32_t emit(program_node node) {
    prog_.nodes.push_back(node);
    return static_cast<std::uint32_t>(prog_.nodes.size() - 1);
  }

  checked make(kind type, std::uint32_t node, std::uint32_t syntax_index, bool nullable = false,
               std::uint32_t fact = 0) {
    if (prog_.syntax_of.size() <= node) prog_.syntax_of.resize(node + 1);
    prog_.syntax_of[node] = syntax_index;
    checked c;
    c.type = type;
    c.node = node;
    c.syntax = syntax_index;
    c.nullable = nullable;
    c.fact = fact;
    return c;
  }

  checked failed(std::uint32_t syntax_index) {
    checked c;
    c.syntax = syntax_index;
    return c;
  }

  // A fact whose declaration was rejected (and reported there): the condition cannot compile,
  // but saying "unknown fact" as well would report one mistake twice.
  checked rejected(std::uint32_t syntax_index) {
    failed_ = true;
    return failed(syntax_index);
  }

  std::uint64_t add_string(std::string_view s) {
    const auto offset = static_cast<std::uint64_t>(prog_.strings.size());
    prog_.strings.append(s);
    return (offset << 32) | static_cast<std::uint64_t>(s.size());
  }

  checked check(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    switch (n.kind) {
      case syntax_kind::boolean: {
        program_node p;
        p.type = value_type::boolean;
        p.constant = n.boolean ? 1 : 0;
        checked c = make(kind::boolean, emit(p), index);
        c.literal = true;
        return c;
      }
      case syntax_kind::integer: {
        program_node p;
        p.type = value_type::integer;
        p.constant = static_cast<std::uint64_t>(n.integer);
        checked c = make(kind::integer, emit(p), index);
        c.literal = true;
        return c;
      }
      case syntax_kind::decimal: {
        program_node p;
        p.type = value_type::number;
        p.constant = std::bit_cast<std::uint64_t>(n.decimal);
        checked c = make(kind::number, emit(p), index);
        c.literal = true;
        return c;
      }
      case syntax_kind::string: {
        program_node p;
        p.type = value_type::string;
        p.constant = add_string(n.text);
        checked c = make(kind::string, emit(p), index);
        c.literal = true;
        return c;
      }
      case syntax_kind::null: {
        program_node p;
        p.type = value_type::null;
        checked c = make(kind::null, emit(p), index, true);
        c.literal = true;
        return c;
      }
      case syntax_kind::name:
        return check_name(index);
      case syntax_kind::call:
        return check_call(index);
      case syntax_kind::lambda:
        error(code_type, n.offset,
              "'" + printable(n.text) +
                  " -> ...' may only be the second argument of count, all or any");
        return failed(index);
      case syntax_kind::list:
        error(code_type, n.offset, "a list [...] may only follow 'in' or 'not in'");
        return failed(index);
      case syntax_kind::logical_not:
        return check_not(index);
      case syntax_kind::logical_and:
      case syntax_kind::logical_or:
        return check_logical(index);
      case syntax_kind::negate:
        return check_negate(index);
      case syntax_kind::add:
      case syntax_kind::subtract:
        return check_arithmetic(index);
      case syntax_kind::compare:
        return check_compare(index);
      case syntax_kind::in:
      case syntax_kind::not_in:
        return check_in(index);
    }
    return failed(index);
  }

  std::vector<std::string> names_in_scope() const {
    std::vector<std::string> names = table_.names();
    for (const variable& v : scope_) names.push_back(v.name);
    return names;
  }

  checked load_fact(std::uint32_t fact, std::uint32_t slot, std::uint32_t index) {
    facts_.push_back(fact);
    const qaf::fact_declaration& d = table_.declaration(fact);
    kind type = kind::string;
    switch (table_.kind(fact)) {
      case fact_kind::boolean:
        type = kind::boolean;
        break;
      case fact_kind::integer:
        type = kind::integer;
        break;
      case fact_kind::number:
        type = kind::number;
        break;
      case fact_kind::string:
        type = kind::string;
        break;
      case fact_kind::date:
        type = kind::date;
        break;
      case fact_kind::enumeration:
      case fact_kind::object:
        type = kind::enumeration;
        break;
    }
    program_node p;
    p.op = opcode::load;
    p.type = to_value_type(type);
    p.a = slot;
    if (const auto minimum = table_.minimum(fact)) {
      p.flags |= load_has_minimum;
      p.constant = static_cast<std::uint64_t>(*minimum);
    }
    if (type == kind::date && d.nullable) p.flags |= load_dated_event;
    return make(type, emit(p), index, d.nullable, fact);
  }

  checked check_name(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    // The innermost lambda variable of that name hides outer ones and facts alike.
    const auto v = std::find_if(scope_.rbegin(), scope_.rend(),
                                [&](const variable& each) { return each.name == n.text; });
    if (v != scope_.rend()) {
      if (!v->usable) return failed(index);
      program_node p;
      p.op = opcode::load_variable;
      p.type = value_type::enumeration;
      p.a = v->level;
      return make(kind::enumeration, emit(p), index, false, v->fact);
    }
    const std::size_t dot = n.text.find('.');
    if (dot != std::string::npos) {
      const std::string base = n.text.substr(0, dot);
      const std::string key = n.text.substr(dot + 1);
      const auto fact = table_.find(base);
      if (!fact && table_.rejected(base)) return rejected(index);
      if (!fact) {
        error(code_unknown_fact, n.offset,
              "unknown fact " + single_quoted(base) +
                  did_you_mean(closest_match(base, table_.names())));
        return failed(index);
      }
      if (table_.kind(*fact) != fact_kind::object) {
        error(code_type, n.offset,
              base + " has no keys; only object facts such as key_question_ratings do");
        return failed(index);
      }
      const auto k = table_.key_index(*fact, key);
      if (!k) {
        const std::vector<std::string>& keys = table_.declaration(*fact).keys;
        error(code_unknown_fact, n.offset + dot + 1,
              single_quoted(key) + " is not a key of " + base + "; keys are " + join_list(keys) +
                  did_you_mean(closest_match(key, keys)));
        return failed(index);
      }
      return load_fact(*fact, table_.first_slot(*fact) + *k, index);
    }
    const auto fact = table_.find(n.text);
    if (!fact && table_.rejected(n.text)) return rejected(index);
    if (!fact) {
      if (find_function(n.text)) {
        error(code_type, n.offset,
              n.text + " is a function; give it what it works on in brackets, as in " +
                  (n.text == "known" || n.text.ends_with("_since")
                       ? n.text + "(placement_suspension_since)"
                       : n.text + "(key_question_ratings, r -> r == 'good')"));
      } else {
        error(code_unknown_fact, n.offset,
              "unknown fact " + single_quoted(n.text) +
                  did_you_mean(closest_match(n.text, names_in_scope())));
      }
      return failed(index);
    }
    if (table_.kind(*fact) == fact_kind::object) {
      facts_.push_back(*fact);
      checked c;
      c.type = kind::object;
      c.fact = *fact;
      c.syntax = index;
      return c;
    }
    return load_fact(*fact, table_.first_slot(*fact), index);
  }

  // Reads a string literal as a value of enumeration `fact`; false (reported) when it is none.
  bool to_enum(const checked& literal, std::uint32_t fact, std::uint64_t& out) {
    const std::string& value = syntax(literal.syntax).text;
    if (const auto i = table_.enum_index(fact, value)) {
      out = *i;
      return true;
    }
    const qaf::fact_declaration& d = table_.declaration(fact);
    if (d.values.empty()) {
      error(code_value, syntax(literal.syntax).offset,
            single_quoted(value) + " is not a value of " + d.name + "; this pack declares none");
    } else {
      error(code_value, syntax(literal.syntax).offset,
            single_quoted(value) + " is not a value of " + d.name + "; expected one of " +
                join_list(d.values) + did_you_mean(closest_match(value, d.values)));
    }
    return false;
  }

  // Reads a string literal as a date; false (reported) when it is none.
  bool to_date(const checked& literal, std::uint64_t& out) {
    const std::string& value = syntax(literal.syntax).text;
    std::string why;
    const std::optional<date> d = date::try_parse(value, &why);
    if (!d) {
      error(code_value, syntax(literal.syntax).offset, printable(why));
      return false;
    }
    out = static_cast<std::uint64_t>(static_cast<std::int64_t>(d->days_since_epoch()));
    return true;
  }

  // Turns the string literal's constant node into an enum value or a date, in place.
  bool convert_literal(checked& literal, kind target, std::uint32_t fact) {
    std::uint64_t value = 0;
    const bool ok =
        target == kind::enumeration ? to_enum(literal, fact, value) : to_date(literal, value);
    if (!ok) return false;
    program_node& p = prog_.nodes[literal.node];
    p.type = to_value_type(target);
    p.constant = value;
    literal.type = target;
    literal.fact = fact;
    return true;
  }

  checked check_not(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const checked operand = check(n.children[0]);
    if (operand.type == kind::error) return failed(index);
    if (operand.type != kind::boolean) {
      reject_object_or(operand, [&] {
        error(code_type, syntax(operand.syntax).start,
              "'not' needs something true or false; " + describe(operand) + " is not");
      });
      return failed(index);
    }
    program_node p;
    p.op = opcode::logical_not;
    p.type = value_type::boolean;
    p.a = operand.node;
    return make(kind::boolean, emit(p), index);
  }

  checked check_logical(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const bool is_and = n.kind == syntax_kind::logical_and;
    std::vector<std::uint32_t> nodes;
    bool ok = true;
    for (const std::uint32_t child : n.children) {
      const checked operand = check(child);
      if (operand.type == kind::error) {
        ok = false;
      } else if (operand.type != kind::boolean) {
        reject_object_or(operand, [&] {
          error(code_type, syntax(operand.syntax).start,
                std::string(is_and ? "'and'" : "'or'") + " joins things that are true or false; " +
                    describe(operand) + " is not");
        });
        ok = false;
      } else {
        nodes.push_back(operand.node);
      }
    }
    if (!ok) return failed(index);
    program_node p;
    p.op = is_and ? opcode::logical_and : opcode::logical_or;
    p.type = value_type::boolean;
    p.a = static_cast<std::uint32_t>(prog_.operands.size());
    p.b = static_cast<std::uint32_t>(nodes.size());
    prog_.operands.insert(prog_.operands.end(), nodes.begin(), nodes.end());
    return make(kind::boolean, emit(p), index);
  }

  bool require_number(const checked& c, std::string_view op) {
    if (c.type == kind::error) return false;
    if (is_numeric(c.type)) return true;
    reject_object_or(c, [&] {
      error(code_type, syntax(c.syntax).start,
            "'" + std::string(op) + "' works on numbers; " + describe(c) + " is not one");
    });
    return false;
  }

  checked check_negate(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const checked operand = check(n.children[0]);
    if (!require_number(operand, "-")) return failed(index);
    program_node p;
    p.op = opcode::negate;
    p.type = to_value_type(operand.type);
    p.a = operand.node;
    return make(operand.type, emit(p), index, operand.nullable);
  }

  checked check_arithmetic(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const std::string_view op = n.kind == syntax_kind::add ? "+" : "-";
    const checked left = check(n.children[0]);
    const checked right = check(n.children[1]);
    const bool ok_left = require_number(left, op);
    const bool ok_right = require_number(right, op);
    if (!ok_left || !ok_right) return failed(index);
    const kind type =
        left.type == kind::integer && right.type == kind::integer ? kind::integer : kind::number;
    program_node p;
    p.op = n.kind == syntax_kind::add ? opcode::add : opcode::subtract;
    p.type = to_value_type(type);
    p.a = left.node;
    p.b = right.node;
    return make(type, emit(p), index, left.nullable || right.nullable);
  }

  // The domain two operands are compared in, converting a string literal to the other side's
  // enumeration or date; std::nullopt when they cannot be compared (reported).
  std::optional<kind> common_domain(checked& left, checked& right) {
    if (left.type == kind::null || right.type == kind::null) {
      checked& null_side = left.type == kind::null ? left : right;
      checked& other = left.type == kind::null ? right : left;
      if (other.type == kind::null) {
        error(code_type, syntax(right.syntax).start,
              "comparing null with null says nothing; compare a fact with null");
        return std::nullopt;
      }
      if (other.type == kind::object) {
        reject_object_or(other, [] {});
        return std::nullopt;
      }
      if (!other.nullable) {
        const std::string l = label(other);
        error(code_type, syntax(null_side.syntax).start,
              (l == "this" ? std::string("this") : l) +
                  " is never null; to ask whether a fact is given, write known(" +
                  (l == "this" ? std::string("fact") : l) + ')');
        return std::nullopt;
      }
      return other.type;
    }
    if (left.type == kind::object || right.type == kind::object) {
      reject_object_or(left.type == kind::object ? left : right, [] {});
      return std::nullopt;
    }
    for (int pass = 0; pass < 2; ++pass) {
      checked& literal = pass == 0 ? left : right;
      checked& other = pass == 0 ? right : left;
      if (literal.literal && literal.type == kind::string &&
          (other.type == kind::enumeration || other.type == kind::date) && !other.literal) {
        if (!convert_literal(literal, other.type, other.fact)) return std::nullopt;
        return other.type;
      }
    }
    if (left.type == right.type) {
      if (left.type != kind::enumeration) return left.type;
      if (left.fact == right.fact ||
          table_.declaration(left.fact).values == table_.declaration(right.fact).values) {
        return kind::enumeration;
      }
      error(code_type, syntax(right.syntax).start,
            "cannot compare " + describe(left) + " with " + describe(right) +
                ": they take different values");
      return std::nullopt;
    }
    if (is_numeric(left.type) && is_numeric(right.type)) return kind::number;
    error(code_type, syntax(right.syntax).start,
          "cannot compare " + describe(left) + " with " + describe(right));
    return std::nullopt;
  }

  checked check_compare(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    checked left = check(n.children[0]);
    checked right = check(n.children[1]);
    if (left.type == kind::error || right.type == kind::error) return failed(index);
    const std::optional<kind> domain = common_domain(left, right);
    if (!domain) return failed(index);
    const bool ordering = n.op != compare_op::equal && n.op != compare_op::not_equal;
    if (ordering) {
      const bool has_null = left.type == kind::null || right.type == kind::null;
      if (has_null) {
        error(code_type, n.offset, "only == and != compare with null");
        return failed(index);
      }
      if (*domain == kind::enumeration || *domain == kind::string || *domain == kind::boolean) {
        const checked& subject = left.literal ? right : left;
        std::string why;
        if (*domain == kind::enumeration) {
          why = "the values of " + table_.declaration(subject.fact).name +
                " have none; use == or in [...]";
        } else if (*domain == kind::string) {
          why = "text has none; use == or in [...]";
        } else {
          why = "true and false have none; use == or !=";
        }
        error(code_type, n.offset,
              "'" + std::string(compare_symbol(n.op)) + "' needs an order, and " + why);
        return failed(index);
      }
    }
    program_node p;
    p.op = opcode::compare;
    p.type = value_type::boolean;
    p.operand = to_value_type(*domain);
    p.comparison = n.op;
    p.a = left.node;
    p.b = right.node;
    return make(kind::boolean, emit(p), index);
  }

  checked check_in(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const checked left = check(n.children[0]);
    if (left.type == kind::error) return failed(index);
    if (left.type == kind::object || left.type == kind::null) {
      reject_object_or(left, [&] {
        error(code_type, syntax(left.syntax).start, "'in' needs a value before it, not null");
      });
      return failed(index);
    }
    const syntax_node& list = syntax(n.children[1]);
    std::vector<std::uint64_t> items;
    std::uint8_t flags = n.kind == syntax_kind::not_in ? member_negated : 0;
    bool ok = true;
    for (const std::uint32_t item_index : list.children) {
      const syntax_node& item = syntax(item_index);
      const auto mismatch = [&] {
        error(code_type, item.start,
              "cannot compare " + describe(left) + " with " +
                  printable(print_condition(tree_, item_index)) + " in the list");
        ok = false;
      };
      if (item.kind == syntax_kind::null) {
        if (!left.nullable) {
          error(code_type, item.start,
                label(left) + " is never null; to ask whether a fact is given, write known(" +
                    label(left) + ')');
          ok = false;
        } else {
          flags |= member_null;
        }
        continue;
      }
      switch (left.type) {
        case kind::enumeration:
        case kind::date:
          if (item.kind != syntax_kind::string) {
            mismatch();
          } else {
            checked literal;
            literal.syntax = item_index;
            std::uint64_t value = 0;
            if (left.type == kind::enumeration ? to_enum(literal, left.fact, value)
                                               : to_date(literal, value)) {
              items.push_back(value);
            } else {
              ok = false;
            }
          }
          break;
        case kind::integer:
          if (item.kind == syntax_kind::integer) {
            items.push_back(static_cast<std::uint64_t>(item.integer));
          } else {
            mismatch();
          }
          break;
        case kind::number:
          if (item.kind == syntax_kind::integer) {
            items.push_back(std::bit_cast<std::uint64_t>(static_cast<double>(item.integer)));
          } else if (item.kind == syntax_kind::decimal) {
            items.push_back(std::bit_cast<std::uint64_t>(item.decimal));
          } else {
            mismatch();
          }
          break;
        case kind::string:
          if (item.kind == syntax_kind::string) {
            items.push_back(add_string(item.text));
          } else {
            mismatch();
          }
          break;
        case kind::boolean:
          if (item.kind == syntax_kind::boolean) {
            items.push_back(item.boolean ? 1 : 0);
          } else {
            mismatch();
          }
          break;
        default:
          mismatch();
          break;
      }
    }
    if (!ok) return failed(index);
    program_node p;
    p.op = opcode::member;
    p.type = value_type::boolean;
    p.operand = to_value_type(left.type);
    p.flags = flags;
    p.a = left.node;
    p.b = static_cast<std::uint32_t>(prog_.lists.size());
    p.c = static_cast<std::uint32_t>(items.size());
    prog_.lists.insert(prog_.lists.end(), items.begin(), items.end());
    return make(kind::boolean, emit(p), index);
  }

  checked check_call(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const std::optional<function_id> f = find_function(n.text);
    if (!f) {
      std::vector<std::string> names;
      for (const function_entry& e : functions) names.emplace_back(e.name);
      std::string reason = "unknown function " + single_quoted(n.text) + "; the functions are " +
                           join_list(names) + did_you_mean(closest_match(n.text, names));
      if (table_.find(n.text)) {
        reason = n.text + " is a fact, not a function; write it without brackets";
      }
      error(code_unknown_function, n.offset, reason);
      return failed(index);
    }
    switch (*f) {
      case function_id::days_since:
      case function_id::weeks_since:
      case function_id::months_since:
      case function_id::years_since:
        return check_since(index, *f);
      case function_id::count:
      case function_id::all:
      case function_id::any:
        return check_quantifier(index, *f);
      case function_id::known:
        return check_known(index);
      case function_id::level:
        return check_level(index);
      case function_id::outcome:
        return check_outcome(index);
    }
    return failed(index);
  }

  checked check_since(std::uint32_t index, function_id f) {
    const syntax_node& n = syntax(index);
    if (n.children.size() != 1) {
      error(code_type, n.offset,
            n.text + " takes one date, as in " + n.text + "(placement_suspension_since)");
      return failed(index);
    }
    checked arg = check(n.children[0]);
    if (arg.type == kind::error) return failed(index);
    if (arg.type == kind::string && arg.literal) {
      if (!convert_literal(arg, kind::date, 0)) return failed(index);
    }
    if (arg.type != kind::date) {
      reject_object_or(arg, [&] {
        error(code_type, syntax(arg.syntax).start,
              n.text + " needs a date; " + describe(arg) + " is not one");
      });
      return failed(index);
    }
    // Days are whole; a time in weeks, months or years lies between two whole numbers on most
    // days, so it is a number: "more than 3 months" is true from the day after d + 3 months.
    const kind result = f == function_id::days_since ? kind::integer : kind::number;
    program_node p;
    p.op = opcode::since;
    p.type = to_value_type(result);
    p.unit = f == function_id::days_since     ? time_unit::days
             : f == function_id::weeks_since  ? time_unit::weeks
             : f == function_id::months_since ? time_unit::months
                                              : time_unit::years;
    p.a = arg.node;
    return make(result, emit(p), index, arg.nullable);
  }

  checked check_quantifier(std::uint32_t index, function_id f) {
    const syntax_node& n = syntax(index);
    const std::string example = n.text + "(key_question_ratings, r -> r == 'good')";
    if (n.children.size() != 2) {
      error(code_type, n.offset,
            n.text + " takes an object fact and a test for each of its values, as in " + example);
      return failed(index);
    }
    const checked object = check(n.children[0]);
    bool ok = object.type == kind::object;
    if (!ok && object.type != kind::error) {
      error(code_type, syntax(object.syntax).start,
            n.text + " needs an object fact such as key_question_ratings; " + describe(object) +
                " is not one");
    }
    const syntax_node& lambda = syntax(n.children[1]);
    if (lambda.kind != syntax_kind::lambda) {
      error(code_type, lambda.start,
            "the second argument of " + n.text + " names each value and says what to test, as in " +
                example);
      return failed(index);
    }
    if (scope_.size() >= max_lambda_depth) {
      error(code_type, n.offset,
            "count, all and any may nest at most " + std::to_string(max_lambda_depth) + " deep");
      return failed(index);
    }
    const auto level = static_cast<std::uint8_t>(scope_.size());
    // With a wrong object the body is still checked, for its own mistakes; the variable then
    // reads as already reported.
    scope_.push_back({lambda.text, ok ? object.fact : 0, level, ok});
    const checked body = check(lambda.children[0]);
    scope_.pop_back();
    if (body.type == kind::error || !ok) return failed(index);
    if (body.type != kind::boolean) {
      reject_object_or(body, [&] {
        error(code_type, syntax(body.syntax).start,
              "the test after '->' must come out true or false; " + describe(body) + " is not");
      });
      return failed(index);
    }
    program_node p;
    p.op = f == function_id::count ? opcode::count
           : f == function_id::all ? opcode::all
                                   : opcode::any;
    p.type = f == function_id::count ? value_type::integer : value_type::boolean;
    p.level = level;
    p.a = table_.first_slot(object.fact);
    p.b = table_.slot_count(object.fact);
    p.c = body.node;
    return make(f == function_id::count ? kind::integer : kind::boolean, emit(p), index);
  }

  checked check_known(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    if (n.children.size() != 1) {
      error(code_type, n.offset, "known takes one fact, as in known(registered_manager)");
      return failed(index);
    }
    const checked arg = check(n.children[0]);
    if (arg.type == kind::error) return failed(index);
    program_node p;
    p.type = value_type::boolean;
    if (arg.type == kind::object) {
      p.op = opcode::known_object;
      p.a = table_.first_slot(arg.fact);
      p.b = table_.slot_count(arg.fact);
    } else {
      p.op = opcode::known;
      p.a = arg.node;
    }
    return make(kind::boolean, emit(p), index);
  }

  // level('threshold'): the scheme's level on the date the condition is decided for (DOMAIN.md
  // section 2), an integer: the level's number for numbered schemes, else its rank from 1 (least
  // severe). Unknown where the scheme has no level (not assessed), so it never reads as 0.
  checked check_level(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const std::vector<std::string>& schemes = table_.schemes();
    const std::string example =
        "level('" + (schemes.empty() ? "threshold" : schemes.front()) + "') >= 2";
    if (n.children.size() != 1 || syntax(n.children[0]).kind != syntax_kind::string) {
      error(code_type, n.offset, "level takes a scheme id in quotes, as in " + example);
      return failed(index);
    }
    const syntax_node& arg = syntax(n.children[0]);
    const std::optional<std::uint32_t> slot = table_.level_slot(arg.text);
    if (!slot) {
      error(code_value, arg.offset,
            single_quoted(arg.text) + " is no classification scheme of this pack; " +
                (schemes.empty() ? std::string("it has none")
                                 : "the schemes are " + join_list(schemes) +
                                       did_you_mean(closest_match(arg.text, schemes))));
      return failed(index);
    }
    program_node p;
    p.op = opcode::load;
    p.type = value_type::integer;
    p.a = *slot;
    return make(kind::integer, emit(p), index);
  }

  // outcome('AUDIT'): the outcome of the activity's latest completion on or before the date the
  // condition is decided for, an enumeration of the outcomes the activity declares. Unknown where
  // there is no completion or the latest gives no outcome, so a missing outcome is never good news.
  checked check_outcome(std::uint32_t index) {
    const syntax_node& n = syntax(index);
    const std::vector<std::string>& codes = table_.outcome_activities();
    const std::string example =
        "outcome('" + (codes.empty() ? std::string("AUDIT") : codes.front()) + "') == '" +
        (codes.empty() ? std::string("poor")
                       : table_.declaration(*table_.outcome_set(codes.front())).values.front()) +
        "'";
    if (n.children.size() != 1 || syntax(n.children[0]).kind != syntax_kind::string) {
      error(code_type, n.offset, "outcome takes an activity code in quotes, as in " + example);
      return failed(index);
    }
    const syntax_node& arg = syntax(n.children[0]);
    const std::optional<std::uint32_t> slot = table_.outcome_slot(arg.text);
    if (!slot) {
      error(code_value, arg.offset,
            single_quoted(arg.text) + " is no activity that records outcomes; " +
                (codes.empty() ? std::string("no activity of this pack declares 'outcomes'")
                               : "those that do are " + join_list(codes) +
                                     did_you_mean(closest_match(arg.text, codes))));
      return failed(index);
    }
    program_node p;
    p.op = opcode::load;
    p.type = value_type::enumeration;
    p.a = *slot;
    return make(kind::enumeration, emit(p), index, false, *table_.outcome_set(arg.text));
  }

  const fact_table& table_;
  std::string_view text_;
  std::string_view pointer_;
  const syntax_tree& tree_;
  program& prog_;
  std::vector<std::uint32_t>& facts_;
  std::vector<diagnostic>& out_;
  std::vector<variable> scope_;
  bool failed_ = false;
};

}  // namespace

bool check_condition(const fact_table& table, std::string_view text, std::string_view pointer,
                     const syntax_tree& tree, program& out_program,
                     std::vector<std::uint32_t>& facts_read, std::vector<diagnostic>& out) {
  return checker(table, text, pointer, tree, out_program, facts_read, out).run();
}

}  // namespace qaf::detail
