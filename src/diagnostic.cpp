#include "qaf/diagnostic.hpp"

#include <cstdint>
#include <ostream>
#include <utility>

#include "facts/message_text.hpp"

namespace qaf {
namespace {

std::string first_message(const std::vector<diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  std::string text = diagnostics.front().to_string();
  if (diagnostics.size() > 1) {
    text += " (and " + std::to_string(diagnostics.size() - 1) + " more)";
  }
  return text;
}

void append_hex(std::string& out, std::string_view prefix, std::uint32_t value, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xfu];
}

// Text from the input reaches a terminal through a diagnostic (a member key, a value, a file
// name), so nothing in it may act on the terminal: C0 and C1 control characters (ESC starts the
// escape sequences that move the cursor or retitle the window) are written as \u001b, and bytes
// that are not UTF-8 as \xNN. A line feed is kept only where `keep_newlines` says so: a
// condition's message shows the condition and a caret on lines of their own.
void append_escaped(std::string& out, std::string_view text, bool keep_newlines) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && !(c == '\n' && keep_newlines)) || c == 0x7f) {
        append_hex(out, "\\u", c, 4);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t n = detail::character_length(text, i);
    if (!detail::is_well_formed_at(text, i)) {
      for (std::size_t k = 0; k < n; ++k) {
        append_hex(out, "\\x", static_cast<std::uint8_t>(text[i + k]), 2);
      }
    } else if (c == 0xc2 && static_cast<std::uint8_t>(text[i + 1]) < 0xa0) {
      append_hex(out, "\\u", static_cast<std::uint8_t>(text[i + 1]), 4);  // C1: U+0080..U+009F
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
}

}  // namespace

std::string diagnostic::to_string() const {
  std::string out;
  out.reserve(file.size() + pointer.size() + code.size() + message.size() + 8);
  append_escaped(out, file, false);
  out += ':';
  append_escaped(out, pointer, false);
  out += ": ";
  append_escaped(out, code, false);
  out += ": ";
  append_escaped(out, message, true);
  return out;
}

std::ostream& operator<<(std::ostream& out, const diagnostic& d) { return out << d.to_string(); }

input_error::input_error(std::vector<diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace qaf
