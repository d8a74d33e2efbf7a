#include "render/safe_text.hpp"

#include <cstdint>
#include <cstdio>

#include "facts/message_text.hpp"

namespace qaf::detail {
namespace {

// The escape for one control character, or "" when the character is not one. `c` is its first
// byte and `n` its length; the character is well formed.
std::string control_escape(std::string_view character) {
  const auto c = static_cast<std::uint8_t>(character[0]);
  std::uint32_t code = 0;
  if (c < 0x20 || c == 0x7f) {
    if (c == '\n') return "\\n";
    if (c == '\r') return "\\r";
    if (c == '\t') return "\\t";
    code = c;
  } else if (c == 0xc2 && character.size() == 2 &&
             static_cast<std::uint8_t>(character[1]) <= 0x9f) {
    code = static_cast<std::uint8_t>(character[1]);  // C1: U+0080-U+009F
  } else if (character == "\xE2\x80\xA8" || character == "\xE2\x80\xA9") {
    code = character[2] == '\xA8' ? 0x2028u : 0x2029u;
  } else {
    return {};
  }
  char escape[8];
  std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(code));
  return escape;
}

}  // namespace

std::string well_formed_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = character_length(text, i);
    if (is_well_formed_at(text, i)) {
      out.append(text.substr(i, n));
    } else {
      out.append(replacement_character);
    }
    i += n;
  }
  return out;
}

std::string escaped_text(std::string_view text) {
  const std::string valid = well_formed_utf8(text);
  std::string out;
  out.reserve(valid.size());
  const std::string_view rest(valid);
  for (std::size_t i = 0; i < rest.size();) {
    const std::size_t n = character_length(rest, i);
    const std::string_view character = rest.substr(i, n);
    const std::string escape = control_escape(character);
    out.append(escape.empty() ? character : std::string_view(escape));
    i += n;
  }
  return out;
}

bool unchanged_by_escaping(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c < 0x80) {  // ASCII: only the controls are escaped
      if (c < 0x20 || c == 0x7f) return false;
      ++i;
      continue;
    }
    if (!is_well_formed_at(text, i)) return false;
    const std::size_t n = character_length(text, i);
    if (!control_escape(text.substr(i, n)).empty()) return false;
    i += n;
  }
  return true;
}

std::string html_escaped(std::string_view text) {
  const std::string visible = escaped_text(text);
  std::string out;
  out.reserve(visible.size());
  for (const char c : visible) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_plain_number(std::string_view text) noexcept {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digits()) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

bool is_formula_like(std::string_view text) noexcept {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !is_plain_number(text);
    default:
      return false;
  }
}

}  // namespace qaf::detail
