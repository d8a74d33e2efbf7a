#include "rating/classifier.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "facts/fact_set.hpp"

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

rating_reason make_reason(const scheme& s, const scheme_rule& rule) {
  rating_reason reason;
  reason.rule = rule.meta.id;
  reason.text = rule.text;
  reason.source = rule.meta.source;
  reason.level = s.levels[rule.level].value;
  reason.interpretation = rule.meta.interpretation;
  reason.note = rule.meta.note;
  reason.condition = rule.when.compiled ? rule.when.compiled->to_string() : std::string();
  return reason;
}

struct open_rule {
  const scheme_rule* rule;
  fact_set unknown;
};

class scheme_rater {
 public:
  scheme_rater(const pack_data& pack, const provider& record, const bound_record& facts, date as_of)
      : pack_(pack),
        record_(record),
        facts_(facts),
        as_of_(as_of),
        unknown_(pack.table.total_slots()) {}

  rating rate(const scheme& s) {
    rating result;
    result.provider = record_.id;
    result.scheme = s.id;

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
        open.push_back({&rule, unknown_});
      }
    }
    result.level = s.levels[suggested].value;
    result.label = s.levels[suggested].label;

    // Every rule that fired, most severe first, in the pack's order within a level.
    std::stable_sort(fired.begin(), fired.end(), [](const scheme_rule* a, const scheme_rule* b) {
      return a->level > b->level;
    });
    for (const scheme_rule* rule : fired) result.reasons.push_back(make_reason(s, *rule));

    // Undecided rules that could make the level more severe, and the facts they wait for.
    std::erase_if(open, [&](const open_rule& o) { return o.rule->level <= suggested; });
    std::stable_sort(open.begin(), open.end(), [](const open_rule& a, const open_rule& b) {
      return a.rule->level > b.rule->level;
    });
    fact_set all_unknown(pack_.table.total_slots());
    for (const open_rule& o : open) {
      undecided_rule u;
      u.rule = o.rule->meta.id;
      u.text = o.rule->text;
      u.level = s.levels[o.rule->level].value;
      o.unknown.for_each(
          [&](std::uint32_t slot) { u.unknown_facts.push_back(pack_.table.slot_name(slot)); });
      all_unknown.merge(o.unknown);
      result.undecided.push_back(std::move(u));
    }
    all_unknown.for_each(
        [&](std::uint32_t slot) { result.unknown_facts.push_back(pack_.table.slot_name(slot)); });
    if (!open.empty()) result.could_reach = s.levels[open.front().rule->level].value;

    for (const intervention& i : s.levels[suggested].interventions) {
      result.interventions.push_back({i.text, i.source});
    }

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
      if (const auto before = level_index(s, previous->level)) {
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
    return result;
  }

 private:
  const pack_data& pack_;
  const provider& record_;
  const bound_record& facts_;
  date as_of_;
  fact_set unknown_;
};

}  // namespace

std::vector<rating> rate_provider(const pack_data& pack, const provider& record,
                                  const bound_record& facts, date as_of) {
  std::vector<rating> ratings;
  ratings.reserve(pack.schemes.size());
  scheme_rater rater(pack, record, facts, as_of);
  for (const scheme& s : pack.schemes) ratings.push_back(rater.rate(s));
  return ratings;
}

}  // namespace qaf::detail
