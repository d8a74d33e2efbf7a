#include "facts/fact_conversion.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <type_traits>

#include "facts/core_vocabulary.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"

namespace qaf::detail {
namespace {

void report(std::vector<diagnostic>& out, std::string_view code, std::string_view pointer,
            std::string message) {
  out.push_back({std::string(code), {}, std::string(pointer), std::move(message)});
}

// "a boolean (true)", "a string ('six')": what a value is, for messages.
std::string describe(const fact_value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          return "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          return std::string("a boolean (") + (v ? "true" : "false") + ')';
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return "an integer (" + std::to_string(v) + ')';
        } else if constexpr (std::is_same_v<T, double>) {
          return "a number (" + number_text(v) + ')';
        } else if constexpr (std::is_same_v<T, std::string>) {
          return "a string (" + single_quoted(v) + ')';
        } else if constexpr (std::is_same_v<T, date>) {
          return "a date (" + v.to_string() + ')';
        } else {
          return "an object";
        }
      },
      value);
}

std::string expected_kind(fact_kind kind, const qaf::fact_declaration& d) {
  switch (kind) {
    case fact_kind::boolean:
      return "true or false";
    case fact_kind::integer:
      return "an integer";
    case fact_kind::number:
      return "a number";
    case fact_kind::string:
      return "a string";
    case fact_kind::date:
      return "a date YYYY-MM-DD";
    case fact_kind::enumeration:
      return "one of " + join_list(d.values);
    case fact_kind::object:
      return "an object with keys " + join_list(d.keys);
  }
  return "a value";
}

void type_error(std::vector<diagnostic>& out, std::string_view pointer, fact_kind kind,
                const qaf::fact_declaration& d, const std::string& found) {
  report(out, "qaf.fact.type", pointer,
         single_quoted(d.name) + " must be " + expected_kind(kind, d) + ", not " + found);
}

bool enum_error(std::vector<diagnostic>& out, std::string_view pointer,
                const qaf::fact_declaration& d, std::string_view value) {
  std::string message = single_quoted(value) + " is not a value of " + d.name;
  message +=
      d.values.empty() ? "; no values are declared" : "; expected one of " + join_list(d.values);
  message += did_you_mean(closest_match(value, d.values));
  report(out, "qaf.fact.enum", pointer, std::move(message));
  return false;
}

bool check_minimum(std::vector<diagnostic>& out, std::string_view pointer, const fact_table& table,
                   std::uint32_t fact, std::int64_t v) {
  const std::optional<std::int64_t> minimum = table.minimum(fact);
  if (minimum && v < *minimum) {
    report(out, "qaf.fact.range", pointer,
           single_quoted(table.declaration(fact).name) + " must be at least " +
               std::to_string(*minimum) + ", not " + std::to_string(v));
    return false;
  }
  return true;
}

// A double that holds an integer exactly and fits in std::int64_t.
std::optional<std::int64_t> integral(double v) {
  // 2^63 is exactly representable; every double below it with no fraction converts exactly.
  constexpr double limit = 9223372036854775808.0;
  if (!std::isfinite(v) || v != std::floor(v) || v < -limit || v >= limit) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && end == text.data() + text.size()) return v;
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(v)) return v;
  return std::nullopt;
}

}  // namespace

bool store_fact(const fact_table& table, std::uint32_t fact, const fact_value& value,
                bound_record& record, std::string_view pointer, std::vector<diagnostic>& out) {
  const qaf::fact_declaration& d = table.declaration(fact);
  const fact_kind kind = table.kind(fact);
  const std::uint32_t slot = table.first_slot(fact);
  if (std::holds_alternative<std::nullptr_t>(value)) {
    if (!d.nullable) {
      report(out, "qaf.fact.null", pointer,
             single_quoted(d.name) + " cannot be null; leave it out when it is not known");
      return false;
    }
    record.set_null(slot);
    return true;
  }
  switch (kind) {
    case fact_kind::boolean:
      if (const bool* b = std::get_if<bool>(&value)) {
        record.set_bool(slot, *b);
        return true;
      }
      break;
    case fact_kind::integer: {
      std::optional<std::int64_t> v;
      if (const auto* i = std::get_if<std::int64_t>(&value)) v = *i;
      if (const auto* x = std::get_if<double>(&value)) v = integral(*x);
      if (v) {
        if (!check_minimum(out, pointer, table, fact, *v)) return false;
        record.set_integer(slot, *v);
        return true;
      }
      break;
    }
    case fact_kind::number:
      if (const auto* x = std::get_if<double>(&value); x && std::isfinite(*x)) {
        record.set_number(slot, *x);
        return true;
      }
      if (const auto* i = std::get_if<std::int64_t>(&value)) {
        record.set_number(slot, static_cast<double>(*i));
        return true;
      }
      break;
    case fact_kind::string:
      if (const auto* s = std::get_if<std::string>(&value)) {
        record.set_string(slot, *s);
        return true;
      }
      break;
    case fact_kind::date:
      if (const auto* dt = std::get_if<date>(&value)) {
        record.set_date(slot, *dt);
        return true;
      }
      if (const auto* s = std::get_if<std::string>(&value)) {
        std::string why;
        if (const std::optional<date> parsed = date::try_parse(*s, &why)) {
          record.set_date(slot, *parsed);
          return true;
        }
        report(out, "qaf.fact.type", pointer,
               single_quoted(d.name) + " must be a date YYYY-MM-DD: " + printable(why));
        return false;
      }
      break;
    case fact_kind::enumeration:
      if (const auto* s = std::get_if<std::string>(&value)) {
        if (const auto index = table.enum_index(fact, *s)) {
          record.set_enum(slot, *index);
          return true;
        }
        return enum_error(out, pointer, d, *s);
      }
      break;
    case fact_kind::object:
      if (const auto* object = std::get_if<fact_object>(&value)) {
        bool ok = true;
        for (const auto& [key, item] : *object) {
          const std::string at = std::string(pointer) + '/' + pointer_token(key);
          const auto k = table.key_index(fact, key);
          if (!k) {
            report(out, "qaf.fact.key", at,
                   single_quoted(key) + " is not a key of " + d.name + "; keys are " +
                       join_list(d.keys) + did_you_mean(closest_match(key, d.keys)));
            ok = false;
            continue;
          }
          const auto index = table.enum_index(fact, item);
          if (!index) {
            ok = enum_error(out, at, d, item);
            continue;
          }
          record.set_enum(slot + *k, *index);
        }
        return ok;
      }
      break;
  }
  type_error(out, pointer, kind, d, describe(value));
  return false;
}

std::optional<fact_column> resolve_column(const fact_table& table, std::string_view header,
                                          std::string_view pointer, std::vector<diagnostic>& out) {
  const std::size_t dot = header.find('.');
  const std::string_view name = header.substr(0, dot);
  const auto fact = table.find(name);
  if (!fact) {
    report(
        out, "qaf.fact.unknown", pointer,
        "unknown fact " + single_quoted(name) + did_you_mean(closest_match(name, table.names())));
    return std::nullopt;
  }
  const qaf::fact_declaration& d = table.declaration(*fact);
  const fact_kind kind = table.kind(*fact);
  if (dot == std::string_view::npos) {
    if (kind == fact_kind::object) {
      report(out, "qaf.fact.key", pointer,
             single_quoted(d.name) + " has a column per key, named like " + d.name + '.' +
                 d.keys.front() + "; keys are " + join_list(d.keys));
      return std::nullopt;
    }
    return fact_column{*fact, std::nullopt};
  }
  const std::string_view key = header.substr(dot + 1);
  if (kind != fact_kind::object) {
    report(
        out, "qaf.fact.key", pointer,
        single_quoted(d.name) + " has no keys; only object facts such as key_question_ratings do");
    return std::nullopt;
  }
  const auto k = table.key_index(*fact, key);
  if (!k) {
    report(out, "qaf.fact.key", pointer,
           single_quoted(key) + " is not a key of " + d.name + "; keys are " + join_list(d.keys) +
               did_you_mean(closest_match(key, d.keys)));
    return std::nullopt;
  }
  return fact_column{*fact, k};
}

bool parse_fact_text(const fact_table& table, const fact_column& column, std::string_view text,
                     std::optional<fact_value>& value, std::string_view pointer,
                     std::vector<diagnostic>& out) {
  value.reset();
  const std::uint32_t fact = column.fact;
  const qaf::fact_declaration& d = table.declaration(fact);
  const fact_kind kind = table.kind(fact);
  const std::string_view cell = trim(text);
  if (cell.empty()) return true;
  if (kind == fact_kind::object) {
    if (!table.enum_index(column.fact, cell)) return enum_error(out, pointer, d, cell);
    value = std::string(cell);
    return true;
  }
  if (iequals(cell, "null") && kind != fact_kind::string) {
    if (!d.nullable) {
      report(out, "qaf.fact.null", pointer,
             single_quoted(d.name) + " cannot be null; leave the cell empty when it is not known");
      return false;
    }
    value = nullptr;
    return true;
  }
  switch (kind) {
    case fact_kind::boolean:
      if (iequals(cell, "true") || iequals(cell, "false")) {
        value = iequals(cell, "true");
        return true;
      }
      break;
    case fact_kind::integer: {
      std::optional<std::int64_t> v = parse_integer(cell);
      if (!v) {
        if (const auto x = parse_number(cell)) v = integral(*x);
      }
      if (v) {
        if (!check_minimum(out, pointer, table, fact, *v)) return false;
        value = *v;
        return true;
      }
      break;
    }
    case fact_kind::number:
      if (const auto x = parse_number(cell)) {
        value = *x;
        return true;
      }
      break;
    case fact_kind::string:
      value = std::string(cell);
      return true;
    case fact_kind::date: {
      std::string why;
      if (const std::optional<date> parsed = date::try_parse(cell, &why)) {
        value = *parsed;
        return true;
      }
      report(out, "qaf.fact.type", pointer,
             single_quoted(d.name) + " must be a date YYYY-MM-DD: " + printable(why));
      return false;
    }
    case fact_kind::enumeration:
      if (!table.enum_index(column.fact, cell)) return enum_error(out, pointer, d, cell);
      value = std::string(cell);
      return true;
    case fact_kind::object:
      break;
  }
  type_error(out, pointer, kind, d, single_quoted(cell));
  return false;
}

bool read_cell(const fact_table& table, const fact_column& column, std::string_view text,
               provider& into, std::string_view pointer, std::vector<diagnostic>& out) {
  std::optional<fact_value> value;
  if (!parse_fact_text(table, column, text, value, pointer, out)) return false;
  if (!value) return true;
  const qaf::fact_declaration& d = table.declaration(column.fact);
  if (d.name == id_fact) {
    into.id = std::get<std::string>(*value);
    return true;
  }
  if (column.key) {
    fact_value& slot = into.facts[d.name];
    if (!std::holds_alternative<fact_object>(slot)) slot = fact_object{};
    std::get<fact_object>(slot)[d.keys[*column.key]] = std::get<std::string>(std::move(*value));
    return true;
  }
  into.facts[d.name] = std::move(*value);
  return true;
}

}  // namespace qaf::detail
