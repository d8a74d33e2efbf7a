// The names results use for occurrence statuses and origins (INTERFACE.md).
#include "qaf/schedule.hpp"

namespace qaf {

std::string_view to_string(occurrence_status status) noexcept {
  switch (status) {
    case occurrence_status::done:
      return "done";
    case occurrence_status::overdue:
      return "overdue";
    case occurrence_status::due:
      return "due";
    case occurrence_status::upcoming:
      return "upcoming";
  }
  return "upcoming";
}

std::string_view to_string(occurrence_origin origin) noexcept {
  switch (origin) {
    case occurrence_origin::schedule:
      return "schedule";
    case occurrence_origin::trigger:
      return "trigger";
    case occurrence_origin::follow_up:
      return "follow_up";
  }
  return "schedule";
}

}  // namespace qaf
