// User text on its way out: whatever bytes a portfolio or pack held, what qaf writes is
// well-formed UTF-8 and cannot forge structure in the format it lands in. One function a format,
// shared by every writer of that format (issue 11): text reports, CSV cells (csv_writer), and
// iCalendar TEXT values (schedule_ics), HTML text and attribute values (html_report). JSON goes
// through json_text in result_document.hpp.
#pragma once

#include <string>
#include <string_view>

namespace qaf::detail {

/// U+FFFD REPLACEMENT CHARACTER, for each malformed UTF-8 sequence.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// `text` with each malformed UTF-8 sequence (a bad lead byte and the continuation bytes after
/// it, as character_length counts them) replaced by U+FFFD.
std::string well_formed_utf8(std::string_view text);

/// For a line of a text report: well_formed_utf8, with every control character escaped so that
/// user text can neither start a line of its own nor drive a terminal. "\n", "\r" and "\t" for
/// those three; "\u001b" for ESC and the other C0 controls, DEL, the C1 controls (U+0080-U+009F)
/// and the line and paragraph separators U+2028 and U+2029.
std::string escaped_text(std::string_view text);

/// Whether escaped_text(text) is `text` itself (well-formed UTF-8 with no character it escapes),
/// found without building a string: writers that see mostly plain text write it as it stands.
bool unchanged_by_escaping(std::string_view text) noexcept;

/// For HTML text or a quoted attribute value: escaped_text (so control characters are visible,
/// as in the text report), then & < > " ' as character references. The result can neither open
/// a tag nor close an attribute.
std::string html_escaped(std::string_view text);

/// Whether `text` is exactly a decimal number as qaf writes one ("-3", "12.5", "-1.5e+20"): a
/// spreadsheet reads it as that number and nothing else, so it needs no neutralising.
bool is_plain_number(std::string_view text) noexcept;

/// Whether a spreadsheet could take `text` as a formula: it starts with = + - @, a tab or a CR
/// and is not a plain number (OWASP, "CSV injection").
bool is_formula_like(std::string_view text) noexcept;

}  // namespace qaf::detail
