// How a rejected input is shown inside an error message.
#pragma once

#include <string>
#include <string_view>

namespace qaf::detail {

/// `text` in double quotes with control characters escaped as \xNN and anything past 40
/// characters cut to "...", so that a message stays one readable line whatever the input was.
inline std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  constexpr std::string_view hex = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text.substr(0, shown)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      out += c;
    }
  }
  if (text.size() > shown) out += "...";
  out += '"';
  return out;
}

}  // namespace qaf::detail
