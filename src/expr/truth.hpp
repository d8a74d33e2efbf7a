// The result of a condition under three-valued (Kleene) logic: a condition that needs a fact the
// record does not give is neither true nor false but unknown, so missing evidence is never
// mistaken for good news.
#pragma once

#include <cstdint>
#include <string_view>

namespace qaf::detail {

enum class truth : std::uint8_t { no, yes, unknown };

constexpr truth operator!(truth t) noexcept {
  return t == truth::unknown ? truth::unknown : t == truth::yes ? truth::no : truth::yes;
}
/// Kleene conjunction: no if either is no, yes if both are yes, else unknown.
constexpr truth operator&&(truth a, truth b) noexcept {
  if (a == truth::no || b == truth::no) return truth::no;
  if (a == truth::yes && b == truth::yes) return truth::yes;
  return truth::unknown;
}
/// Kleene disjunction: yes if either is yes, no if both are no, else unknown.
constexpr truth operator||(truth a, truth b) noexcept { return !(!a && !b); }

/// "true", "false", "unknown".
constexpr std::string_view to_string(truth t) noexcept {
  return t == truth::yes ? "true" : t == truth::no ? "false" : "unknown";
}

}  // namespace qaf::detail
