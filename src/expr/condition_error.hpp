// How a mistake in a condition is shown: the column, the reason, and the text with a caret under
// the column.
//
//   column 19: 'inadequte' is not a value of regulator_rating; expected one of ...
//   regulator_rating == 'inadequte'
//                       ^
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "qaf/diagnostic.hpp"

namespace qaf::detail {

/// The 1-based column, in characters, of byte `offset` of `text`.
std::size_t condition_column(std::string_view text, std::size_t offset) noexcept;

/// A diagnostic for the mistake at byte `offset` of condition `text`.
diagnostic condition_diagnostic(std::string_view code, std::string_view pointer,
                                std::string_view text, std::size_t offset, std::string_view reason);

}  // namespace qaf::detail
