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

// Why a day is not a working day: its holiday's name, else the weekend day.
std::string why_not_working(const pack_data& pack, date d) {
  if (std::optional<std::string> holiday = pack.calendar.holiday_name(d)) return *holiday;
  return d.weekday() == weekday::saturday ? "a Saturday" : "a Sunday";
}

}  // namespace

schedule_context::schedule_context(const pack_data& pack_in, const provider& record_in,
                                   const bound_record& facts_in, const schedule_options& options_in)
    : pack(pack_in),
      record(record_in),
      facts(facts_in),
      options(options_in),
      timeline(pack_in, record_in, facts_in, options_in.as_of),
      history(pack_in, record_in, options_in.as_of),
      completions(pack_in, record_in, options_in.as_of),
      monitoring_start(read_monitoring_start(pack_in, facts_in)),
      horizon(add_days(
          options_in.to < options_in.as_of ? options_in.as_of : options_in.to,
          std::min<std::int64_t>(
              pack_in.longest_before_days,
              days_between(options_in.to < options_in.as_of ? options_in.as_of : options_in.to,
                           date::max())))),
      unknown_(pack_in.table.total_slots()),
      scratch_(pack_in.table.total_slots()),
      unknown_scratch_(pack_in.table.total_slots()),
      owed_routine_(pack_in.activities.size(), false) {}

truth schedule_context::applies(const when_clause& when) { return applies_on(when, options.as_of); }

truth schedule_context::applies_on(const when_clause& when, date d) {
  const truth t = timeline.on(when, d, &scratch_);
  if (t == truth::unknown) unknown_.merge(scratch_);
  return t;
}

rule_applicability schedule_context::applicability(const schedule_rule& rule) {
  rule_applicability where;
  const std::span<const timeline_segment> segments = timeline.segments();
  where.by_segment.reserve(segments.size());
  for (const timeline_segment& s : segments) {
    const truth when = timeline.in(rule.when, s, &scratch_);
    truth t = when;
    if (when == truth::unknown) unknown_scratch_.merge(scratch_);
    if (when != truth::no) {
      const truth held = timeline.in(rule.while_condition, s, &scratch_);
      if (held == truth::no) {
        t = truth::no;
      } else if (held == truth::unknown) {
        t = truth::unknown;
        unknown_scratch_.merge(scratch_);
      }
    }
    // Unknown before the provider was monitored matters to no obligation.
    if (t == truth::unknown && (!monitoring_start || !(s.to < *monitoring_start))) {
      unknown_.merge(unknown_scratch_);
    }
    unknown_scratch_.clear();
    where.by_segment.push_back(t);
    if (t != truth::yes) continue;
    if (!where.holds.empty() && add_days(where.holds.back().to, 1) == s.from) {
      where.holds.back().to = s.to;
    } else {
      where.holds.push_back({s.from, s.to});
    }
  }
  return where;
}

void schedule_context::report_unknown(const std::string& fact) {
  if (std::find(unknown_names_.begin(), unknown_names_.end(), fact) == unknown_names_.end()) {
    unknown_names_.push_back(fact);
  }
}

occurrence schedule_context::make(activity_index activity, date due, const rule_meta& meta,
                                  occurrence_origin origin) const {
  occurrence o = make_unnamed(activity, due, origin);
  name_rule(o, meta);
  return o;
}

occurrence schedule_context::make_unnamed(activity_index activity, date due,
                                          occurrence_origin origin) const {
  const qaf::activity& a = pack.activities[activity];
  if (origin != occurrence_origin::follow_up) owed_routine_[activity] = true;
  occurrence o;
  o.provider = record.id;
  o.activity = a.code;
  o.kind = a.kind;
  o.on_site = a.on_site;
  o.due = due;
  o.origin = origin;
  return o;
}

void schedule_context::name_rule(occurrence& o, const rule_meta& meta) {
  o.rule = meta.id;
  o.source = meta.source;
  o.interpretation = meta.interpretation;
}

void schedule_context::warn_non_working_day(occurrence& o) const {
  for (const occurrence_warning& w : o.warnings) {
    if (w.code == "non_working_day") return;
  }
  const region& where = pack.calendar.holiday_region();
  if (o.due.year() < where.first_year() || o.due.year() > where.last_year()) return;
  if (pack.calendar.is_working_day(o.due)) return;
  o.warnings.push_back({"non_working_day", o.due.to_string() + " is not a working day (" +
                                               why_not_working(pack, o.due) + ")"});
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

void schedule_context::emit(occurrence o, std::optional<date> done_on, bool published,
                            const rule_meta* unnamed, bool preceded) {
  const date unrolled = o.due;
  if (settle(o, done_on, published, preceded)) keep(std::move(o), unrolled, unnamed);
}

bool schedule_context::settle(occurrence& o, std::optional<date> done_on, bool published,
                              bool preceded) {
  const region& where = pack.calendar.holiday_region();
  if (pack.roll == roll_rule::next_working_day && !published &&
      o.due.year() >= where.first_year() && o.due.year() < where.last_year() &&
      !pack.calendar.is_working_day(o.due)) {
    o.due = pack.calendar.next_working_day_on_or_after(o.due);
  }
  o.status = status_of(o.due, done_on);
  o.done_on = done_on;
  if (done_on && o.due < *done_on) {
    o.late = true;
    o.days_late = static_cast<int>(days_between(o.due, *done_on));
  }
  if (!in_force(o)) return false;
  if (pack.any_preceded && preceded) {
    for (std::size_t a = 0; a < pack.preceded.size(); ++a) {
      if (pack.preceded[a] && pack.activities[a].code == o.activity) {
        preceded_entries.emplace_back(static_cast<activity_index>(a), o.due);
        break;
      }
    }
  }
  const bool in_window = !(o.due < options.from) && !(options.to < o.due);
  const bool overdue_earlier = o.status == occurrence_status::overdue && o.due < options.from;
  return in_window || overdue_earlier;
}

void schedule_context::keep(occurrence o, date unrolled, const rule_meta* unnamed) {
  if (o.due != unrolled) {
    o.warnings.push_back({"rolled", unrolled.to_string() + " is not a working day (" +
                                        why_not_working(pack, unrolled) +
                                        "); due the next working day, " + o.due.to_string() +
                                        ", as the pack rolls due dates"});
  }
  warn_non_working_day(o);
  if (unnamed != nullptr) name_rule(o, *unnamed);
  result.occurrences.push_back(std::move(o));
}

std::string effective_period_text(const pack_info& info) {
  return info.effective_from.to_string() + " to " +
         (info.effective_to ? info.effective_to->to_string() : std::string("(no end)"));
}

std::optional<occurrence_warning> outside_effective_period(const pack_info& info,
                                                           std::optional<date> from,
                                                           std::optional<date> to, date as_of) {
  const auto after = [&](date d) { return info.effective_to && *info.effective_to < d; };
  const auto outside = [&](date d) { return d < info.effective_from || after(d); };
  std::string what;
  if (from && to && (*from < info.effective_from || after(*to))) {
    what = "the window " + from->to_string() + " to " + to->to_string();
  }
  if (outside(as_of)) {
    what += (what.empty() ? "" : " and ") + std::string("as_of ") + as_of.to_string();
  }
  if (what.empty()) return std::nullopt;
  return occurrence_warning{"outside_effective_period",
                            what + " reaches outside the period the pack " + info.id +
                                " is in force (" + effective_period_text(info) +
                                "); nothing falls due outside it"};
}

void schedule_context::warn_outside_effective_period() {
  if (auto w = outside_effective_period(pack.info, options.from, options.to, options.as_of)) {
    result.warnings.push_back(std::move(*w));
  }
}

void schedule_context::warn_unmatched_history() {
  for (const completion& c : completions.all()) {
    if (c.used || !owed_routine_[c.activity]) continue;
    const auto index = static_cast<std::size_t>(c.record - record.history.data());
    const std::string what = pack.activities[c.activity].code + " of " + c.on.to_string();
    std::string why =
        "no obligation of the ledger was open for it (none was yet owed, or another record "
        "fulfilled it)";
    if (c.named()) {
      why =
          "it names " +
          (c.record->due ? "the due date " + c.record->due->to_string() : std::string("a period")) +
          " that no obligation of the ledger has";
    } else if (monitoring_start && c.on < *monitoring_start) {
      why = "it is before monitoring_start " + monitoring_start->to_string();
    }
    std::string message = "provider " + record.id;
    message += ": the history record " + what;
    message += " (/history/" + std::to_string(index);
    message += ") is not counted: " + why;
    result.warnings.push_back({"unmatched_history", std::move(message)});
  }
}

schedule_result schedule_context::finish() {
  warn_unmatched_history();
  warn_outside_effective_period();
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
