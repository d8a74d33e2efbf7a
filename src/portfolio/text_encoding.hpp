// What both portfolio readers do with the bytes before parsing: invalid UTF-8 is an error at the
// first bad character. A byte order mark is skipped first, as in packs (input_file.hpp,
// without_utf8_bom).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace qaf::detail {

/// The byte offset of the first character of `text` that is not well-formed UTF-8, or nullopt
/// when the whole text is valid (checked with simdjson's validator).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace qaf::detail
