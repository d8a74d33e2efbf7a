#include "render/document_writer.hpp"

#include <sstream>

#include "render/json_text.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/result_document.hpp"
#include "render/rule_catalogue.hpp"
#include "render/schedule_render.hpp"
#include "render/summary_render.hpp"
#include "schedule/schedule_context.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::ordered_json;

stream_format stream_of(document_format format) {
  return format == document_format::jsonl ? stream_format::jsonl : stream_format::json;
}

// Appends `item` to a json list chunk, joined as result_stream expects.
void append_item(std::string& chunk, const json& item) {
  if (!chunk.empty()) chunk += result_stream::json_separator;
  append_compact(chunk, item);
}

json warnings_json(const std::vector<occurrence_warning>& warnings) {
  json list = json::array();
  for (const occurrence_warning& w : warnings) {
    list.push_back({{"code", w.code}, {"message", w.message}});
  }
  return list;
}

}  // namespace

document_writer::document_writer(std::ostream& out, const pack& rules,
                                 const schedule_options& window, document_spec spec)
    : spec_(spec), rules_(&rules), window_(window), stream_(out, stream_of(spec.format)) {
  const std::optional<date> from = spec.schedule ? std::optional(window.from) : std::nullopt;
  const std::optional<date> to = spec.schedule ? std::optional(window.to) : std::nullopt;
  if (auto w = outside_effective_period(rules.info(), from, to, window.as_of)) {
    warnings_.push_back(std::move(*w));
  }
  if (spec.schedule) workload_.emplace(window.from, window.to);
  if (spec.summary) summary_.emplace(rules, window);

  if (spec.format == document_format::csv) {
    // The header row, from the writer of the one table a csv document holds.
    if (spec.schedule) {
      write_schedule_csv(out, {});
    } else if (spec.ratings) {
      write_ratings_csv(out, {});
    } else {
      write_kpi_csv(out, {});
    }
    return;
  }
  json header = result_document(rules, window.as_of);
  if (spec.schedule) {
    header["from"] = window.from.to_string();
    header["to"] = window.to.to_string();
  }
  header["warnings"] = warnings_json(warnings_);
  header["rules"] = rules_json(
      rules, {.classification = spec.ratings, .scheduling = spec.schedule, .kpis = spec.kpis});
  if (spec.ratings) header["levels"] = levels_json(rules);
  stream_.header(header);
  if (spec.format == document_format::json) {
    const std::vector<std::string> names = list_names();
    for (std::size_t i = 1; i < names.size(); ++i) later_.push_back(std::make_unique<spool>());
    stream_.begin_list(names.front());
  }
}

document_writer::~document_writer() = default;

std::vector<std::string> document_writer::list_names() const {
  std::vector<std::string> names;
  if (spec_.schedule) names.insert(names.end(), {"occurrences", "minimum_visits", "unknown_facts"});
  if (spec_.ratings) names.emplace_back("ratings");
  if (spec_.kpis) names.emplace_back("kpis");
  return names;
}

rendered_chunk document_writer::render(std::span<provider_assessment> assessments) const {
  rendered_chunk out;
  const bool explain = spec_.explain;
  if (spec_.summary) {
    // Counted on this thread, merged in portfolio order by write(): the summary is the same
    // whatever the number of threads.
    out.summary.emplace(*rules_, window_);
    for (const provider_assessment& a : assessments) out.summary->add(a);
  }
  if (spec_.format == document_format::csv) {
    std::ostringstream rows;
    for (provider_assessment& a : assessments) {
      if (spec_.schedule) {
        write_schedule_csv(rows, std::span(&a.schedule, 1), /*header=*/false);
      } else if (spec_.ratings) {
        write_ratings_csv(rows, a.ratings, /*header=*/false);
      } else {
        write_kpi_csv(rows, a.kpis, /*header=*/false);
      }
    }
    out.lists.push_back(std::move(rows).str());
  } else if (spec_.format == document_format::jsonl) {
    std::string lines;
    // One compact object a line, its members written in turn: {"provider": ..., "occurrences":
    // [...], ..., "ratings": [...], "kpis": [...]}.
    for (const provider_assessment& a : assessments) {
      lines += "{\"provider\":";
      append_json_string(lines, a.schedule.provider);
      if (spec_.schedule) {
        const schedule_result& s = a.schedule.result;
        lines += ",\"occurrences\":[";
        for (std::size_t i = 0; i < s.occurrences.size(); ++i) {
          if (i > 0) lines += ',';
          append_occurrence_json(lines, s.occurrences[i]);
        }
        lines += ']';
        lines += ",\"minimum_visits\":[";
        for (std::size_t i = 0; i < s.minimum_visits.size(); ++i) {
          if (i > 0) lines += ',';
          append_minimum_visits_json(lines, a.schedule.provider, s.minimum_visits[i]);
        }
        lines += ']';
        lines += ",\"unknown_facts\":";
        append_compact(lines, json(s.unknown_facts));
      }
      if (spec_.ratings) {
        lines += ",\"ratings\":[";
        const std::size_t first = lines.size();
        if (a.rated != nullptr) {
          for (std::uint32_t i = a.rated_range.begin; i < a.rated_range.end; ++i) {
            if (lines.size() > first) lines += ',';
            append_rating_json(lines, rules_->data(), a.schedule.provider, *a.rated,
                               a.rated->ratings[i]);
          }
        }
        for (const rating& r : a.ratings) {
          if (lines.size() > first) lines += ',';
          append_rating_json(lines, r, explain);
        }
        lines += ']';
      }
      if (spec_.kpis) {
        json kpis = json::array();
        for (const kpi_result& k : a.kpis) kpis.push_back(kpi_result_json(k, explain));
        lines += ",\"kpis\":";
        append_compact(lines, kpis);
      }
      lines += "}\n";
    }
    out.lists.push_back(std::move(lines));
  } else {
    out.lists.resize(list_names().size());
    std::size_t list = 0;
    if (spec_.schedule) {
      for (const provider_assessment& a : assessments) {
        const schedule_result& s = a.schedule.result;
        for (const occurrence& o : s.occurrences) {
          std::string& chunk = out.lists[0];
          if (!chunk.empty()) chunk += result_stream::json_separator;
          append_occurrence_json(chunk, o);
        }
        for (const minimum_visits_check& c : s.minimum_visits) {
          std::string& chunk = out.lists[1];
          if (!chunk.empty()) chunk += result_stream::json_separator;
          append_minimum_visits_json(chunk, a.schedule.provider, c);
        }
        if (!s.unknown_facts.empty()) {
          append_item(out.lists[2],
                      json{{"provider", a.schedule.provider}, {"facts", s.unknown_facts}});
        }
      }
      list = 3;
    }
    if (spec_.ratings) {
      std::string& chunk = out.lists[list];
      for (const provider_assessment& a : assessments) {
        if (a.rated != nullptr) {
          for (std::uint32_t i = a.rated_range.begin; i < a.rated_range.end; ++i) {
            if (!chunk.empty()) chunk += result_stream::json_separator;
            append_rating_json(chunk, rules_->data(), a.schedule.provider, *a.rated,
                               a.rated->ratings[i]);
          }
        }
        for (const rating& r : a.ratings) {
          if (!chunk.empty()) chunk += result_stream::json_separator;
          append_rating_json(chunk, r, explain);
        }
      }
      ++list;
    }
    if (spec_.kpis) {
      for (const provider_assessment& a : assessments) {
        for (const kpi_result& k : a.kpis)
          append_item(out.lists[list], kpi_result_json(k, explain));
      }
    }
  }
  if (spec_.schedule) {
    out.schedules.reserve(assessments.size());
    for (provider_assessment& a : assessments) out.schedules.push_back(std::move(a.schedule));
  }
  return out;
}

void document_writer::write(rendered_chunk&& chunk) {
  if (workload_) {
    for (const provider_schedule& s : chunk.schedules) workload_->add(s);
  }
  if (summary_ && chunk.summary) summary_->merge(*chunk.summary);
  if (chunk.lists.empty()) return;
  if (spec_.format == document_format::json) {
    stream_.list_chunk(chunk.lists[0]);
    for (std::size_t i = 1; i < chunk.lists.size(); ++i) later_[i - 1]->append(chunk.lists[i]);
  } else {
    stream_.lines(chunk.lists[0]);
  }
}

void document_writer::finish() {
  if (spec_.format == document_format::csv) return;
  json trailer = json::object();
  if (workload_) trailer["workload"] = workload_json(workload_->result());
  // The summary's shortfalls grow with the portfolio: written one at a time where the marker
  // stands, not built into the trailer whole.
  constexpr std::string_view marker = "qaf:minimum_visit_shortfalls";
  std::optional<portfolio_summary> summary;
  if (summary_) {
    summary = std::move(*summary_).finish();
    trailer["summary"] = summary_json(*summary, marker);
  }
  if (spec_.format == document_format::json) {
    stream_.end_list();
    const std::vector<std::string> names = list_names();
    for (std::size_t i = 1; i < names.size(); ++i) {
      stream_.begin_list(names[i]);
      later_[i - 1]->copy_to(stream_);
      stream_.end_list();
    }
  }
  if (summary) {
    stream_.trailer(trailer,
                    {"minimum_visit_shortfalls", marker, summary->shortfalls.size(),
                     [&summary](std::size_t i) { return shortfall_json(summary->shortfalls[i]); }});
  } else {
    stream_.trailer(trailer);
  }
  stream_.end();
}

void write_document(std::ostream& out, const pack& rules, const schedule_options& window,
                    document_spec spec, std::span<provider_assessment> assessments) {
  document_writer writer(out, rules, window, spec);
  writer.write(writer.render(assessments));
  writer.finish();
}

}  // namespace qaf::detail
