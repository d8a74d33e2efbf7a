#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "calendar/region_rules.hpp"
#include "facts/spelling.hpp"
#include "qaf/calendar.hpp"

namespace qaf {
namespace detail {

std::span<const region_rules* const> all_region_rules() noexcept {
  static const std::array<const region_rules*, 1> all = {&england_and_wales_rules()};
  return all;
}

}  // namespace detail

namespace {

std::optional<region> find_region(std::string_view id, std::string& why) {
  std::string known;
  std::vector<std::string_view> ids;
  for (const detail::region_rules* rules : detail::all_region_rules()) {
    if (rules->id == id) return detail::region_access::make(*rules);
    known += known.empty() ? "" : ", ";
    known += rules->id;
    ids.emplace_back(rules->id);
  }
  why = "unknown region \"" + std::string(id.substr(0, 40)) + "\": the known regions are " + known +
        detail::did_you_mean(detail::closest_match(id, ids));
  return std::nullopt;
}

}  // namespace

region::region() noexcept : rules_(&detail::england_and_wales_rules()) {}

region region::england_and_wales() noexcept { return region(); }

region region::parse(std::string_view id) {
  std::string why;
  if (auto found = find_region(id, why)) return *found;
  throw std::invalid_argument(why);
}

std::optional<region> region::try_parse(std::string_view id, std::string* why) {
  std::string reason;
  auto found = find_region(id, reason);
  if (!found && why != nullptr) *why = std::move(reason);
  return found;
}

std::string_view region::id() const noexcept { return rules_->id; }
std::string_view region::title() const noexcept { return rules_->title; }
int region::first_year() const noexcept { return rules_->first_year; }
int region::last_year() const noexcept { return rules_->last_year; }

}  // namespace qaf
