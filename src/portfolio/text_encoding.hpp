// What both portfolio readers do with the bytes before parsing: one policy for a byte order mark
// (accepted, as in packs) and for invalid UTF-8 (an error at the first bad character).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace qaf::detail {

/// `text` without a leading UTF-8 byte order mark, which spreadsheet programs write. Locations are
/// counted after it: the mark is invisible in an editor.
std::string_view without_byte_order_mark(std::string_view text) noexcept;

/// The byte offset of the first character of `text` that is not well-formed UTF-8, or nullopt
/// when the whole text is valid (checked with simdjson's validator).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace qaf::detail
