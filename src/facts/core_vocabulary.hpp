// The core vocabulary of DOMAIN.md section 4: the facts every pack knows, with the same names in
// every council so that provider records can be exchanged. A pack adds its own facts beside these
// and declares the values of service_type; it cannot redefine a core fact.
#pragma once

#include <span>
#include <string_view>

#include "qaf/pack.hpp"

namespace qaf::detail {

/// The fact whose enumeration values each pack declares (its service types).
inline constexpr std::string_view service_type_fact = "service_type";
/// The fact that identifies a provider; it is required in every record.
inline constexpr std::string_view id_fact = "id";

/// Every core fact in DOMAIN.md's order, each with core = true. service_type's values are empty
/// here: build_fact_table fills them from the pack. Integer facts are all >= 0.
std::span<const qaf::fact_declaration> core_vocabulary();

/// The regulator's rating scale (regulator_rating and the values of key_question_ratings).
std::span<const std::string_view> regulator_ratings() noexcept;

}  // namespace qaf::detail
