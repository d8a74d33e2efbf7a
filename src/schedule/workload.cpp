#include "schedule/workload.hpp"

#include <algorithm>
#include <map>

namespace qaf::detail {
namespace {

std::string text_fact(const provider& record, std::string_view name) {
  const auto it = record.facts.find(name);
  if (it == record.facts.end()) return {};
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return {};
}

std::vector<month_load> empty_months(date from, date to) {
  std::vector<month_load> months;
  int y = from.year();
  int m = from.month();
  while (y < to.year() || (y == to.year() && m <= to.month())) {
    months.push_back({y, m, 0, 0});
    if (++m > 12) m = 1, ++y;
  }
  return months;
}

void count(std::vector<month_load>& months, int& overdue_before, const occurrence& o, date from,
           date to) {
  if (!o.on_site) return;
  if (o.due < from) {
    if (o.status == occurrence_status::overdue) ++overdue_before;
    return;
  }
  if (to < o.due || months.empty()) return;
  const int offset =
      (o.due.year() - months.front().year) * 12 + (o.due.month() - months.front().month);
  if (offset < 0 || static_cast<std::size_t>(offset) >= months.size()) return;
  const auto index = static_cast<std::size_t>(offset);
  ++months[index].visits;
  if (o.status != occurrence_status::done) ++months[index].outstanding;
}

}  // namespace

provider_schedule describe(const provider& record, schedule_result result) {
  return {record.id, text_fact(record, "name"), text_fact(record, "officer"), std::move(result)};
}

workload_tally::workload_tally(date from, date to) : from_(from), to_(to) {
  if (!(to < from)) total_.months = empty_months(from, to);
}

void workload_tally::add(const provider_schedule& s) {
  if (to_ < from_) return;
  officer_load* own = nullptr;
  if (!s.officer.empty()) {
    auto [it, added] = officers_.try_emplace(s.officer);
    if (added) {
      it->second.officer = s.officer;
      it->second.months = empty_months(from_, to_);
    }
    own = &it->second;
  }
  for (const occurrence& o : s.result.occurrences) {
    count(total_.months, total_.overdue_before_window, o, from_, to_);
    if (own != nullptr) count(own->months, own->overdue_before_window, o, from_, to_);
  }
}

workload workload_tally::result() const {
  workload out = total_;
  for (const auto& [name, load] : officers_) out.by_officer.push_back(load);
  return out;
}

workload summarise_workload(std::span<const provider_schedule> schedules, date from, date to) {
  workload_tally tally(from, to);
  for (const provider_schedule& s : schedules) tally.add(s);
  return tally.result();
}

}  // namespace qaf::detail
