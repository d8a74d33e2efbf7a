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

rating_reason make_reason(const scheme& s, const scheme_rule& rule, rating_detail detail) {
  rating_reason reason;
  reason.rule = rule.meta.id;
  reason.level = s.levels[rule.level].value;
  reason.interpretation = rule.meta.interpretation;
  if (detail == rating_detail::ids) return reason;
  reason.text = rule.text;
  reason.source = rule.meta.source;
  reason.note = rule.meta.note;
  reason.condition = rule.when.compiled ? rule.when.compiled->to_string() : std::string();
  return reason;
}

// A condition of the least severe level as a reason: held, it earns that level; failed, it
// implies the next one.
rating_reason make_reason(const scheme& s, const level_requirement& requirement, bool held,
                          rating_detail detail) {
  rating_reason reason;
  reason.kind = held ? reason_kind::requirement_met : reason_kind::requirement_failed;
  reason.rule = requirement.meta.id;
  reason.level = s.levels[held ? 0 : 1].value;
  reason.interpretation = requirement.meta.interpretation;
  if (detail == rating_detail::ids) return reason;
  reason.text = requirement.text;
  reason.source = requirement.meta.source;
  reason.note = requirement.meta.note;
  reason.condition =
      requirement.when.compiled ? requirement.when.compiled->to_string() : std::string();
  return reason;
}

// Whether the record gives any fact that a rule or condition of the scheme reads.
bool has_evidence(const pack_data& pack, const scheme& s, const bound_record& facts) {
  const auto known = [&](const when_clause& when) {
    if (!when.compiled) return true;
    for (const std::uint32_t fact : when.compiled->facts()) {
      const std::uint32_t first = pack.table.first_slot(fact);
      for (std::uint32_t k = 0; k < pack.table.slot_count(fact); ++k) {
        if (facts.at(first + k).state != slot_state::unknown) return true;
      }
    }
    // An outcome the history records is evidence too (outcome('AUDIT')).
    if (pack.reads_outcomes) {
      for (const std::uint32_t slot : when.compiled->slots_from(pack.table.outcome_slots_from())) {
        if (facts.at(slot).state != slot_state::unknown) return true;
      }
    }
    return false;
  };
  return std::any_of(s.rules.begin(), s.rules.end(),
                     [&](const scheme_rule& r) { return known(r.when); }) ||
         std::any_of(s.levels.front().requirements.begin(), s.levels.front().requirements.end(),
                     [&](const level_requirement& r) { return known(r.when); });
}

// A rule (or a condition of the least severe level) that unknown facts left undecided.
struct open_rule {
  const rule_meta* meta;
  const std::string* text;
  std::uint32_t level;
  fact_set unknown;
};

class scheme_rater {
 public:
  scheme_rater(const pack_data& pack, const provider& record, const bound_record& facts, date as_of,
               rating_detail detail)
      : pack_(pack),
        record_(record),
        facts_(facts),
        as_of_(as_of),
        detail_(detail),
        unknown_(pack.table.total_slots()) {}

  /// The scheme's rating, or none when the scheme's `when` says it does not apply.
  std::optional<rating> rate(const scheme& s) {
    rating result;
    result.provider = record_.id;
    result.scheme = s.id;
    result.level = s.levels.front().value;
    result.label = s.levels.front().label;

    // A scheme for some providers only: not this one, or nobody knows whether it is.
    if (s.when.compiled) {
      const truth applies = s.when.compiled->evaluate(facts_, as_of_, &unknown_);
      if (applies == truth::no) return std::nullopt;
      if (applies == truth::unknown) {
        result.status = rating_status::not_assessed;
        unknown_.for_each([&](std::uint32_t slot) {
          result.unknown_facts.push_back(pack_.table.slot_name(slot));
        });
        add_judgement(s, 0, result);
        return result;
      }
    }
    if (!has_evidence(pack_, s, facts_)) return not_assessed(s, result);

    // Evaluate every rule: fired, undecided (unknown) or not.
    std::vector<const scheme_rule*> fired;
    std::vector<open_rule> open;
    std::uint32_t suggested = 0;
    for (const scheme_rule& rule : s.rules) {
      const truth t =
          rule.when.compiled ? rule.when.compiled->evaluate(facts_, as_of_, &unknown_) : truth::yes;
      if (t == truth::yes) {
        fired.push_back(&rule);
        suggested = std::max(suggested, rule.level);
      } else if (t == truth::unknown) {
        open.push_back({&rule.meta, &rule.text, rule.level, unknown_});
      }
    }

    // The least severe level is earned: each of its own conditions must hold. One that fails
    // implies the next level; one left unknown could.
    std::vector<const level_requirement*> held;
    std::vector<const level_requirement*> failed;
    for (const level_requirement& requirement : s.levels.front().requirements) {
      const truth t = requirement.when.compiled
                          ? requirement.when.compiled->evaluate(facts_, as_of_, &unknown_)
                          : truth::yes;
      if (t == truth::yes) held.push_back(&requirement);
      if (t == truth::no) failed.push_back(&requirement);
      if (t == truth::unknown) open.push_back({&requirement.meta, &requirement.text, 1, unknown_});
    }
    if (!failed.empty()) suggested = std::max<std::uint32_t>(suggested, 1);
    result.level = s.levels[suggested].value;
    result.label = s.levels[suggested].label;

    // The reasons that decided the level, and apart the other rules that fired: most severe
    // first, in the pack's order within a level.
    std::stable_sort(fired.begin(), fired.end(), [](const scheme_rule* a, const scheme_rule* b) {
      return a->level > b->level;
    });
    for (const scheme_rule* rule : fired) {
      (rule->level == suggested ? result.reasons : result.also_fired)
          .push_back(make_reason(s, *rule, detail_));
    }
    if (suggested == 0) {
      for (const level_requirement* r : held) {
        result.reasons.push_back(make_reason(s, *r, true, detail_));
      }
    }
    for (const level_requirement* r : failed) {
      (suggested == 1 ? result.reasons : result.also_fired)
          .push_back(make_reason(s, *r, false, detail_));
    }
    // A failed condition implies the second level: it goes before the rules of the first.
    std::stable_sort(result.also_fired.begin(), result.also_fired.end(),
                     [&](const rating_reason& a, const rating_reason& b) {
                       return level_index(s, a.level) > level_index(s, b.level);
                     });

    // Undecided rules that could make the level more severe, and the facts they wait for.
    std::erase_if(open, [&](const open_rule& o) { return o.level <= suggested; });
    std::stable_sort(open.begin(), open.end(),
                     [](const open_rule& a, const open_rule& b) { return a.level > b.level; });
    fact_set all_unknown(pack_.table.total_slots());
    for (const open_rule& o : open) {
      undecided_rule u;
      u.rule = o.meta->id;
      u.level = s.levels[o.level].value;
      if (detail_ == rating_detail::full) {
        u.text = *o.text;
        o.unknown.for_each(
            [&](std::uint32_t slot) { u.unknown_facts.push_back(pack_.table.slot_name(slot)); });
      }
      all_unknown.merge(o.unknown);
      result.undecided.push_back(std::move(u));
    }
    all_unknown.for_each(
        [&](std::uint32_t slot) { result.unknown_facts.push_back(pack_.table.slot_name(slot)); });
    if (!open.empty()) {
      result.could_reach = s.levels[open.front().level].value;
      result.could_reach_label = s.levels[open.front().level].label;
      result.status = rating_status::provisional;
    }

    for (const intervention& i : s.levels[suggested].interventions) {
      result.interventions.push_back(detail_ == rating_detail::full
                                         ? rating_intervention{i.text, i.source, {}}
                                         : rating_intervention{});
    }
    for (const scheme_rule* rule : fired) {
      if (rule->level != suggested) continue;
      for (const intervention& i : rule->interventions) {
        result.interventions.push_back(detail_ == rating_detail::full
                                           ? rating_intervention{i.text, i.source, rule->meta.id}
                                           : rating_intervention{{}, {}, rule->meta.id});
      }
    }
    add_judgement(s, suggested, result);
    return result;
  }

 private:
  // No evidence: no level, and every fact the scheme reads is unknown; could_reach is the most
  // severe level the scheme's rules (or its least severe level's failed conditions) imply.
  rating not_assessed(const scheme& s, rating result) {
    result.status = rating_status::not_assessed;
    fact_set all(pack_.table.total_slots());
    std::uint32_t reach = s.levels.front().requirements.empty() ? 0 : 1;
    const auto add = [&](const when_clause& when) {
      if (!when.compiled) return;
      for (const std::uint32_t fact : when.compiled->facts()) {
        const std::uint32_t first = pack_.table.first_slot(fact);
        for (std::uint32_t k = 0; k < pack_.table.slot_count(fact); ++k) all.insert(first + k);
      }
      if (pack_.reads_outcomes) {
        for (const std::uint32_t slot :
             when.compiled->slots_from(pack_.table.outcome_slots_from())) {
          all.insert(slot);
        }
      }
    };
    for (const scheme_rule& r : s.rules) {
      add(r.when);
      reach = std::max(reach, r.level);
    }
    for (const level_requirement& r : s.levels.front().requirements) add(r.when);
    all.for_each(
        [&](std::uint32_t slot) { result.unknown_facts.push_back(pack_.table.slot_name(slot)); });
    if (reach > 0) {
      result.could_reach = s.levels[reach].value;
      result.could_reach_label = s.levels[reach].label;
    }
    add_judgement(s, 0, result);
    return result;
  }

  // The officer's override, the trend and the review flag: what surrounds the suggestion.
  void add_judgement(const scheme& s, std::uint32_t suggested, rating& result) const {
    // The officer's override, kept beside the suggestion.
    if (const rating_override* o = latest_for(record_.overrides, s.id, as_of_)) {
      result.officer_override = *o;
      if (const auto index = level_index(s, o->level))
        result.override_label = s.levels[*index].label;
      result.rated_on = o->on;
    }

    // The trend against the latest past rating.
    if (const past_rating* previous = latest_for(record_.ratings, s.id, as_of_)) {
      result.previous = *previous;
      if (!result.rated_on || *result.rated_on < previous->on) result.rated_on = previous->on;
      const auto before = level_index(s, previous->level);
      if (before && result.status != rating_status::not_assessed) {
        result.trend = suggested > *before   ? rating_trend::escalated
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
        if (refreshes && (!result.refreshed_by || result.refreshed_by->on < done.on))
          result.refreshed_by = done;
      }
      result.review_due =
          result.refreshed_by && (!result.rated_on || *result.rated_on < result.refreshed_by->on);
    }
  }

  const pack_data& pack_;
  const provider& record_;
  const bound_record& facts_;
  date as_of_;
  rating_detail detail_;
  fact_set unknown_;
};

}  // namespace

std::vector<rating> rate_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, date as_of, rating_detail detail) {
  std::vector<rating> ratings;
  ratings.reserve(pack.schemes.size());
  // outcome('AUDIT') reads the history as of the date rated; a record binds facts only.
  std::optional<bound_record> with_outcomes;
  if (pack.reads_outcomes) {
    with_outcomes = facts;
    fill_outcomes(pack, record, as_of, *with_outcomes);
  }
  scheme_rater rater(pack, record, with_outcomes ? *with_outcomes : facts, as_of, detail);
  for (const scheme& s : pack.schemes) {
    if (auto r = rater.rate(s)) ratings.push_back(std::move(*r));
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
