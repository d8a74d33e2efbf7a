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

}  // namespace qaf
