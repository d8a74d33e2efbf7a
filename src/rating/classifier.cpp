#include "rating/classifier.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "facts/fact_set.hpp"
#include "schedule/activity_outcomes.hpp"

namespace qaf::detail {
namespace {

// The index of `value` among the scheme's levels (least severe first).
std::optional<std::uint32_t> level_index(const scheme& s, const level_value& value) {
  for (std::size_t i = 0; i < s.levels.size(); ++i) {
    if (s.levels[i].value == value) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

// The latest item of `items` for the scheme dated on or before as_of; of two on the same date the
// one listed later (the later entry is the later decision).
template <typename Item>
const Item* latest_for(const std::vector<Item>& items, const std::string& scheme_id, date as_of) {
  const Item* latest = nullptr;
  for (const Item& item : items) {
    if (item.scheme != scheme_id || as_of < item.on) continue;
    if (latest == nullptr || !(item.on < latest->on)) latest = &item;
  }
  return latest;
}

// Calls f(slot) for each slot at or after `first` that `when` reads (outcome slots), each once
// or more: what condition::slots_from lists, without building the list.
template <class F>
void for_each_slot_from(const when_clause& when, std::uint32_t first, F&& f) {
  for (const program_node& n : when.compiled->compiled().nodes) {
    if (n.op == opcode::load && n.a >= first) f(n.a);
  }
}

// Whether the record gives any fact that a rule or condition of the scheme reads.
bool has_evidence(const pack_data& pack, const scheme& s, const bound_record& facts) {
  const auto outcomes_from = static_cast<std::uint32_t>(pack.table.outcome_slots_from());
  const auto known = [&](const when_clause& when) {
    if (!when.compiled) return true;
    for (const std::uint32_t fact : when.compiled->facts()) {
      const std::uint32_t first = pack.table.first_slot(fact);
      for (std::uint32_t k = 0; k < pack.table.slot_count(fact); ++k) {
        if (facts.at(first + k).state != slot_state::unknown) return true;
      }
    }
    // An outcome the history records is evidence too (outcome('AUDIT')).
    bool recorded = false;
    if (pack.reads_outcomes) {
      for_each_slot_from(when, outcomes_from, [&](std::uint32_t slot) {
        recorded = recorded || facts.at(slot).state != slot_state::unknown;
      });
    }
    return recorded;
  };
  return std::any_of(s.rules.begin(), s.rules.end(),
                     [&](const scheme_rule& r) { return known(r.when); }) ||
         std::any_of(s.levels.front().requirements.begin(), s.levels.front().requirements.end(),
                     [&](const level_requirement& r) { return known(r.when); });
}

const when_clause& when_of(const scheme& s, const reason_ref& ref) {
  return ref.kind == reason_kind::rule ? s.rules[ref.index].when
                                       : s.levels.front().requirements[ref.index].when;
}

std::uint32_t top_level(const scheme& s) { return static_cast<std::uint32_t>(s.levels.size() - 1); }

class scheme_rater {
 public:
  scheme_rater(const pack_data& pack, const provider& record, const bound_record& facts, date as_of,
               rating_batch& batch)
      : pack_(pack), record_(record), facts_(facts), as_of_(as_of), b_(batch) {}

  void rate(std::uint32_t index) {
    const scheme& s = pack_.schemes[index];
    scheme_rating r;
    r.scheme = index;

    // A scheme for some providers only: not this one, or nobody knows whether it is.
    if (s.when.compiled) {
      const truth applies = s.when.compiled->evaluate(facts_, as_of_, &b_.unknown);
      if (applies == truth::no) return;
      if (applies == truth::unknown) {
        r.status = rating_status::not_assessed;
        r.unknown_facts = add_slots(b_.unknown);
        finish(s, 0, r);
        return;
      }
    }
    if (!has_evidence(pack_, s, facts_)) {
      not_assessed(s, r);
      return;
    }

    // Every rule, fired, undecided (unknown) or not; its unknown facts are found later, and only
    // for the undecided rules that could make the level more severe.
    b_.fired.clear();
    b_.held.clear();
    b_.failed.clear();
    b_.open.clear();
    std::uint32_t suggested = 0;
    for (std::uint32_t k = 0; k < s.rules.size(); ++k) {
      const scheme_rule& rule = s.rules[k];
      const truth t =
          rule.when.compiled ? rule.when.compiled->evaluate(facts_, as_of_) : truth::yes;
      if (t == truth::yes) {
        b_.fired.push_back(k);
        suggested = std::max(suggested, rule.level);
      } else if (t == truth::unknown) {
        b_.open.push_back({reason_kind::rule, k, rule.level});
      }
    }

    // The least severe level is earned: each of its own conditions must hold. One that fails
    // implies the next level; one left unknown could.
    const std::vector<level_requirement>& requirements = s.levels.front().requirements;
    for (std::uint32_t k = 0; k < requirements.size(); ++k) {
      const level_requirement& requirement = requirements[k];
      const truth t = requirement.when.compiled
                          ? requirement.when.compiled->evaluate(facts_, as_of_)
                          : truth::yes;
      if (t == truth::yes) b_.held.push_back(k);
      if (t == truth::no) b_.failed.push_back(k);
      if (t == truth::unknown) b_.open.push_back({reason_kind::requirement_failed, k, 1});
    }
    if (!b_.failed.empty()) suggested = std::max<std::uint32_t>(suggested, 1);
    r.level = suggested;

    // The reasons that decided the level, and apart the other rules that fired: most severe
    // first, in the pack's order within a level. A failed condition implies the second level:
    // it goes after the rules of that level and before those of the first.
    r.reasons.begin = size(b_.reasons);
    add_fired(s, suggested, suggested);
    if (suggested == 0) {
      for (const std::uint32_t k : b_.held)
        b_.reasons.push_back({reason_kind::requirement_met, k, 0});
    }
    if (suggested == 1) add_failed();
    r.reasons.end = size(b_.reasons);
    r.also_fired.begin = r.reasons.end;
    for (std::uint32_t level = top_level(s) + 1; level-- > 0;) {
      if (level == suggested) continue;
      add_fired(s, level, level);
      if (level == 1) add_failed();
    }
    r.also_fired.end = size(b_.reasons);

    // Undecided rules that could make the level more severe, most severe first, and the facts
    // they wait for.
    r.undecided.begin = size(b_.reasons);
    b_.all_unknown.clear();
    for (std::uint32_t level = top_level(s); level > suggested; --level) {
      for (const reason_ref& o : b_.open) {
        if (o.level != level) continue;
        b_.reasons.push_back(o);
        when_of(s, o).compiled->evaluate(facts_, as_of_, &b_.unknown);
        b_.all_unknown.merge(b_.unknown);
      }
    }
    r.undecided.end = size(b_.reasons);
    r.unknown_facts = add_slots(b_.all_unknown);
    if (!r.undecided.empty()) {
      r.could_reach = b_.reasons[r.undecided.begin].level;
      r.status = rating_status::provisional;
    }
    finish(s, suggested, r);
  }

 private:
  static std::uint32_t size(const std::vector<reason_ref>& v) {
    return static_cast<std::uint32_t>(v.size());
  }

  // The rules that fired at level `level`, in the pack's order.
  void add_fired(const scheme& s, std::uint32_t level, std::uint32_t implied) {
    for (const std::uint32_t k : b_.fired) {
      if (s.rules[k].level == level) b_.reasons.push_back({reason_kind::rule, k, implied});
    }
  }

  void add_failed() {
    for (const std::uint32_t k : b_.failed) {
      b_.reasons.push_back({reason_kind::requirement_failed, k, 1});
    }
  }

  index_range add_slots(const fact_set& set) {
    index_range range;
    range.begin = static_cast<std::uint32_t>(b_.slots.size());
    set.for_each([&](std::uint32_t slot) { b_.slots.push_back(slot); });
    range.end = static_cast<std::uint32_t>(b_.slots.size());
    return range;
  }

  // No evidence: no level, and every fact the scheme reads is unknown; could_reach is the most
  // severe level the scheme's rules (or its least severe level's failed conditions) imply.
  void not_assessed(const scheme& s, scheme_rating& r) {
    r.status = rating_status::not_assessed;
    fact_set& all = b_.all_unknown;
    all.clear();
    std::uint32_t reach = s.levels.front().requirements.empty() ? 0 : 1;
    const auto outcomes_from = static_cast<std::uint32_t>(pack_.table.outcome_slots_from());
    const auto add = [&](const when_clause& when) {
      if (!when.compiled) return;
      for (const std::uint32_t fact : when.compiled->facts()) {
        const std::uint32_t first = pack_.table.first_slot(fact);
        for (std::uint32_t k = 0; k < pack_.table.slot_count(fact); ++k) all.insert(first + k);
      }
      if (pack_.reads_outcomes) {
        for_each_slot_from(when, outcomes_from, [&](std::uint32_t slot) { all.insert(slot); });
      }
    };
    for (const scheme_rule& rule : s.rules) {
      add(rule.when);
      reach = std::max(reach, rule.level);
    }
    for (const level_requirement& requirement : s.levels.front().requirements) {
      add(requirement.when);
    }
    r.unknown_facts = add_slots(all);
    if (reach > 0) r.could_reach = reach;
    finish(s, 0, r);
  }

  // The officer's override, the trend and the review flag: what surrounds the suggestion.
  void finish(const scheme& s, std::uint32_t suggested, scheme_rating& r) {
    // The officer's override, kept beside the suggestion.
    if (const rating_override* o = latest_for(record_.overrides, s.id, as_of_)) {
      r.officer_override = o;
      if (const auto index = level_index(s, o->level)) r.override_level = *index;
      r.rated_on = o->on;
    }

    // The trend against the latest past rating.
    if (const past_rating* previous = latest_for(record_.ratings, s.id, as_of_)) {
      r.previous = previous;
      if (!r.rated_on || *r.rated_on < previous->on) r.rated_on = previous->on;
      const auto before = level_index(s, previous->level);
      if (before && r.status != rating_status::not_assessed) {
        r.trend = suggested > *before   ? rating_trend::escalated
                  : suggested < *before ? rating_trend::de_escalated
                                        : rating_trend::unchanged;
      }
    }

    // A rating older than the latest activity after which it is refreshed is due for review.
    if (s.refresh) {
      for (const activity_record& done : record_.history) {
        if (as_of_ < done.on) continue;
        const bool refreshes = std::any_of(
            s.refresh->after.begin(), s.refresh->after.end(),
            [&](activity_index a) { return pack_.activities[a].code == done.activity; });
        if (refreshes && (r.refreshed_by == nullptr || r.refreshed_by->on < done.on)) {
          r.refreshed_by = &done;
        }
      }
      r.review_due = r.refreshed_by != nullptr && (!r.rated_on || *r.rated_on < r.refreshed_by->on);
    }
    b_.ratings.push_back(r);
  }

  const pack_data& pack_;
  const provider& record_;
  const bound_record& facts_;
  date as_of_;
  rating_batch& b_;
};

rating_reason make_reason(const scheme& s, const reason_ref& ref, rating_detail detail) {
  const bool is_rule = ref.kind == reason_kind::rule;
  const rule_meta& meta =
      is_rule ? s.rules[ref.index].meta : s.levels.front().requirements[ref.index].meta;
  rating_reason reason;
  reason.kind = ref.kind;
  reason.rule = meta.id;
  reason.level = s.levels[ref.level].value;
  reason.interpretation = meta.interpretation;
  if (detail == rating_detail::ids) return reason;
  const when_clause& when = when_of(s, ref);
  reason.text = is_rule ? s.rules[ref.index].text : s.levels.front().requirements[ref.index].text;
  reason.source = meta.source;
  reason.note = meta.note;
  reason.condition = when.compiled ? when.compiled->to_string() : std::string();
  return reason;
}

}  // namespace

index_range rate_indexed(const pack_data& pack, const provider& record, const bound_record& facts,
                         date as_of, rating_batch& batch) {
  const std::size_t slots = pack.table.total_slots();
  if (batch.sets_hold != slots) {
    batch.unknown = fact_set(slots);
    batch.all_unknown = fact_set(slots);
    batch.sets_hold = slots;
  }
  // outcome('AUDIT') reads the history as of the date rated; a record binds facts only.
  const bound_record* rated = &facts;
  if (pack.reads_outcomes) {
    batch.with_outcomes = facts;
    fill_outcomes(pack, record, as_of, batch.with_outcomes);
    rated = &batch.with_outcomes;
  }
  index_range mine;
  mine.begin = static_cast<std::uint32_t>(batch.ratings.size());
  scheme_rater rater(pack, record, *rated, as_of, batch);
  for (std::uint32_t s = 0; s < pack.schemes.size(); ++s) rater.rate(s);
  mine.end = static_cast<std::uint32_t>(batch.ratings.size());
  return mine;
}

rating to_rating(const pack_data& pack, const provider& record, const bound_record& facts,
                 date as_of, const rating_batch& batch, const scheme_rating& r,
                 rating_detail detail) {
  const scheme& s = pack.schemes[r.scheme];
  rating out;
  out.provider = record.id;
  out.scheme = s.id;
  out.status = r.status;
  out.level = s.levels[r.level].value;
  out.label = s.levels[r.level].label;
  for (std::uint32_t i = r.reasons.begin; i < r.reasons.end; ++i) {
    out.reasons.push_back(make_reason(s, batch.reasons[i], detail));
  }
  for (std::uint32_t i = r.also_fired.begin; i < r.also_fired.end; ++i) {
    out.also_fired.push_back(make_reason(s, batch.reasons[i], detail));
  }
  fact_set unknown(pack.table.total_slots());
  for (std::uint32_t i = r.undecided.begin; i < r.undecided.end; ++i) {
    const reason_ref& ref = batch.reasons[i];
    const bool is_rule = ref.kind == reason_kind::rule;
    undecided_rule u;
    u.rule =
        is_rule ? s.rules[ref.index].meta.id : s.levels.front().requirements[ref.index].meta.id;
    u.level = s.levels[ref.level].value;
    if (detail == rating_detail::full) {
      u.text = is_rule ? s.rules[ref.index].text : s.levels.front().requirements[ref.index].text;
      // The rule's own unknown facts, found again: the index rating keeps only their union.
      when_of(s, ref).compiled->evaluate(facts, as_of, &unknown);
      unknown.for_each(
          [&](std::uint32_t slot) { u.unknown_facts.push_back(pack.table.slot_name(slot)); });
    }
    out.undecided.push_back(std::move(u));
  }
  for (std::uint32_t i = r.unknown_facts.begin; i < r.unknown_facts.end; ++i) {
    out.unknown_facts.push_back(pack.table.slot_name(batch.slots[i]));
  }
  if (r.could_reach != no_level) {
    out.could_reach = s.levels[r.could_reach].value;
    out.could_reach_label = s.levels[r.could_reach].label;
  }
  // Those of the suggested level, then those of the rules that decided it.
  if (r.status != rating_status::not_assessed) {
    for (const intervention& i : s.levels[r.level].interventions) {
      out.interventions.push_back(detail == rating_detail::full
                                      ? rating_intervention{i.text, i.source, {}}
                                      : rating_intervention{});
    }
    for (std::uint32_t k = r.reasons.begin; k < r.reasons.end; ++k) {
      const reason_ref& ref = batch.reasons[k];
      if (ref.kind != reason_kind::rule) continue;
      const scheme_rule& rule = s.rules[ref.index];
      for (const intervention& i : rule.interventions) {
        out.interventions.push_back(detail == rating_detail::full
                                        ? rating_intervention{i.text, i.source, rule.meta.id}
                                        : rating_intervention{{}, {}, rule.meta.id});
      }
    }
  }
  if (r.officer_override != nullptr) {
    out.officer_override = *r.officer_override;
    if (r.override_level != no_level) out.override_label = s.levels[r.override_level].label;
  }
  out.rated_on = r.rated_on;
  if (r.refreshed_by != nullptr) out.refreshed_by = *r.refreshed_by;
  out.review_due = r.review_due;
  out.trend = r.trend;
  if (r.previous != nullptr) out.previous = *r.previous;
  return out;
}

std::vector<rating> rate_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, date as_of, rating_detail detail) {
  // The thread's batch, reused: only the public ratings built from it allocate.
  thread_local rating_batch batch;
  batch.clear();
  const index_range mine = rate_indexed(pack, record, facts, as_of, batch);
  const bound_record& rated = pack.reads_outcomes ? batch.with_outcomes : facts;
  std::vector<rating> ratings;
  ratings.reserve(mine.size());
  for (std::uint32_t i = mine.begin; i < mine.end; ++i) {
    ratings.push_back(to_rating(pack, record, rated, as_of, batch, batch.ratings[i], detail));
  }
  return ratings;
}

std::optional<std::uint32_t> suggested_level(const pack_data& pack, const scheme& s,
                                             const bound_record& facts, date as_of) {
  // The same decisions as scheme_rater::rate, in the same order, without the reasons.
  if (s.when.compiled && s.when.compiled->evaluate(facts, as_of) != truth::yes) return std::nullopt;
  if (!has_evidence(pack, s, facts)) return std::nullopt;
  std::uint32_t suggested = 0;
  for (const scheme_rule& rule : s.rules) {
    if (rule.level <= suggested) continue;  // cannot raise the level, fired or not
    if (!rule.when.compiled || rule.when.compiled->evaluate(facts, as_of) == truth::yes) {
      suggested = rule.level;
    }
  }
  if (suggested == 0) {
    for (const level_requirement& requirement : s.levels.front().requirements) {
      if (requirement.when.compiled &&
          requirement.when.compiled->evaluate(facts, as_of) == truth::no) {
        suggested = 1;
        break;
      }
    }
  }
  return suggested;
}

}  // namespace qaf::detail
