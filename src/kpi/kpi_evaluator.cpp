// KPI evaluation (DOMAIN.md section 5). docs/kpis.md states every decision this file makes; the
// comments here point at it rather than repeat it.
#include "kpi/kpi_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <variant>

#include "facts/fact_set.hpp"
#include "kpi/consequence_ladder.hpp"
#include "kpi/contract_year.hpp"

namespace qaf::detail {
namespace {

// Percentages are computed as numerator * 100 / denominator; two measures closer than this are
// equal (29/30 and 58/60 must compare equal).
constexpr double tolerance = 1e-9;

// A reporting period: a return's, or a gap between two returns that no return covers.
struct period {
  date start;
  date end;
  const data_return* report = nullptr;  // nullptr: no return for the period
  std::optional<date> missed_due;       // the ledger owed a return for it, due then
};

// The returns (those ended by as_of, when given) and the ledger's missed periods that no return
// overlaps, in order, with any gap between them as a period of its own.
std::vector<period> timeline(const provider& record, std::optional<date> as_of,
                             std::span<const missed_period> missed) {
  std::vector<period> listed;
  for (const data_return& r : record.returns) {
    if (as_of && *as_of < r.end) continue;  // not yet due: it cannot have come
    listed.push_back({r.start, r.end, &r, std::nullopt});
  }
  const std::size_t returns = listed.size();
  for (const missed_period& m : missed) {
    const bool covered =
        std::any_of(listed.begin(), listed.begin() + returns,
                    [&](const period& p) { return !(p.end < m.start) && !(m.end < p.start); });
    if (!covered) listed.push_back({m.start, m.end, nullptr, m.due});
  }
  std::sort(listed.begin(), listed.end(),
            [](const period& a, const period& b) { return a.start < b.start; });
  std::vector<period> periods;
  for (const period& p : listed) {
    if (!periods.empty() && add_days(periods.back().end, 1) < p.start) {
      periods.push_back({add_days(periods.back().end, 1), add_days(p.start, -1), nullptr, {}});
    }
    periods.push_back(p);
  }
  return periods;
}

bool lists(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string number_text(double v) {
  if (std::abs(v - std::round(v)) < tolerance)
    return std::to_string(static_cast<long long>(std::round(v)));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

std::string measured_text(const kpi& k, double v) {
  return number_text(v) + (k.measure == kpi_measure::percentage ? "%" : "");
}

kpi_target target_rule(const kpi& k) {
  kpi_target t;
  switch (k.target) {
    case kpi_target_type::at_least:
      t.type = "at_least";
      t.value = k.target_value;
      break;
    case kpi_target_type::at_most:
      t.type = "at_most";
      t.value = k.target_value;
      break;
    case kpi_target_type::reduction:
      t.type = "reduction";
      break;
    case kpi_target_type::increase:
      t.type = "increase";
      break;
    case kpi_target_type::evidence:
      t.type = "evidence";
      break;
  }
  if (k.against == kpi_baseline::previous_period) t.against = "previous_period";
  if (k.against == kpi_baseline::previous_contract_year) t.against = "previous_contract_year";
  return t;
}

std::string target_text(const kpi& k) {
  const std::string on = k.against == kpi_baseline::previous_contract_year
                             ? " on the same span of the previous contract year"
                             : " on the previous period";
  switch (k.target) {
    case kpi_target_type::at_least:
      return "at least " + measured_text(k, k.target_value);
    case kpi_target_type::at_most:
      return "at most " + measured_text(k, k.target_value);
    case kpi_target_type::reduction:
      return "reduction" + on;
    case kpi_target_type::increase:
      return "increase" + on;
    case kpi_target_type::evidence:
      return k.frequency == kpi_frequency::yearly ? "evidence supplied in the contract year"
                                                  : "evidence supplied";
  }
  return {};
}

// The value a target compares: a count, a percentage, 1/0 for evidence; none for a percentage
// whose denominator is 0.
std::optional<double> measure_of(const kpi_value& value) {
  if (const auto* count = std::get_if<double>(&value)) return *count;
  if (const auto* part = std::get_if<ratio>(&value)) {
    if (part->denominator == 0) return std::nullopt;
    return part->numerator * 100 / part->denominator;
  }
  return std::get<bool>(value) ? 1.0 : 0.0;
}

// A trend target against a baseline. A reduction is also met at zero, and an increase of a
// percentage at 100% or more: there is nothing left to reduce or increase (docs/kpis.md).
bool trend_met(const kpi& k, double value, double baseline) {
  if (k.target == kpi_target_type::reduction)
    return value < baseline - tolerance || std::abs(value) < tolerance;
  return value > baseline + tolerance ||
         (k.measure == kpi_measure::percentage && value >= 100 - tolerance);
}

class provider_kpis {
 public:
  provider_kpis(const pack_data& pack, const provider& record, const bound_record& facts,
                std::optional<date> as_of, std::span<const missed_period> missed)
      : pack_(pack),
        record_(record),
        facts_(facts),
        as_of_(as_of),
        periods_(timeline(record, as_of, missed)),
        unknown_(pack.table.total_slots()) {
    if (const auto slot = pack.table.find_slot("monitoring_start")) {
      const detail::slot& s = facts.at(*slot);
      if (s.is_known()) monitoring_start_ = date::from_days(s.as_days());
    }
  }

  std::vector<kpi_result> evaluate() {
    std::vector<kpi_result> all;
    std::vector<std::size_t> order;  // the KPI's place in the pack, for sorting
    for (std::size_t i = 0; i < pack_.kpis.size(); ++i) {
      const kpi& k = pack_.kpis[i];
      std::vector<kpi_result> results =
          k.frequency == kpi_frequency::yearly ? yearly(k) : per_period(k);
      apply_consequence_ladder(pack_.consequences, pack_.info, results);
      for (kpi_result& r : results) {
        all.push_back(std::move(r));
        order.push_back(i);
      }
    }
    std::vector<std::size_t> index(all.size());
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
    std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) {
      if (all[a].period_end != all[b].period_end) return all[a].period_end < all[b].period_end;
      return order[a] < order[b];
    });
    std::vector<kpi_result> sorted;
    sorted.reserve(all.size());
    for (const std::size_t i : index) sorted.push_back(std::move(all[i]));
    return sorted;
  }

 private:
  kpi_result blank(const kpi& k, date start, date end) const {
    kpi_result r;
    r.provider = record_.id;
    r.kpi = k.meta.id;
    r.period_start = start;
    r.period_end = end;
    r.target = target_text(k);
    r.target_rule = target_rule(k);
    r.source = k.meta.source;
    return r;
  }

  // The KPI's `when` on the period's last day: true when it applies; otherwise sets the status
  // (not_applicable when false, no_data with the unknown facts when undecided) and returns false.
  bool applies(const kpi& k, kpi_result& r) {
    if (!k.when.compiled) return true;
    const truth t = k.when.compiled->evaluate(facts_, r.period_end, &unknown_);
    if (t == truth::yes) return true;
    if (t == truth::no) {
      r.status = kpi_status::not_applicable;
      r.note = "the KPI applies only where " + k.when.text;
    } else {
      r.status = kpi_status::no_data;
      unknown_.for_each(
          [&](std::uint32_t s) { r.unknown_facts.push_back(pack_.table.slot_name(s)); });
      r.note =
          "undecided whether the KPI applies (" + k.when.text + "): a fact it needs is unknown";
    }
    return false;
  }

  std::vector<kpi_result> per_period(const kpi& k) {
    std::vector<kpi_result> results;
    for (std::size_t i = 0; i < periods_.size(); ++i) {
      const period& p = periods_[i];
      kpi_result r = blank(k, p.start, p.end);
      if (applies(k, r)) decide(k, i, r);
      results.push_back(std::move(r));
    }
    return results;
  }

  void decide(const kpi& k, std::size_t i, kpi_result& r) {
    const period& p = periods_[i];
    if (p.report == nullptr) {
      r.status = kpi_status::no_data;
      r.note = "no return for this period";
      if (p.missed_due) {
        // The ledger owed it: the provider is not silent (the ladder keeps this consequence).
        r.consequence = kpi_consequence::return_missed;
        r.note = "the return for this period was due on " + p.missed_due->to_string() +
                 " and has not come";
      }
      return;
    }
    r.explained = lists(p.report->explained, k.meta.id);
    r.inaccurate = lists(p.report->inaccurate, k.meta.id);
    const auto found = p.report->values.find(k.meta.id);
    if (found != p.report->values.end()) r.reported = found->second;
    if (r.inaccurate) {
      // Inaccurate data counts as a target not met, whatever the value says.
      if (r.reported) r.value = measure_of(*r.reported);
      r.status = kpi_status::not_met;
      r.note = "the return's value is marked inaccurate";
      return;
    }
    if (!r.reported) {
      r.status = kpi_status::no_data;
      r.note = "the return has no value for this KPI";
      return;
    }
    r.value = measure_of(*r.reported);
    if (!r.value) {
      r.status = kpi_status::not_applicable;
      r.note = "the denominator is 0";
      return;
    }
    const double v = *r.value;
    switch (k.target) {
      case kpi_target_type::at_least:
        r.status = v >= k.target_value - tolerance ? kpi_status::met : kpi_status::not_met;
        return;
      case kpi_target_type::at_most:
        r.status = v <= k.target_value + tolerance ? kpi_status::met : kpi_status::not_met;
        return;
      case kpi_target_type::evidence:
        r.status = v > 0 ? kpi_status::met : kpi_status::not_met;
        return;
      case kpi_target_type::reduction:
      case kpi_target_type::increase:
        if (k.against == kpi_baseline::previous_contract_year) {
          against_contract_year(k, i, r);
        } else {
          against_previous_period(k, i, r);
        }
        return;
    }
  }

  void against_previous_period(const kpi& k, std::size_t i, kpi_result& r) const {
    const char* why = nullptr;
    std::optional<double> baseline;
    if (i == 0) {
      why = "no earlier period to compare with";
    } else if (const period& before = periods_[i - 1]; before.report == nullptr) {
      why = "no return for the previous period";
    } else if (lists(before.report->inaccurate, k.meta.id)) {
      why = "the previous period's value is marked inaccurate";
    } else if (const auto found = before.report->values.find(k.meta.id);
               found == before.report->values.end()) {
      why = "the previous return has no value for this KPI";
    } else if (baseline = measure_of(found->second); !baseline) {
      why = "the previous period's denominator is 0";
    }
    if (why != nullptr) {
      r.status = kpi_status::no_baseline;
      r.note = why;
      return;
    }
    r.comparison = baseline;
    r.status = trend_met(k, *r.value, *baseline) ? kpi_status::met : kpi_status::not_met;
  }

  // Contract year to date against the same span of the previous contract year; a return belongs
  // to the contract year its period ends in (docs/kpis.md, "Contract years").
  void against_contract_year(const kpi& k, std::size_t i, kpi_result& r) const {
    if (!monitoring_start_) {
      r.status = kpi_status::no_baseline;
      r.unknown_facts.emplace_back("monitoring_start");
      r.note = "monitoring_start is unknown, so contract years cannot be placed";
      return;
    }
    const period& p = periods_[i];
    const contract_year year = contract_year_containing(*monitoring_start_, p.end);
    const contract_year last_year = contract_year_at(*monitoring_start_, year.index - 1);
    std::string straddle;
    if (p.start < year.start) {
      straddle = "; the return straddles the contract year's start " + year.start.to_string() +
                 " and counts whole in the year it ends in";
    }
    // This year to date: every period ending in this contract year on or before this one's end.
    double to_date = 0;
    for (std::size_t j = 0; j <= i; ++j) {
      const period& q = periods_[j];
      if (q.end < year.start) continue;
      const std::optional<double> v = usable(k, q);
      if (!v) {
        r.status = kpi_status::no_data;
        r.note = "the contract year to date is incomplete: " + q.start.to_string() + "/" +
                 q.end.to_string() + " has no usable value" + straddle;
        return;
      }
      to_date += *v;
    }
    r.value = to_date;
    // The same span a year earlier: periods ending in the previous contract year whose end,
    // moved on 12 months, is on or before this period's end.
    double earlier = 0;
    bool any = false;
    for (const period& q : periods_) {
      if (q.end < last_year.start || q.end > last_year.end || add_months(q.end, 12) > p.end)
        continue;
      const std::optional<double> v = usable(k, q);
      if (!v) {
        r.status = kpi_status::no_baseline;
        r.note =
            "the same span of the previous contract year is incomplete: " + q.start.to_string() +
            "/" + q.end.to_string() + " has no usable value" + straddle;
        return;
      }
      earlier += *v;
      any = true;
    }
    const std::string span = "contract year to date " + year.start.to_string() + "/" +
                             p.end.to_string() + ": " + number_text(to_date);
    if (!any) {
      r.status = kpi_status::no_baseline;
      r.note = span + "; no return in the same span of the previous contract year (" +
               last_year.start.to_string() + "/" + last_year.end.to_string() + ")" + straddle;
      return;
    }
    r.comparison = earlier;
    r.note = span + "; same span of the previous contract year from " +
             last_year.start.to_string() + ": " + number_text(earlier) + straddle;
    r.status = trend_met(k, to_date, earlier) ? kpi_status::met : kpi_status::not_met;
  }

  // A period's value for a sum: none when there is no return, no value, or an inaccurate one.
  static std::optional<double> usable(const kpi& k, const period& q) {
    if (q.report == nullptr || lists(q.report->inaccurate, k.meta.id)) return std::nullopt;
    const auto found = q.report->values.find(k.meta.id);
    if (found == q.report->values.end()) return std::nullopt;
    return measure_of(found->second);
  }

  // A yearly KPI: one result per contract year that holds a return, over the contract year to
  // the end of its last return (docs/kpis.md, "Yearly KPIs").
  std::vector<kpi_result> yearly(const kpi& k) {
    std::vector<kpi_result> results;
    if (periods_.empty()) return results;
    if (!monitoring_start_) {
      kpi_result r = blank(k, periods_.front().start, periods_.back().end);
      if (applies(k, r)) {
        r.status = kpi_status::no_data;
        r.unknown_facts.emplace_back("monitoring_start");
        r.note = "monitoring_start is unknown, so contract years cannot be placed";
      }
      results.push_back(std::move(r));
      return results;
    }
    const date last_end = periods_.back().end;
    const int first = contract_year_containing(*monitoring_start_, periods_.front().end).index;
    int last = contract_year_containing(*monitoring_start_, last_end).index;
    if (as_of_) last = std::max(last, contract_year_containing(*monitoring_start_, *as_of_).index);
    for (int index = first; index <= last; ++index) {
      const contract_year year = contract_year_at(*monitoring_start_, index);
      std::vector<const data_return*> in_year;
      for (const period& p : periods_) {
        if (p.report != nullptr && p.end >= year.start && p.end <= year.end)
          in_year.push_back(p.report);
      }
      if (in_year.empty()) {
        kpi_result r = blank(k, year.start, year.end);
        if (applies(k, r)) {
          r.status = kpi_status::no_data;
          r.note = "no return ends in this contract year";
          if (as_of_ && year_over(year) && pack_.consequences.return_activity) {
            r.consequence = kpi_consequence::return_missed;
            r.note += ", which ended on " + year.end.to_string();
          }
        }
        results.push_back(std::move(r));
        continue;
      }
      kpi_result r = blank(k, year.start, in_year.back()->end);
      if (applies(k, r)) {
        decide_year(k, year, in_year, as_of_ ? year_over(year) : closed_by(year, in_year, last_end),
                    r);
      }
      results.push_back(std::move(r));
    }
    return results;
  }

  // Without a date: the year is over when a return reaches its end or a later one exists.
  static bool closed_by(const contract_year& year, const std::vector<const data_return*>& in_year,
                        date last_end) {
    return in_year.back()->end >= year.end || last_end > year.end;
  }
  // As of a date: the year has ended and the return for its last days is overdue (due the day
  // after it ends, overdue the day after that).
  bool year_over(const contract_year& year) const {
    return as_of_ && add_days(year.end, 1) < *as_of_;
  }

  static void decide_year(const kpi& k, const contract_year& year,
                          const std::vector<const data_return*>& in_year, bool closed,
                          kpi_result& r) {
    bool any_value = false;
    for (const data_return* report : in_year) {
      r.explained = r.explained || lists(report->explained, k.meta.id);
      const bool wrong = lists(report->inaccurate, k.meta.id);
      r.inaccurate = r.inaccurate || wrong;
      const auto found = report->values.find(k.meta.id);
      if (found == report->values.end()) continue;
      any_value = true;
      if (!wrong && std::get<bool>(found->second)) {
        r.reported = found->second;
        r.value = 1;
        r.status = kpi_status::met;
        r.note = "supplied in the return for " + report->start.to_string() + "/" +
                 report->end.to_string();
        return;
      }
      r.reported = found->second;
    }
    if (r.inaccurate) {
      r.value = r.reported ? std::optional<double>(0) : std::nullopt;
      r.status = kpi_status::not_met;
      r.note = "a return in the contract year marks the value inaccurate";
    } else if (!closed) {
      r.value = r.reported ? std::optional<double>(0) : std::nullopt;
      r.status = kpi_status::no_data;
      r.note = "not yet supplied; the contract year runs to " + year.end.to_string();
    } else if (any_value) {
      r.value = 0;
      r.status = kpi_status::not_met;
      r.note = "not supplied in the contract year " + year.start.to_string() + "/" +
               year.end.to_string();
    } else {
      r.status = kpi_status::no_data;
      r.note = "no return in the contract year has a value for this KPI";
    }
  }

  const pack_data& pack_;
  const provider& record_;
  const bound_record& facts_;
  std::optional<date> as_of_;
  std::vector<period> periods_;
  fact_set unknown_;
  std::optional<date> monitoring_start_;
};

}  // namespace

std::vector<kpi_result> evaluate_provider_kpis(const pack_data& pack, const provider& record,
                                               const bound_record& facts) {
  if (pack.kpis.empty() || record.returns.empty()) return {};
  return provider_kpis(pack, record, facts, std::nullopt, {}).evaluate();
}

std::vector<kpi_result> evaluate_provider_kpis(const pack_data& pack, const provider& record,
                                               const bound_record& facts, date as_of,
                                               std::span<const missed_period> missed) {
  if (pack.kpis.empty() || (record.returns.empty() && missed.empty())) return {};
  return provider_kpis(pack, record, facts, as_of, missed).evaluate();
}

}  // namespace qaf::detail
