#include "qaf/rating.hpp"

namespace qaf {

std::string_view to_string(rating_trend trend) noexcept {
  switch (trend) {
    case rating_trend::unchanged:
      return "unchanged";
    case rating_trend::escalated:
      return "escalated";
    case rating_trend::de_escalated:
      return "de_escalated";
    case rating_trend::none:
      break;
  }
  return "none";
}

std::string_view to_string(reason_kind kind) noexcept {
  switch (kind) {
    case reason_kind::requirement_met:
      return "met";
    case reason_kind::requirement_failed:
      return "failed";
    case reason_kind::rule:
      break;
  }
  return "rule";
}

std::string_view to_string(rating_status status) noexcept {
  switch (status) {
    case rating_status::provisional:
      return "provisional";
    case rating_status::not_assessed:
      return "not_assessed";
    case rating_status::decided:
      break;
  }
  return "decided";
}

}  // namespace qaf
