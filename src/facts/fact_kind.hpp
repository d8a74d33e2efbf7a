// The kinds of value a fact holds, as the fact table, the binder and the condition compiler use
// them. A pack names them in qaf::fact_declaration::type: "boolean", "integer", "number",
// "string", "date", "enum", "object".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace qaf::detail {

/// An object fact holds one enumeration value for each of its declared keys
/// (key_question_ratings: safe, effective, caring, responsive, well_led -> a rating).
enum class fact_kind : std::uint8_t { boolean, integer, number, string, date, enumeration, object };

/// The name a pack uses for the kind: "boolean", ..., "enum", "object".
std::string_view fact_kind_name(fact_kind kind) noexcept;
/// The kind a pack names, or std::nullopt for a word that names none.
std::optional<fact_kind> parse_fact_kind(std::string_view name) noexcept;

}  // namespace qaf::detail
