#include "facts/message_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace qaf::detail {

namespace {

// The byte length of the character at `i`; `valid` says whether it is well-formed UTF-8.
std::size_t decode(std::string_view text, std::size_t i, bool& valid) noexcept {
  valid = true;
  const auto c = static_cast<std::uint8_t>(text[i]);
  if (c < 0x80) return 1;
  // A well-formed multi-byte sequence: no overlongs, no surrogates, at most U+10FFFF.
  std::size_t length = 0;
  std::uint32_t low = 0;
  if (c >= 0xc2 && c <= 0xdf) {
    length = 2;
    low = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    length = 3;
    low = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    length = 4;
    low = 0x10000;
  }
  bool ok = length != 0 && i + length <= text.size();
  std::uint32_t code = 0;
  if (ok) {
    code = c & (length == 2 ? 0x1fu : length == 3 ? 0x0fu : 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<std::uint8_t>(text[i + k]);
      if ((cc & 0xc0) != 0x80) {
        ok = false;
        break;
      }
      code = (code << 6) | (cc & 0x3fu);
    }
  }
  if (ok && code >= low && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return length;
  valid = false;
  // Malformed: the lead byte and any continuation bytes after it count as one character.
  std::size_t n = 1;
  while (i + n < text.size() && (static_cast<std::uint8_t>(text[i + n]) & 0xc0) == 0x80) ++n;
  return n;
}

}  // namespace

std::size_t character_length(std::string_view text, std::size_t i) noexcept {
  bool valid = true;
  return decode(text, i, valid);
}

bool is_well_formed_at(std::string_view text, std::size_t i) noexcept {
  bool valid = true;
  decode(text, i, valid);
  return valid;
}

std::size_t character_count(std::string_view text) noexcept {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += character_length(text, i)) ++count;
  return count;
}

std::string excerpt(std::string_view text, std::size_t max_characters) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < text.size() && count < max_characters; ++count) {
    i += character_length(text, i);
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "...";
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    bool valid = true;
    const std::size_t n = decode(text, i, valid);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
    } else if (valid) {
      out.append(text.substr(i, n));
    } else {
      out += '?';
    }
    i += n;
  }
  return out;
}

std::string single_quoted(std::string_view text) { return '\'' + printable(text) + '\''; }

std::string pointer_token(std::string_view name) {
  std::string out;
  append_pointer_token(out, name);
  return out;
}

void append_pointer_token(std::string& out, std::string_view name) {
  // A plain loop: find_first_of with a set of two calls memchr once a character, which perf
  // showed costing more than the rest of the pointer.
  bool plain = true;
  for (const char c : name) plain = plain && c != '~' && c != '/';
  if (plain) {
    out.append(name);
    return;
  }
  for (const char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

bool is_snake_case(std::string_view name) noexcept {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string number_text(double v) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

}  // namespace qaf::detail
