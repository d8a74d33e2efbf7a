#include "render/csv_writer.hpp"
#include "render/result_document.hpp"
#include "render/schedule_render.hpp"

namespace qaf::detail {

void write_schedule_csv(std::ostream& out, std::span<const provider_schedule> schedules,
                        bool header) {
  csv_writer csv(out);
  if (header)
    csv.row({"provider", "activity", "kind", "on_site", "due", "status", "done_on", "late",
             "days_late", "origin", "rule", "source_document", "source_section", "interpretation",
             "period", "period_name", "warnings"});
  for (const occurrence* o : ordered_occurrences(schedules)) {
    std::string warnings;
    for (const occurrence_warning& w : o->warnings) {
      warnings += (warnings.empty() ? "" : " | ") + w.code + ": " + w.message;
    }
    csv.row(std::vector<std::string>{
        o->provider, o->activity, std::string(to_string(o->kind)), o->on_site ? "true" : "false",
        o->due.to_string(), std::string(to_string(o->status)),
        o->done_on ? o->done_on->to_string() : "", o->late ? "true" : "false",
        std::to_string(o->days_late), std::string(to_string(o->origin)), o->rule,
        o->source.document, o->source.section, o->interpretation ? "true" : "false",
        o->period_start && o->period_end ? period_text(*o->period_start, *o->period_end) : "",
        o->period_name, warnings});
  }
}

}  // namespace qaf::detail
