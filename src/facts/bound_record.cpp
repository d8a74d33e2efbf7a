#include "facts/bound_record.hpp"

#include <limits>
#include <stdexcept>

#include "facts/core_vocabulary.hpp"
#include "facts/fact_conversion.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"

namespace qaf::detail {

void bound_record::set_string(std::uint32_t index, std::string_view v) {
  constexpr std::size_t limit = std::numeric_limits<std::uint32_t>::max();
  if (v.size() > limit || strings_.size() > limit - v.size()) {
    throw std::length_error("bound_record: a record's strings exceed 4 GiB");
  }
  const auto offset = static_cast<std::uint64_t>(strings_.size());
  strings_.append(v);
  set_bits(index, (offset << 32) | static_cast<std::uint64_t>(v.size()));
}

void bound_record::reset(const fact_table& table) {
  slots_.assign(table.total_slots(), slot{});
  strings_.clear();
}

bool bind_record(const fact_table& table, const provider& p, bound_record& into,
                 std::vector<diagnostic>& out) {
  const std::size_t before = out.size();
  into.reset(table);
  std::string id = p.id;
  // A fact's pointer is built only when something is reported at it: a record is bound several
  // times for every time it is wrong, and building it for every fact was a tenth of `qaf rate`
  // (callgrind).
  const auto pointer_of = [](std::string_view name) {
    std::string pointer("/facts/");
    append_pointer_token(pointer, name);
    return pointer;
  };
  for (const auto& [name, value] : p.facts) {
    const auto fact = table.find(name);
    if (!fact) {
      out.push_back({"qaf.fact.unknown",
                     {},
                     pointer_of(name),
                     "unknown fact " + single_quoted(name) +
                         did_you_mean(closest_match(name, table.names()))});
      continue;
    }
    if (name == id_fact) {
      const auto* text = std::get_if<std::string>(&value);
      if (text != nullptr && !id.empty() && *text != id) {
        out.push_back({"qaf.fact.id",
                       {},
                       pointer_of(name),
                       "facts.id " + single_quoted(*text) + " differs from the record's id " +
                           single_quoted(id)});
        continue;
      }
      if (text != nullptr && id.empty()) id = *text;
    }
    // Reported at pointers relative to the fact ("" or "/<key>"), prefixed here.
    const std::size_t reported = out.size();
    if (store_fact(table, *fact, value, into, "", out)) continue;
    const std::string pointer = pointer_of(name);
    for (std::size_t i = reported; i < out.size(); ++i) out[i].pointer.insert(0, pointer);
  }
  // A record without an id is reported by the record check (qaf.portfolio.missing), once.
  if (const auto fact = table.find(id_fact); fact && !id.empty()) {
    into.set_string(table.first_slot(*fact), id);
  }
  return out.size() == before;
}

std::optional<bound_record> bind_record(const fact_table& table, const provider& p,
                                        std::vector<diagnostic>& out) {
  bound_record record(table);
  if (!bind_record(table, p, record, out)) return std::nullopt;
  return record;
}

}  // namespace qaf::detail
