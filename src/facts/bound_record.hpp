// A provider's facts checked against a fact_table and laid out as a flat array of slots, one per
// fact (one per key of an object fact): what conditions evaluate on. Binding happens once per
// provider; evaluating reads slots by index.
//
//   std::vector<qaf::diagnostic> errors;
//   std::optional<bound_record> record = bind_record(table, provider, errors);
//   // errors: {"qaf.fact.enum", "", "/facts/regulator_rating", "'goood' is not a value of ..."}
//
// Pointers in the diagnostics are relative to the record ("/facts/beds", "/id"); the caller
// prefixes "/providers/<i>" or rewrites them to a CSV row:column.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/fact_table.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// unknown: the record does not give the fact. null: it gives null, a known "none".
enum class slot_state : std::uint8_t { unknown, null, known };

/// One fact's value: a state and, when known, a 64-bit payload whose meaning the fact's kind
/// gives — a boolean (0/1), an integer, an enumeration index, a date's days since 1970-01-01, a
/// double's bits, or a string's place in the record's string storage.
struct slot {
  std::uint64_t bits = 0;
  slot_state state = slot_state::unknown;

  bool is_known() const noexcept { return state == slot_state::known; }
  bool as_bool() const noexcept { return bits != 0; }
  std::int64_t as_integer() const noexcept { return static_cast<std::int64_t>(bits); }
  std::uint32_t as_enum() const noexcept { return static_cast<std::uint32_t>(bits); }
  std::int32_t as_days() const noexcept {
    return static_cast<std::int32_t>(static_cast<std::int64_t>(bits));
  }
  double as_number() const noexcept { return std::bit_cast<double>(bits); }
};

class bound_record {
 public:
  bound_record() = default;
  /// Every slot of `table` unknown.
  explicit bound_record(const fact_table& table) : slots_(table.total_slots()) {}

  std::size_t size() const noexcept { return slots_.size(); }
  /// The slot, or an unknown slot when `index` is out of range (a record of another table).
  const slot& at(std::uint32_t index) const noexcept {
    static constexpr slot unknown_slot{};
    return index < slots_.size() ? slots_[index] : unknown_slot;
  }
  /// The text of a known string slot.
  std::string_view text(const slot& s) const noexcept {
    const auto offset = static_cast<std::size_t>(s.bits >> 32);
    const auto length = static_cast<std::size_t>(s.bits & 0xffffffffu);
    if (offset > strings_.size() || length > strings_.size() - offset) return {};
    return std::string_view(strings_).substr(offset, length);
  }

  /// Setters: the caller is responsible for matching the slot's kind (bind_record is).
  void set_unknown(std::uint32_t index) { slots_.at(index) = slot{}; }
  void set_null(std::uint32_t index) { slots_.at(index) = {0, slot_state::null}; }
  void set_bool(std::uint32_t index, bool v) { set_bits(index, v ? 1 : 0); }
  void set_integer(std::uint32_t index, std::int64_t v) {
    set_bits(index, static_cast<std::uint64_t>(v));
  }
  void set_enum(std::uint32_t index, std::uint32_t v) { set_bits(index, v); }
  void set_date(std::uint32_t index, date v) {
    set_bits(index, static_cast<std::uint64_t>(static_cast<std::int64_t>(v.days_since_epoch())));
  }
  void set_number(std::uint32_t index, double v) {
    set_bits(index, std::bit_cast<std::uint64_t>(v));
  }
  /// Throws std::length_error for text past 4 GiB of strings in one record.
  void set_string(std::uint32_t index, std::string_view v);

  /// Every slot unknown again, no strings; keeps the capacity for reuse.
  void reset(const fact_table& table);

 private:
  void set_bits(std::uint32_t index, std::uint64_t bits) {
    slots_.at(index) = {bits, slot_state::known};
  }

  std::vector<slot> slots_;
  std::string strings_;
};

/// Checks `p` against `table` and lays it out into `into` (reset first, storage reused). Reports
/// every problem, each with a pointer relative to the record:
///   qaf.fact.unknown  an undeclared fact, with a "did you mean" suggestion (/facts/<name>)
///   qaf.fact.type     a value of the wrong kind, a malformed date, a fractional integer
///   qaf.fact.enum     a value outside the enumeration, listing the allowed values
///   qaf.fact.null     null for a fact that is not nullable
///   qaf.fact.key      an object key the fact does not declare (/facts/<name>/<key>)
///   qaf.fact.range    an integer below the fact's minimum (0 unless declared otherwise)
///   qaf.fact.id       no id (/id), or facts.id differing from the record's id
/// Returns whether nothing was reported; on failure `into` holds what could be bound.
bool bind_record(const fact_table& table, const provider& p, bound_record& into,
                 std::vector<diagnostic>& out);
/// As above, into a fresh record; std::nullopt when anything was reported.
std::optional<bound_record> bind_record(const fact_table& table, const provider& p,
                                        std::vector<diagnostic>& out);

}  // namespace qaf::detail
