#include "facts/fact_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "facts/core_vocabulary.hpp"
#include "facts/message_text.hpp"

namespace qaf::detail {
namespace {

// Words of the condition language; a fact with one of these names could not be written.
constexpr std::string_view reserved_words[] = {"and", "or", "not", "in", "true", "false", "null"};

bool is_reserved(std::string_view name) {
  return std::find(std::begin(reserved_words), std::end(reserved_words), name) !=
         std::end(reserved_words);
}

void report(std::vector<diagnostic>& out, std::string_view code, std::string pointer,
            std::string message) {
  out.push_back({std::string(code), {}, std::move(pointer), std::move(message)});
}

// Checks a list of enumeration values or object keys: lower snake case, distinct, not empty.
void check_words(const std::vector<std::string>& words, std::string_view what,
                 const std::string& pointer, std::string_view fact_name,
                 std::vector<diagnostic>& out) {
  if (words.empty()) {
    report(out, "qaf.fact.declaration", pointer,
           "fact " + single_quoted(fact_name) + " needs at least one " + std::string(what));
    return;
  }
  std::unordered_set<std::string_view> seen;  // a set: an enum may list 100,000 values
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string at = pointer + '/' + std::to_string(i);
    if (!is_snake_case(words[i])) {
      report(out, "qaf.fact.declaration", at,
             single_quoted(words[i]) +
                 " is not lower snake case (a-z, 0-9 and _, starting with a letter)");
    } else if (!seen.insert(words[i]).second) {
      report(out, "qaf.fact.declaration", at,
             single_quoted(words[i]) + " is listed twice in " + single_quoted(fact_name));
    }
  }
}

// Reports what is wrong with one pack declaration; returns its kind when nothing is.
std::optional<fact_kind> check_declaration(const qaf::fact_declaration& d,
                                           const std::string& pointer,
                                           std::vector<diagnostic>& out) {
  const std::size_t before = out.size();
  if (!is_snake_case(d.name)) {
    report(out, "qaf.fact.declaration", pointer + "/name",
           "fact name " + single_quoted(d.name) +
               " is not lower snake case (a-z, 0-9 and _, starting with a letter)");
  } else if (is_reserved(d.name)) {
    report(out, "qaf.fact.declaration", pointer + "/name",
           single_quoted(d.name) + " is a word of the condition language and cannot name a fact");
  }
  const std::optional<fact_kind> kind = parse_fact_kind(d.type);
  if (!kind) {
    report(out, "qaf.fact.declaration", pointer + "/type",
           "fact type " + single_quoted(d.type) +
               " is none of boolean, integer, number, string, date, enum, object");
    return std::nullopt;
  }
  const bool has_values = *kind == fact_kind::enumeration || *kind == fact_kind::object;
  if (has_values) {
    check_words(d.values, "value", pointer + "/values", d.name, out);
  } else if (!d.values.empty()) {
    report(out, "qaf.fact.declaration", pointer + "/values",
           "only enum and object facts take values; " + single_quoted(d.name) + " is " +
               std::string(fact_kind_name(*kind)));
  }
  if (*kind == fact_kind::object) {
    check_words(d.keys, "key", pointer + "/keys", d.name, out);
  } else if (!d.keys.empty()) {
    report(out, "qaf.fact.declaration", pointer + "/keys",
           "only object facts take keys; " + single_quoted(d.name) + " is " +
               std::string(fact_kind_name(*kind)));
  }
  if (d.nullable && (*kind == fact_kind::boolean || *kind == fact_kind::object)) {
    report(out, "qaf.fact.declaration", pointer + "/nullable",
           "a " + std::string(fact_kind_name(*kind)) + " fact cannot be nullable");
  }
  if (out.size() != before) return std::nullopt;
  return kind;
}

}  // namespace

std::string_view fact_kind_name(fact_kind kind) noexcept {
  switch (kind) {
    case fact_kind::boolean:
      return "boolean";
    case fact_kind::integer:
      return "integer";
    case fact_kind::number:
      return "number";
    case fact_kind::string:
      return "string";
    case fact_kind::date:
      return "date";
    case fact_kind::enumeration:
      return "enum";
    case fact_kind::object:
      return "object";
  }
  return "unknown";
}

std::optional<fact_kind> parse_fact_kind(std::string_view name) noexcept {
  for (const fact_kind k :
       {fact_kind::boolean, fact_kind::integer, fact_kind::number, fact_kind::string,
        fact_kind::date, fact_kind::enumeration, fact_kind::object}) {
    if (fact_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

void fact_table::add(qaf::fact_declaration declaration, fact_kind kind) {
  entry e;
  e.kind = kind;
  e.first_slot = static_cast<std::uint32_t>(slot_fact_.size());
  e.slot_count =
      kind == fact_kind::object ? static_cast<std::uint32_t>(declaration.keys.size()) : 1;
  const auto index = static_cast<std::uint32_t>(facts_.size());
  slot_fact_.insert(slot_fact_.end(), e.slot_count, index);
  by_name_.emplace(declaration.name, index);
  names_.push_back(declaration.name);
  e.declaration = std::move(declaration);
  facts_.push_back(std::move(e));
}

fact_table build_fact_table(std::span<const qaf::fact_declaration> declared,
                            std::span<const std::string> pointers,
                            std::span<const std::string> service_types,
                            std::vector<diagnostic>& out) {
  fact_table table;
  for (const qaf::fact_declaration& core : core_vocabulary()) {
    qaf::fact_declaration d = core;
    if (d.name == service_type_fact) {
      std::unordered_set<std::string_view> listed(d.values.begin(), d.values.end());
      for (const std::string& type : service_types) {
        if (is_snake_case(type) && listed.insert(type).second) d.values.push_back(type);
      }
    }
    const std::optional<fact_kind> kind = parse_fact_kind(d.type);
    table.add(std::move(d), kind.value_or(fact_kind::string));
  }
  const std::size_t core_count = table.facts_.size();
  std::unordered_map<std::string_view, std::size_t> first_declared;  // name -> index in declared
  for (std::size_t i = 0; i < declared.size(); ++i) {
    const qaf::fact_declaration& d = declared[i];
    const std::string pointer = i < pointers.size() ? pointers[i] : std::string();
    if (const auto existing = table.find(d.name)) {
      if (*existing < core_count) {
        report(out, "qaf.fact.redefined", pointer + "/name",
               single_quoted(d.name) + " is a core fact; a pack cannot redefine it");
      } else {
        std::string first;
        if (const auto it = first_declared.find(d.name);
            it != first_declared.end() && it->second < pointers.size()) {
          first = pointers[it->second];
        }
        report(out, "qaf.fact.duplicate", pointer + "/name",
               single_quoted(d.name) + " is already declared" +
                   (first.empty() ? std::string() : " at " + first));
      }
      continue;
    }
    first_declared.emplace(d.name, i);
    const std::optional<fact_kind> kind = check_declaration(d, pointer, out);
    if (!kind) {
      table.rejected_.insert(d.name);
      continue;
    }
    qaf::fact_declaration copy = d;
    copy.core = false;
    table.add(std::move(copy), *kind);
  }
  return table;
}

std::vector<qaf::fact_declaration> public_declarations(const fact_table& table) {
  std::vector<qaf::fact_declaration> out;
  out.reserve(table.fact_count());
  for (std::uint32_t f = 0; f < table.fact_count(); ++f) out.push_back(table.declaration(f));
  return out;
}

fact_table fact_table::core(std::span<const std::string> service_types) {
  for (std::size_t i = 0; i < service_types.size(); ++i) {
    const auto before = service_types.begin() + static_cast<std::ptrdiff_t>(i);
    if (!is_snake_case(service_types[i]) ||
        std::find(service_types.begin(), before, service_types[i]) != before) {
      throw std::invalid_argument("fact_table::core: malformed or repeated service type " +
                                  single_quoted(service_types[i]));
    }
  }
  std::vector<diagnostic> errors;
  return build_fact_table({}, {}, service_types, errors);
}

std::string fact_table::slot_name(std::uint32_t slot) const {
  if (slot >= outcome_slots_from()) return outcomes_.at(slot - outcome_slots_from()).name;
  if (slot >= slot_fact_.size()) return "level('" + schemes_.at(slot - slot_fact_.size()) + "')";
  const entry& e = facts_[slot_fact_[slot]];
  if (e.kind != fact_kind::object) return e.declaration.name;
  return e.declaration.name + '.' + e.declaration.keys[slot - e.first_slot];
}

std::optional<std::uint32_t> fact_table::level_slot(std::string_view scheme) const noexcept {
  for (std::size_t i = 0; i < schemes_.size(); ++i) {
    if (schemes_[i] == scheme) return static_cast<std::uint32_t>(slot_fact_.size() + i);
  }
  return std::nullopt;
}

void fact_table::set_outcomes(const std::vector<std::string>& codes,
                              const std::vector<std::vector<std::string>>& values) {
  outcome_codes_ = codes;
  outcomes_.clear();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    qaf::fact_declaration d;
    d.name = "outcome('" + codes[i] + "')";
    d.type = "enum";
    d.values = values.at(i);
    d.description = "The outcome of the latest completed " + codes[i] + ".";
    outcomes_.push_back(std::move(d));
  }
}

std::optional<std::uint32_t> fact_table::outcome_slot(std::string_view code) const noexcept {
  for (std::size_t i = 0; i < outcome_codes_.size(); ++i) {
    if (outcome_codes_[i] == code) return static_cast<std::uint32_t>(outcome_slots_from() + i);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> fact_table::outcome_set(std::string_view code) const noexcept {
  for (std::size_t i = 0; i < outcome_codes_.size(); ++i) {
    if (outcome_codes_[i] == code) return static_cast<std::uint32_t>(facts_.size() + i);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> fact_table::find(std::string_view name) const noexcept {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> fact_table::find_slot(std::string_view name) const noexcept {
  const std::size_t dot = name.find('.');
  const auto fact = find(name.substr(0, dot));
  if (!fact) return std::nullopt;
  const entry& e = facts_[*fact];
  if (dot == std::string_view::npos) {
    if (e.kind == fact_kind::object) return std::nullopt;
    return e.first_slot;
  }
  if (e.kind != fact_kind::object) return std::nullopt;
  const auto key = key_index(*fact, name.substr(dot + 1));
  if (!key) return std::nullopt;
  return e.first_slot + *key;
}

std::optional<std::uint32_t> fact_table::enum_index(std::uint32_t fact,
                                                    std::string_view value) const noexcept {
  const std::vector<std::string>& values = declaration(fact).values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> fact_table::key_index(std::uint32_t fact,
                                                   std::string_view key) const noexcept {
  const std::vector<std::string>& keys = facts_[fact].declaration.keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

}  // namespace qaf::detail
