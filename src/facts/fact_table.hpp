// The facts one pack knows — the core vocabulary, the pack's own declarations and its service
// types — each given dense slot indices, so that a bound record is a flat array and a compiled
// condition reads a fact by index, never by name.
//
//   std::vector<qaf::diagnostic> errors;
//   fact_table table = build_fact_table(declared, pointers, service_type_ids, errors);
//   std::uint32_t beds = *table.find("beds");
//   table.first_slot(beds);                        // where a bound record keeps beds
//   *table.find_slot("key_question_ratings.safe"); // an object fact has a slot per key
//
// Immutable after it is built; share it freely between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "facts/fact_kind.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/pack.hpp"

namespace qaf::detail {

class fact_table {
 public:
  /// A table with no facts at all (not even the core vocabulary), for a pack_data that the loader
  /// assigns its real table to.
  fact_table() = default;

  /// The core vocabulary alone, with these service types; for tests, tools and fuzzing.
  /// Throws std::invalid_argument when a service type is not lower snake case or is repeated.
  static fact_table core(std::span<const std::string> service_types = {});

  std::size_t fact_count() const noexcept { return facts_.size(); }
  /// A fact's declaration; indices from fact_count() on are the outcome sets (outcome_set), each
  /// an enumeration named "outcome('AUDIT')", so that a condition compares an outcome as it
  /// compares an enumerated fact.
  const qaf::fact_declaration& declaration(std::uint32_t fact) const noexcept {
    return fact < facts_.size() ? facts_[fact].declaration : outcomes_[fact - facts_.size()];
  }
  fact_kind kind(std::uint32_t fact) const noexcept {
    return fact < facts_.size() ? facts_[fact].kind : fact_kind::enumeration;
  }
  /// Integer facts: the smallest value a record may give (0: every integer fact counts
  /// something). std::nullopt for the other kinds.
  std::optional<std::int64_t> minimum(std::uint32_t fact) const noexcept {
    return facts_[fact].kind == fact_kind::integer ? std::optional<std::int64_t>(0) : std::nullopt;
  }
  /// Object facts have one slot per key, consecutive and in declaration order; the others one.
  std::uint32_t first_slot(std::uint32_t fact) const noexcept { return facts_[fact].first_slot; }
  std::uint32_t slot_count(std::uint32_t fact) const noexcept { return facts_[fact].slot_count; }
  /// Every slot: those of the facts, then one per classification scheme (level_slot), then one per
  /// activity that records outcomes (outcome_slot).
  std::size_t total_slots() const noexcept {
    return slot_fact_.size() + schemes_.size() + outcomes_.size();
  }
  /// The fact a slot belongs to; only for the slots of facts (below fact_slots()).
  std::uint32_t fact_of_slot(std::uint32_t slot) const noexcept { return slot_fact_[slot]; }
  /// The slots of facts; the scheme level slots follow them.
  std::size_t fact_slots() const noexcept { return slot_fact_.size(); }
  /// "beds", "key_question_ratings.safe" for a slot of an object fact, "level('threshold')"
  /// for a scheme's level slot, or "outcome('AUDIT')" for an activity's outcome slot.
  std::string slot_name(std::uint32_t slot) const;

  /// Gives each classification scheme a slot that holds its level on a date, what a condition's
  /// `level('threshold')` reads (DOMAIN.md section 2: the agreed level, else the suggested one).
  /// No record binds it from its facts: the scheduler's timeline fills it. Called by the pack
  /// loader before any condition is compiled; ids are the pack's scheme ids, in its order.
  void set_schemes(std::vector<std::string> ids) { schemes_ = std::move(ids); }
  /// The level slot of a scheme, by id.
  std::optional<std::uint32_t> level_slot(std::string_view scheme) const noexcept;
  /// The scheme ids with a level slot, in the pack's order.
  const std::vector<std::string>& schemes() const noexcept { return schemes_; }
  /// The first slot after the level slots: where the outcome slots begin.
  std::size_t outcome_slots_from() const noexcept { return slot_fact_.size() + schemes_.size(); }

  /// Gives each activity that declares outcomes a slot holding the outcome of its latest
  /// completion on a date, what a condition's `outcome('AUDIT')` reads (DOMAIN.md section 2's
  /// history, docs/conditions.md). No record binds it from its facts: the scheduler's timeline and
  /// the classifier fill it from the history. Called by the pack loader after the activities are
  /// read and before any condition is compiled; `codes[i]` declares `values[i]`.
  void set_outcomes(const std::vector<std::string>& codes,
                    const std::vector<std::vector<std::string>>& values);
  /// The outcome slot of an activity, by code; none when it declares no outcomes.
  std::optional<std::uint32_t> outcome_slot(std::string_view code) const noexcept;
  /// The pseudo-fact index of an activity's outcome set (see declaration()).
  std::optional<std::uint32_t> outcome_set(std::string_view code) const noexcept;
  /// The codes of the activities that declare outcomes, in the pack's order.
  const std::vector<std::string>& outcome_activities() const noexcept { return outcome_codes_; }

  /// The fact with this name.
  std::optional<std::uint32_t> find(std::string_view name) const noexcept;
  /// The slot for "beds" or "key_question_ratings.safe" (an object fact needs its key).
  std::optional<std::uint32_t> find_slot(std::string_view name) const noexcept;
  /// The index of `value` among the fact's enumeration values (an object fact's key values).
  std::optional<std::uint32_t> enum_index(std::uint32_t fact,
                                          std::string_view value) const noexcept;
  /// The index of `key` among an object fact's keys.
  std::optional<std::uint32_t> key_index(std::uint32_t fact, std::string_view key) const noexcept;

  /// Every fact name, in declaration order (core first).
  const std::vector<std::string>& names() const noexcept { return names_; }

  /// True for a name the pack declared with a mistake (already reported, left out of the table):
  /// a condition or record that names it has no second mistake to report.
  bool rejected(std::string_view name) const noexcept {
    return rejected_.find(name) != rejected_.end();
  }

 private:
  friend fact_table build_fact_table(std::span<const qaf::fact_declaration>,
                                     std::span<const std::string>, std::span<const std::string>,
                                     std::vector<diagnostic>&);

  struct entry {
    qaf::fact_declaration declaration;
    fact_kind kind = fact_kind::string;
    std::uint32_t first_slot = 0;
    std::uint32_t slot_count = 0;
  };

  void add(qaf::fact_declaration declaration, fact_kind kind);

  // Hashes a name as a string_view, so that find() looks up a view without making a string.
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept {
      return std::hash<std::string_view>{}(name);
    }
  };

  std::vector<entry> facts_;
  std::vector<std::uint32_t> slot_fact_;
  std::vector<std::string> names_;
  // Fact indices by name, hashed: every fact of every record read is looked up here, and a
  // std::map's string comparisons down the tree were a tenth of `qaf rate` (callgrind). Not a
  // sorted vector: inserting into one made a pack of 100,000 facts quadratic.
  std::unordered_map<std::string, std::uint32_t, name_hash, std::equal_to<>> by_name_;
  std::vector<std::string> schemes_;
  std::vector<std::string> outcome_codes_;
  std::vector<qaf::fact_declaration> outcomes_;  // by outcome set, as enumerations
  std::set<std::string, std::less<>> rejected_;
};

/// The core vocabulary plus the pack's `declared` facts (`pointers[i]` is the JSON pointer of
/// declared[i]), with `service_types` as the values of service_type.
///
/// Reports, at the declaration's pointer plus "/name", "/type", "/values/<i>", "/keys/<i>" or
/// "/nullable" for the field at fault:
///   qaf.fact.redefined    a pack fact with the name of a core fact
///   qaf.fact.duplicate    a second pack fact with the same name
///   qaf.fact.declaration  a name that is not lower snake case or is a word of the condition
///                         language (and, or, not, in, true, false, null); a type that is none of
///                         boolean, integer, number, string, date, enum, object; an enum or
///                         object without values, an object without keys; a value or key that is
///                         not lower snake case or is repeated; values or keys on a kind that
///                         takes none; nullable on a boolean or object
/// A declaration with a mistake is left out of the table and its name remembered as rejected, so
/// that conditions naming it fail without a second report: one mistake, one diagnostic. Service
/// types are checked by the pack loader; any that are malformed or repeated are left out here
/// without a report.
fact_table build_fact_table(std::span<const qaf::fact_declaration> declared,
                            std::span<const std::string> pointers,
                            std::span<const std::string> service_types,
                            std::vector<diagnostic>& out);

/// The table's declarations in order, core first: what qaf::pack::facts() shows.
std::vector<qaf::fact_declaration> public_declarations(const fact_table& table);

}  // namespace qaf::detail
