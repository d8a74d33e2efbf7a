#include "kpi/consequence_ladder.hpp"

#include <string>
#include <string_view>

namespace qaf::detail {
namespace {

kpi_consequence named(std::string_view name) noexcept {
  if (name == "review_meeting") return kpi_consequence::review_meeting;
  if (name == "default_notice") return kpi_consequence::default_notice;
  return kpi_consequence::none;
}

}  // namespace

void apply_consequence_ladder(const kpi_consequences& rules, const pack_info& info,
                              std::span<kpi_result> results) {
  bool after_review = false;  // an unexplained miss has been met with a consequence, unresolved
  for (kpi_result& r : results) {
    // A period the ledger owed and never got keeps its return_missed (set by the evaluator).
    const bool missed = r.consequence == kpi_consequence::return_missed;
    r.consequence = kpi_consequence::none;
    if (r.period_end < info.effective_from) {
      r.note += std::string(r.note.empty() ? "" : "; ") +
                "outside_effective_period: the period ends before the pack came into force on " +
                info.effective_from.to_string() + ", so no consequence is drawn";
    } else if (missed) {
      r.consequence = kpi_consequence::return_missed;
    } else if (r.status == kpi_status::met) {
      after_review = false;
    } else if (r.status == kpi_status::not_met && !r.explained && rules.present) {
      r.consequence = named(after_review ? rules.not_met_after_review : rules.not_met);
      after_review = true;
    }
  }
}

}  // namespace qaf::detail
