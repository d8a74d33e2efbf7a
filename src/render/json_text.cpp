#include "render/json_text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <variant>

#include "render/result_stream.hpp"

namespace qaf::detail {

void append_json_string(std::string& out, std::string_view text) {
  // Printable ASCII other than the quote and the backslash is written as it is by any JSON
  // writer; anything else (controls, non-ASCII, malformed UTF-8) goes through nlohmann.
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  });
  if (!plain) {
    append_compact(out, nlohmann::ordered_json(std::string(text)));
    return;
  }
  out += '"';
  out.append(text);
  out += '"';
}

void append_json_level(std::string& out, const level_value& level) {
  if (const auto* number = std::get_if<std::int64_t>(&level)) {
    out += std::to_string(*number);
  } else {
    append_json_string(out, std::get<std::string>(level));
  }
}

void append_json_date(std::string& out, date on) {
  out += '"';
  out += on.to_string();
  out += '"';
}

}  // namespace qaf::detail
