// How user text appears in messages: made safe to show (valid UTF-8, no control characters) so
// that a message can always be printed and written into JSON, quoted, joined into lists.
// "Did you mean" suggestions are in spelling.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qaf::detail {

/// `items` joined by ", ".
template <class Range>
std::string join_list(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += std::string_view(item);
  }
  return out;
}

/// `text` with invalid UTF-8 bytes replaced by '?' and control characters by ' ': one output
/// character for each input character, so columns still line up.
std::string printable(std::string_view text);

/// The byte length of the character starting at byte `i` of `text`: a well-formed UTF-8
/// sequence, or a malformed byte with the continuation bytes after it (shown as one '?').
std::size_t character_length(std::string_view text, std::size_t i) noexcept;

/// Whether the character_length bytes at byte `i` of `text` are one well-formed UTF-8 character.
bool is_well_formed_at(std::string_view text, std::size_t i) noexcept;

/// The number of characters in `text`, counted as character_length steps.
std::size_t character_count(std::string_view text) noexcept;

/// A number as a person writes it, in the shortest form that reads back exactly ("2.5", "3").
std::string number_text(double v);

/// At most `max_characters` characters of `text`, then "..." when it was cut: for quoting user
/// text in a message without repeating all of it (a key may be megabytes long).
std::string excerpt(std::string_view text, std::size_t max_characters = 40);

/// `'text'`, printable.
std::string single_quoted(std::string_view text);

/// One RFC 6901 reference token: '~' -> "~0", '/' -> "~1".
std::string pointer_token(std::string_view name);
/// Appends pointer_token(name) to `out`, with no string of its own.
void append_pointer_token(std::string& out, std::string_view name);

/// Whether `name` is lower snake case: [a-z][a-z0-9_]*.
bool is_snake_case(std::string_view name) noexcept;

}  // namespace qaf::detail
