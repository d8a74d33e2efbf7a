#include "schedule/schedule_context.hpp"

#include <algorithm>
#include <tuple>

namespace qaf::detail {
namespace {

std::optional<date> read_monitoring_start(const pack_data& pack, const bound_record& facts) {
  const std::optional<std::uint32_t> slot = pack.table.find_slot("monitoring_start");
  if (!slot) return std::nullopt;
  const qaf::detail::slot& value = facts.at(*slot);
  if (!value.is_known()) return std::nullopt;
  return date::from_days(value.as_days());
}

}  // namespace

schedule_context::schedule_context(const pack_data& pack_in, const provider& record_in,
                                   const bound_record& facts_in, const schedule_options& options_in)
    : pack(pack_in),
      record(record_in),
      facts(facts_in),
      options(options_in),
      history(pack_in, record_in, options_in.as_of),
      monitoring_start(read_monitoring_start(pack_in, facts_in)),
      unknown_(pack_in.table.total_slots()),
      scratch_(pack_in.table.total_slots()) {}

truth schedule_context::applies(const when_clause& when) {
  if (!when.compiled) return truth::yes;
  const truth t = when.compiled->evaluate(facts, options.as_of, &scratch_);
  if (t == truth::unknown) unknown_.merge(scratch_);
  return t;
}

void schedule_context::report_unknown(const std::string& fact) {
  if (std::find(unknown_names_.begin(), unknown_names_.end(), fact) == unknown_names_.end()) {
    unknown_names_.push_back(fact);
  }
}

occurrence schedule_context::make(activity_index activity, date due, const rule_meta& meta,
                                  occurrence_origin origin) const {
  const qaf::activity& a = pack.activities[activity];
  occurrence o;
  o.provider = record.id;
  o.activity = a.code;
  o.kind = a.kind;
  o.on_site = a.on_site;
  o.due = due;
  o.origin = origin;
  o.rule = meta.id;
  o.source = meta.source;
  o.interpretation = meta.interpretation;
  return o;
}

occurrence_status schedule_context::status_of(date due,
                                              std::optional<date> done_on) const noexcept {
  if (done_on) return occurrence_status::done;
  if (due < options.as_of) return occurrence_status::overdue;
  if (days_between(options.as_of, due) <= 30) return occurrence_status::due;
  return occurrence_status::upcoming;
}

bool schedule_context::after_effective_period(date d) const noexcept {
  return pack.info.effective_to && *pack.info.effective_to < d;
}

bool schedule_context::in_force(const occurrence& o) const noexcept {
  const date decisive = o.period_end ? *o.period_end : o.due;
  return !(decisive < pack.info.effective_from) && !after_effective_period(decisive);
}

void schedule_context::emit(occurrence o, std::optional<date> done_on) {
  o.status = status_of(o.due, done_on);
  o.done_on = done_on;
  if (!in_force(o)) return;
  const bool in_window = !(o.due < options.from) && !(options.to < o.due);
  const bool overdue_earlier = o.status == occurrence_status::overdue && o.due < options.from;
  if (in_window || overdue_earlier) result.occurrences.push_back(std::move(o));
}

schedule_result schedule_context::finish() {
  std::sort(result.occurrences.begin(), result.occurrences.end(),
            [](const occurrence& a, const occurrence& b) {
              return std::tie(a.due, a.provider, a.activity, a.rule, a.origin) <
                     std::tie(b.due, b.provider, b.activity, b.rule, b.origin);
            });
  unknown_.for_each([&](std::uint32_t slot) { report_unknown(pack.table.slot_name(slot)); });
  std::sort(unknown_names_.begin(), unknown_names_.end());
  result.unknown_facts = std::move(unknown_names_);
  return std::move(result);
}

}  // namespace qaf::detail
