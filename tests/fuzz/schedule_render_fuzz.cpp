// libFuzzer: a portfolio (CSV or JSON) and a window in, every engine question asked, every
// renderer out (issue 11). Whatever the bytes: no crash, no hang, and every output is safe:
// well-formed UTF-8; CSV rows one line each, with no formula cell and no control character; the
// text report with no control character but its own line breaks; iCalendar lines of at most 75
// octets with no control character but tab.
//
// Input: byte 0 chooses the format (bit 0: CSV) and the pack (bits 1-2); bytes 1-6 are three
// 16-bit day offsets into 1995-2100, the years the command line accepts: from, the window's
// length, as-of. The rest is the portfolio.
#include <cstddef>
#include <cstdint>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/engine.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "render/assess_text.hpp"
#include "render/document_writer.hpp"
#include "render/html_report.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/safe_text.hpp"
#include "render/schedule_render.hpp"
#include "render/summary_render.hpp"

namespace {

const qaf::pack& rules(unsigned choice) {
  static const qaf::pack packs[] = {qaf::load_pack_or_throw(QAF_FUZZ_PACK),
                                    qaf::load_pack_or_throw("coventry-children"),
                                    qaf::load_pack_or_throw("bolton-adults-2020"),
                                    qaf::load_pack_or_throw("bolton-children-2024")};
  return packs[choice % 4];
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void check_utf8(const std::string& text) { check(qaf::detail::well_formed_utf8(text) == text); }

// RFC 4180 rows ending in CRLF; no cell a spreadsheet could run, no control character inside.
void check_csv(const std::string& text) {
  check_utf8(text);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    check(end != std::string::npos);
    const std::string_view row(text.data() + at, end - at);
    for (const char c : row) check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    // Split into cells, undoing the quoting.
    std::size_t i = 0;
    while (i <= row.size()) {
      std::string cell;
      if (i < row.size() && row[i] == '"') {
        ++i;
        for (;;) {
          check(i < row.size());
          if (row[i] == '"') {
            if (i + 1 < row.size() && row[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          cell += row[i++];
        }
        check(i == row.size() || row[i] == ',');
      } else {
        const std::size_t comma = row.find(',', i);
        const std::size_t stop = comma == std::string_view::npos ? row.size() : comma;
        cell = row.substr(i, stop - i);
        check(cell.find('"') == std::string::npos);
        i = stop;
      }
      check(!qaf::detail::is_formula_like(cell));
      ++i;  // past the comma, or past the end
    }
    at = end + 2;
  }
}

void check_ics(const std::string& text) {
  check_utf8(text);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    check(end != std::string::npos);
    check(end - at <= 75);
    for (std::size_t i = at; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      check((c >= 0x20 && c != 0x7f) || c == '\t');
    }
    at = end + 2;
  }
}

void check_text(const std::string& text) {
  check_utf8(text);
  for (const char c : text)
    check((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\n');
}

std::uint16_t read16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 7) return 0;
  const qaf::pack& pack = rules(data[0] >> 1);
  const std::string_view text(reinterpret_cast<const char*>(data) + 7, size - 7);
  const qaf::portfolio_result read = (data[0] & 1) != 0
                                         ? qaf::parse_portfolio_csv(pack, text, "fuzz.csv")
                                         : qaf::parse_portfolio_json(pack, text, "fuzz.json");
  if (!read) return 0;

  const qaf::date first = qaf::date::parse("1995-01-01");
  const qaf::date last = qaf::date::parse("2100-12-31");
  const auto clamp = [&](qaf::date d) { return last < d ? last : d; };
  const qaf::date from = clamp(qaf::add_days(first, read16(data + 1) % 38'716));
  const qaf::date to = clamp(qaf::add_days(from, read16(data + 3) % 1'500));
  const qaf::date as_of = clamp(qaf::add_days(first, read16(data + 5) % 38'716));
  const qaf::schedule_options window{from, to, as_of};

  const qaf::engine engine(pack);
  std::vector<qaf::detail::provider_schedule> schedules;
  std::vector<qaf::detail::provider_assessment> assessments;
  std::vector<qaf::rating> ratings;
  std::vector<qaf::kpi_result> kpis;
  try {
    for (const qaf::provider& p : read.portfolio->providers) {
      schedules.push_back(qaf::detail::describe(p, engine.schedule(p, window)));
      std::vector<qaf::rating> rated = engine.rate(p, as_of);
      std::vector<qaf::kpi_result> measured = engine.evaluate_kpis(p);
      ratings.insert(ratings.end(), rated.begin(), rated.end());
      kpis.insert(kpis.end(), measured.begin(), measured.end());
      assessments.push_back({schedules.back(), std::move(rated), std::move(measured)});
    }
  } catch (const qaf::date_error&) {
    return 0;  // a date computed past 9999-12-31: the command line reports it, exit 1
  } catch (const std::out_of_range&) {
    return 0;  // a working day asked outside the years with bank holidays: likewise
  }

  for (const auto format :
       {qaf::detail::document_format::json, qaf::detail::document_format::jsonl}) {
    for (const bool explain : {false, true}) {
      std::vector<qaf::detail::provider_assessment> copy = assessments;
      std::ostringstream document;
      qaf::detail::write_document(
          document, pack, window,
          {.schedule = true, .ratings = true, .kpis = true, .format = format, .explain = explain},
          copy);
      check_utf8(document.str());
    }
  }
  std::ostringstream csv;
  qaf::detail::write_schedule_csv(csv, schedules);
  check_csv(csv.str());
  std::ostringstream rating_csv;
  qaf::detail::write_ratings_csv(rating_csv, ratings);
  check_csv(rating_csv.str());
  std::ostringstream kpi_csv;
  qaf::detail::write_kpi_csv(kpi_csv, kpis);
  check_csv(kpi_csv.str());
  std::ostringstream ics;
  qaf::detail::write_schedule_ics(ics, pack, window, schedules);
  check_ics(ics.str());
  qaf::detail::summary_builder counted(pack, window);
  for (const qaf::detail::provider_assessment& a : assessments) counted.add(a);
  const qaf::detail::portfolio_summary summary = counted.finish();
  check_utf8(qaf::detail::json_text(qaf::detail::summary_json(summary)));
  std::ostringstream report;
  qaf::detail::write_assessment_text(report, pack, window, summary, assessments);
  check_text(report.str());
  std::ostringstream html;
  qaf::detail::write_assessment_html(html, pack, window, summary, assessments);
  check_utf8(html.str());
  return 0;
}
