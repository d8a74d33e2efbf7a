// School terms: the default three a year, or the exact dates a pack supplies.
#include <algorithm>
#include <string>

#include "calendar/gregorian.hpp"
#include "qaf/date.hpp"

namespace qaf {
namespace {

// The default terms of one calendar year, in date order: Spring, Summer, Autumn.
std::vector<school_term> default_terms_of(int year) {
  const std::string y = std::to_string(year);
  return {
      {"Spring " + y, detail::from_checked_ymd(year, 1, 1), detail::from_checked_ymd(year, 3, 31)},
      {"Summer " + y, detail::from_checked_ymd(year, 4, 1), detail::from_checked_ymd(year, 7, 31)},
      {"Autumn " + y, detail::from_checked_ymd(year, 9, 1),
       detail::from_checked_ymd(year, 12, 31)}};
}

std::string describe(const school_term& t) {
  return "term \"" + t.name + "\" (" + t.start.to_string() + " to " + t.end.to_string() + ")";
}

}  // namespace

term_calendar::term_calendar(std::vector<school_term> terms) {
  std::sort(terms.begin(), terms.end(),
            [](const school_term& a, const school_term& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].end < terms[i].start)
      throw date_error(describe(terms[i]) + " ends before it starts");
    if (i > 0 && terms[i].start <= terms[i - 1].end) {
      throw date_error(describe(terms[i - 1]) + " overlaps " + describe(terms[i]));
    }
  }
  terms_ = std::make_shared<const std::vector<school_term>>(std::move(terms));
}

std::span<const school_term> term_calendar::terms() const noexcept {
  if (terms_ == nullptr) return {};
  return *terms_;
}

std::optional<school_term> term_calendar::containing(date d) const {
  if (terms_ == nullptr) {
    for (school_term& t : default_terms_of(d.year())) {
      if (t.start <= d && d <= t.end) return std::move(t);
    }
    return std::nullopt;
  }
  // The last term starting on or before d is the only one that can contain it: terms never overlap.
  const auto after = std::upper_bound(terms_->begin(), terms_->end(), d,
                                      [](date day, const school_term& t) { return day < t.start; });
  if (after == terms_->begin() || std::prev(after)->end < d) return std::nullopt;
  return *std::prev(after);
}

std::vector<school_term> term_calendar::ending_in(date from, date to) const {
  std::vector<school_term> found;
  if (to < from) return found;
  if (terms_ == nullptr) {
    // Default terms end within their own calendar year, so only the years of [from, to] matter.
    for (int year = from.year(); year <= to.year(); ++year) {
      for (school_term& t : default_terms_of(year)) {
        if (from <= t.end && t.end <= to) found.push_back(std::move(t));
      }
    }
    return found;
  }
  // Non-overlapping terms sorted by start are sorted by end as well.
  auto it = std::lower_bound(terms_->begin(), terms_->end(), from,
                             [](const school_term& t, date day) { return t.end < day; });
  for (; it != terms_->end() && it->end <= to; ++it) found.push_back(*it);
  return found;
}

}  // namespace qaf
