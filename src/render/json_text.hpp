// Appending JSON values to text without building an nlohmann document first: for the few fixed
// result shapes written once a provider (a rating line), where building and freeing the
// document cost more than the rules (docs/performance.md). The text is byte for byte what
// nlohmann's compact dump (error_handler_t::replace, no ASCII escaping) writes for the same
// value, because every string that is not plain printable ASCII is still escaped by nlohmann.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "qaf/date.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// `text` as a JSON string, quoted and escaped; malformed UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// A level as results write it: a number, or its name as a string.
void append_json_level(std::string& out, const level_value& level);

/// "YYYY-MM-DD", quoted.
void append_json_date(std::string& out, date on);

}  // namespace qaf::detail
