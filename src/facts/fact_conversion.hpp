// Typed conversions for readers of provider records: a qaf::fact_value into a bound slot, and the
// text of a CSV cell into a qaf::fact_value, each checked against the fact's declaration.
//
// Values (fact_value -> slot):
//   boolean      bool
//   integer      std::int64_t, or a double with an integral value (4.0 -> 4: JSON writers and
//                pandas columns with gaps give integers as doubles); at least the fact's minimum
//   number       double (finite) or std::int64_t
//   string       std::string
//   date         qaf::date, or a std::string in ISO 8601 form YYYY-MM-DD
//   enumeration  std::string, one of the declared values
//   object       qaf::fact_object: declared keys only, each holding one of the declared values;
//                a key left out is unknown
//   nullptr      only for nullable facts: a known "none"
//
// CSV cells (text -> fact_value), after trimming spaces and tabs at both ends:
//   empty          the fact is omitted: unknown
//   boolean        true or false, in any case (TRUE from a spreadsheet)
//   integer        decimal digits with an optional '-'; 4.0 is read as 4
//   number         a decimal number (2.5, -1, 1e3)
//   date           YYYY-MM-DD
//   enumeration    the value's name, as declared (lower snake case)
//   string         the text as it stands
//   null           the word null, for a nullable fact
// An object fact takes one column per key, named with the key after a dot, as conditions name
// it: key_question_ratings.safe, key_question_ratings.well_led.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "facts/bound_record.hpp"
#include "facts/fact_table.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// Checks `value` against fact `fact` and stores it in `record` (every slot of an object fact).
/// `pointer` names the value ("/facts/beds"); object keys are reported at pointer + "/<key>".
/// Reports qaf.fact.type, qaf.fact.enum, qaf.fact.null, qaf.fact.key or qaf.fact.range; returns
/// whether nothing was reported.
bool store_fact(const fact_table& table, std::uint32_t fact, const fact_value& value,
                bound_record& record, std::string_view pointer, std::vector<diagnostic>& out);

/// What a CSV column holds: a fact, and for an object fact one of its keys.
struct fact_column {
  std::uint32_t fact = 0;
  std::optional<std::uint32_t> key;
};

/// The column named `header` ("beds", "key_question_ratings.safe"). Reports qaf.fact.unknown
/// (with a suggestion) for a name no fact has, and qaf.fact.key for a key the object does not
/// declare, for a key on a fact that is not an object, or for an object fact without a key.
std::optional<fact_column> resolve_column(const fact_table& table, std::string_view header,
                                          std::string_view pointer, std::vector<diagnostic>& out);

/// The value of one CSV cell for `column`: std::nullopt in `value` for an empty cell. For an
/// object key the value is the key's enumeration value as a std::string. Reports qaf.fact.type,
/// qaf.fact.enum, qaf.fact.null or qaf.fact.range at `pointer`; returns whether nothing was.
bool parse_fact_text(const fact_table& table, const fact_column& column, std::string_view text,
                     std::optional<fact_value>& value, std::string_view pointer,
                     std::vector<diagnostic>& out);

/// parse_fact_text, then the value put into `into`: the record's id for the id column, a key of
/// the object in facts for an object key column, else facts[name]. An empty cell changes nothing.
bool read_cell(const fact_table& table, const fact_column& column, std::string_view text,
               provider& into, std::string_view pointer, std::vector<diagnostic>& out);

}  // namespace qaf::detail
