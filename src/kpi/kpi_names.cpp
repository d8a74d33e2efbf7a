// The names results use for KPI statuses and consequences (INTERFACE.md, results schema).
#include "qaf/kpi.hpp"

namespace qaf {

std::string_view to_string(kpi_status status) noexcept {
  switch (status) {
    case kpi_status::met:
      return "met";
    case kpi_status::not_met:
      return "not_met";
    case kpi_status::no_data:
      return "no_data";
    case kpi_status::not_applicable:
      return "not_applicable";
    case kpi_status::no_baseline:
      return "no_baseline";
  }
  return "no_data";
}

std::string_view to_string(kpi_consequence consequence) noexcept {
  switch (consequence) {
    case kpi_consequence::none:
      return "none";
    case kpi_consequence::review_meeting:
      return "review_meeting";
    case kpi_consequence::return_missed:
      return "return_missed";
    case kpi_consequence::default_notice:
      return "default_notice";
  }
  return "none";
}

}  // namespace qaf
