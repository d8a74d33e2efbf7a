#include "portfolio/text_encoding.hpp"

#include <simdjson.h>

#include "facts/message_text.hpp"

namespace qaf::detail {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::nullopt;
  // Only on failure: find the line first (a newline is never part of a multi-byte character),
  // then step through it a character at a time, so the search stays linear.
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      for (std::size_t i = 0; i < line.size();) {
        const std::size_t length = character_length(line, i);
        if (!simdjson::validate_utf8(line.data() + i, length)) return line_start + i;
        i += length;
      }
      return line_start;  // unreachable when the validators agree
    }
    line_start = line_end + 1;
  }
  return text.size();  // unreachable when the validators agree
}

}  // namespace qaf::detail
