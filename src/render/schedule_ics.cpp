#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

#include "qaf/version.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/schedule_render.hpp"

namespace qaf::detail {
namespace {

// RFC 5545 section 3.3.11: backslash, semicolon and comma are escaped, a line break is "\n".
// TEXT admits no control character but tab (CONTROL is %x00-08 / %x0A-1F / %x7F), so the others
// are dropped, and the C1 controls with them, which a terminal would act on; malformed UTF-8 is
// replaced by U+FFFD first (issue 11: NUL and ESC reached the calendar).
std::string escape_text(std::string_view text) {
  const std::string valid = well_formed_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) <= 0x9F) {
      ++i;  // a C1 control, U+0080-U+009F: two bytes, both dropped
      continue;
    }
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default:
        if (byte >= 0x20 && byte != 0x7F) out += c;
    }
  }
  return out;
}

// RFC 5545 section 3.1: lines of at most 75 octets, continued after CRLF and one space; a UTF-8
// sequence is never split. Every line written is well-formed UTF-8, so stepping back from the
// limit finds a lead byte within three octets; should it not (malformed text from a future
// caller), the cut falls at the limit, so the loop always advances (issue 11: it did not, and
// eighty continuation bytes made it spin forever).
void write_line(std::ostream& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > limit - 3 && (static_cast<unsigned char>(line[cut]) & 0xC0u) == 0x80u) --cut;
    if ((static_cast<unsigned char>(line[cut]) & 0xC0u) == 0x80u) cut = limit;
    out << line.substr(0, cut) << "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out << line << "\r\n";
}

std::string compact(date d) {
  char text[9];
  std::snprintf(text, sizeof text, "%04d%02d%02d", d.year(), d.month(), d.day());
  return text;
}

// FNV-1a, 64 bits: a stable digest for UIDs (not for security).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string uid(const pack& rules, const occurrence& o) {
  std::string key = rules.info().id;
  for (const std::string_view part :
       {std::string_view(o.provider), std::string_view(o.rule), std::string_view(o.activity)}) {
    key += '\x1f';
    key += part;
  }
  key += '\x1f' + o.due.to_string();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  return std::string("qaf-") + hex + "-" + compact(o.due) + "@" + rules.info().id;
}

std::string description(const occurrence& o) {
  std::string text = "Status: " + std::string(to_string(o.status));
  if (o.done_on) text += " (done on " + o.done_on->to_string() + ")";
  if (o.late) text += ", " + std::to_string(o.days_late) + " days late";
  text += "\nProvider: " + o.provider + "\nActivity: " + o.activity + " (" +
          std::string(to_string(o.kind)) + (o.on_site ? ", on site" : "") + ")";
  if (o.period_start && o.period_end) {
    text += "\nPeriod: " + (o.period_name.empty() ? "" : o.period_name + ", ") +
            period_text(*o.period_start, *o.period_end);
  } else if (!o.period_name.empty()) {
    text += "\nPeriod: " + o.period_name;
  }
  text += "\nRule: " + o.rule + " (" + std::string(to_string(o.origin)) +
          (o.interpretation ? ", the pack's interpretation of the source" : "") + ")";
  text += "\nSource: " + o.source.document + ", " + o.source.section;
  if (!o.source.quote.empty()) text += ": \"" + o.source.quote + "\"";
  for (const occurrence_warning& w : o.warnings) text += "\nWarning (" + w.code + "): " + w.message;
  return text;
}

}  // namespace

void write_schedule_ics(std::ostream& out, const pack& rules, const schedule_options& window,
                        std::span<const provider_schedule> schedules) {
  write_line(out, "BEGIN:VCALENDAR");
  write_line(out, "VERSION:2.0");
  write_line(out, "PRODID:-//qaf//qaf " + std::string(version()) + "//EN");
  write_line(out, "CALSCALE:GREGORIAN");
  write_line(out, "METHOD:PUBLISH");
  write_line(out, "X-WR-CALNAME:" + escape_text(rules.info().title));
  std::string notes;
  for (const occurrence_warning& w : result_warnings(schedules)) {
    notes += (notes.empty() ? "" : "\n") + ("Warning (" + w.code + "): " + w.message);
  }
  for (const provider_schedule& s : schedules) {
    if (s.result.unknown_facts.empty()) continue;
    std::string facts;
    for (const std::string& f : s.result.unknown_facts) facts += (facts.empty() ? "" : ", ") + f;
    notes += (notes.empty() ? "" : "\n") +
             ("Not scheduled in full: " + s.provider + " (unknown: " + facts + ")");
  }
  if (!notes.empty()) write_line(out, "X-WR-CALDESC:" + escape_text(notes));
  const std::string stamp = "DTSTAMP:" + compact(window.as_of) + "T000000Z";
  std::unordered_map<std::string_view, std::string_view> names;
  for (const provider_schedule& s : schedules) {
    if (!s.name.empty()) names.emplace(s.provider, s.name);
  }
  for (const occurrence* o : ordered_occurrences(schedules)) {
    const qaf::activity* a = rules.find_activity(o->activity);
    const auto named = names.find(o->provider);
    const std::string who(named != names.end() ? named->second : std::string_view(o->provider));
    write_line(out, "BEGIN:VEVENT");
    write_line(out, "UID:" + uid(rules, *o));
    write_line(out, stamp);
    write_line(out, "DTSTART;VALUE=DATE:" + compact(o->due));
    // The day after the last supported date is no date: RFC 5545 section 3.6.1 gives a DATE
    // DTSTART with no DTEND one day anyway, so DTEND is left out there (issue 11: it aborted).
    if (o->due < date::max()) write_line(out, "DTEND;VALUE=DATE:" + compact(add_days(o->due, 1)));
    write_line(out,
               "SUMMARY:" + escape_text(o->activity + " " + (a != nullptr ? a->title : "") + ": " +
                                        who + " (" + std::string(to_string(o->status)) + ")"));
    write_line(out, "DESCRIPTION:" + escape_text(description(*o)));
    write_line(out, "CATEGORIES:" + escape_text(std::string(to_string(o->kind))));
    write_line(out, "TRANSP:TRANSPARENT");
    write_line(out, "END:VEVENT");
  }
  write_line(out, "END:VCALENDAR");
}

}  // namespace qaf::detail
