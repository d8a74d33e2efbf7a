#include "schedule/fact_timeline.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "facts/fact_conversion.hpp"
#include "facts/message_text.hpp"
#include "rating/classifier.hpp"
#include "schedule/activity_outcomes.hpp"

namespace qaf::detail {
namespace {

constexpr std::string_view facts_changed = "facts_changed";
constexpr std::string_view rating_changed = "regulator_rating_changed";
constexpr std::string_view regulator_rating = "regulator_rating";

std::string value_text(const fact_value& v) {
  struct visitor {
    std::string operator()(std::nullptr_t) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return number_text(d); }
    std::string operator()(const std::string& t) const { return single_quoted(excerpt(t)); }
    std::string operator()(date d) const { return d.to_string(); }
    std::string operator()(const fact_object& o) const {
      std::string text = "{";
      for (const auto& [key, value] : o) {
        text += (text.size() > 1 ? ", " : "") + key + ": " + single_quoted(excerpt(value));
      }
      return text + "}";
    }
  };
  return std::visit(visitor{}, v);
}

bool is_change(const event& e) { return e.type == facts_changed || e.type == rating_changed; }

void set_unknown(const fact_table& table, std::uint32_t fact, bound_record& state) {
  const std::uint32_t first = table.first_slot(fact);
  for (std::uint32_t s = first; s < first + table.slot_count(fact); ++s) state.set_unknown(s);
}

void set_fact(const fact_table& table, std::uint32_t fact, const fact_value& value,
              bound_record& state) {
  set_unknown(table, fact, state);
  std::vector<diagnostic> ignored;  // the record check has already accepted the value
  store_fact(table, fact, value, state, "", ignored);
}

// The state before `e`, from the state after it: each changed fact takes its earlier value where
// the event gives one, else it is unknown.
void undo(const pack_data& pack, const event& e, bound_record& state) {
  const fact_table& table = pack.table;
  if (e.type == rating_changed) {
    const std::optional<std::uint32_t> fact = table.find(regulator_rating);
    if (!fact) return;
    if (const auto from = e.details.find("from"); from != e.details.end()) {
      set_fact(table, *fact, fact_value(from->second), state);
    } else {
      set_unknown(table, *fact, state);
    }
    return;
  }
  for (const auto& [name, value] : e.facts) {
    const std::optional<std::uint32_t> fact = table.find(name);
    if (!fact || name == "id") continue;
    if (const auto before = e.facts_before.find(name); before != e.facts_before.end()) {
      set_fact(table, *fact, before->second, state);
    } else {
      set_unknown(table, *fact, state);
    }
  }
}

// A level as a condition reads it: the number of a numbered level, else its rank from 1.
std::optional<std::int64_t> level_number(const scheme& s, const level_value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  for (std::size_t i = 0; i < s.levels.size(); ++i) {
    if (s.levels[i].value == v) return static_cast<std::int64_t>(i + 1);
  }
  return std::nullopt;
}

// The agreed level of `s` on `d`: the latest past rating or override on or before it (an override
// on the same day as a past rating wins: it is the officer's later word).
std::optional<level_value> agreed_level(const provider& record, const scheme& s, date d) {
  std::optional<date> when;
  std::optional<level_value> level;
  for (const past_rating& r : record.ratings) {
    if (r.scheme != s.id || d < r.on || (when && r.on < *when)) continue;
    when = r.on;
    level = r.level;
  }
  for (const rating_override& o : record.overrides) {
    if (o.scheme != s.id || d < o.on || (when && o.on < *when)) continue;
    when = o.on;
    level = o.level;
  }
  return level;
}

void fill_levels(const pack_data& pack, const provider& record, timeline_segment& segment) {
  // Suggested levels are all decided on the facts as they stand when the first is needed (the
  // levels set before it, none after), so that the order of the schemes changes no level: the
  // levels set after that point wait in `later`.
  bool rated = false;
  std::vector<std::pair<std::uint32_t, std::int64_t>> later;
  for (std::size_t i = 0; i < pack.schemes.size(); ++i) {
    const scheme& s = pack.schemes[i];
    const std::optional<std::uint32_t> slot = pack.table.level_slot(s.id);
    if (!slot) continue;
    std::optional<level_value> level = agreed_level(record, s, segment.decided_on);
    if (!level) {
      rated = true;
      // Only the level is read here: the reasons a full rating would copy are not needed.
      if (const auto index = suggested_level(pack, s, segment.facts, segment.decided_on)) {
        level = s.levels[*index].value;
      }
    }
    if (!level) continue;
    if (const std::optional<std::int64_t> n = level_number(s, *level)) {
      if (rated) {
        later.emplace_back(*slot, *n);
      } else {
        segment.facts.set_integer(*slot, *n);
      }
    }
  }
  for (const auto& [slot, n] : later) segment.facts.set_integer(slot, n);
}

}  // namespace

fact_timeline::fact_timeline(const pack_data& pack, const provider& record,
                             const bound_record& facts, date as_of)
    : as_of_(as_of) {
  std::vector<const event*> changes;
  for (const event& e : record.events) {
    if (is_change(e) && !(as_of < e.on)) changes.push_back(&e);
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const event* a, const event* b) { return a->on < b->on; });
  std::vector<date> bounds;
  for (const event* e : changes) bounds.push_back(e->on);
  if (pack.reads_levels) {
    for (const past_rating& r : record.ratings) {
      if (!(as_of < r.on)) bounds.push_back(r.on);
    }
    for (const rating_override& o : record.overrides) {
      if (!(as_of < o.on)) bounds.push_back(o.on);
    }
  }
  if (pack.reads_outcomes) {
    // outcome('AUDIT') changes on the day of each completion of an activity that records outcomes.
    for (const activity_record& done : record.history) {
      if (!(as_of < done.on) && pack.table.outcome_slot(done.activity)) bounds.push_back(done.on);
    }
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  if (!bounds.empty() && bounds.front() == date::min()) bounds.erase(bounds.begin());

  segments_.resize(bounds.size() + 1);
  bound_record state = facts;
  std::size_t undone = changes.size();
  for (std::size_t i = bounds.size() + 1; i-- > 0;) {
    timeline_segment& s = segments_[i];
    s.from = i == 0 ? date::min() : bounds[i - 1];
    s.to = i == bounds.size() ? date::max() : add_days(bounds[i], -1);
    s.decided_on = s.to < as_of ? s.to : as_of;
    s.facts = state;
    if (i == 0) break;
    while (undone > 0 && changes[undone - 1]->on == bounds[i - 1]) {
      undo(pack, *changes[--undone], state);
    }
  }
  if (pack.reads_outcomes) {
    for (timeline_segment& s : segments_) fill_outcomes(pack, record, s.decided_on, s.facts);
  }
  if (pack.reads_levels) {
    for (timeline_segment& s : segments_) fill_levels(pack, record, s);
  }
}

std::size_t fact_timeline::index_at(date d) const noexcept {
  // Segments are few (one per dated change): a linear search from the end is the cheapest.
  for (std::size_t i = segments_.size(); i-- > 1;) {
    if (!(d < segments_[i].from)) return i;
  }
  return 0;
}

truth fact_timeline::on(const when_clause& when, date d, fact_set* unknown) const noexcept {
  if (!when.compiled) return truth::yes;
  const date decided = as_of_ < d ? as_of_ : d;
  return when.compiled->evaluate(at(decided).facts, decided, unknown);
}

truth fact_timeline::in(const when_clause& when, const timeline_segment& s,
                        fact_set* unknown) const noexcept {
  if (!when.compiled) return truth::yes;
  return when.compiled->evaluate(s.facts, s.decided_on, unknown);
}

std::vector<diagnostic> check_changes(const provider& record, date as_of) {
  std::vector<diagnostic> out;
  for (const auto& [name, value] : record.facts) {
    // The latest change of this fact on or before as_of, and the value it set.
    std::optional<std::size_t> latest;
    const fact_value* set = nullptr;
    fact_value rating_value;
    std::string where;
    for (std::size_t i = 0; i < record.events.size(); ++i) {
      const event& e = record.events[i];
      if (as_of < e.on || (latest && e.on < record.events[*latest].on)) continue;
      if (e.type == facts_changed) {
        const auto it = e.facts.find(name);
        if (it == e.facts.end()) continue;
        latest = i;
        set = &it->second;
        where = "/events/" + std::to_string(i) + "/facts/" + pointer_token(name);
      } else if (e.type == rating_changed && name == regulator_rating) {
        const auto to = e.details.find("to");
        if (to == e.details.end()) continue;
        latest = i;
        rating_value = to->second;
        set = &rating_value;
        where = "/events/" + std::to_string(i) + "/to";
      }
    }
    if (set == nullptr || *set == value) continue;
    out.push_back({"qaf.portfolio.facts_contradict",
                   {},
                   "/facts/" + pointer_token(name),
                   "the record's " + name + " " + value_text(value) +
                       " contradicts the change of " + record.events[*latest].on.to_string() +
                       " at " + where + ", which makes it " + value_text(*set) +
                       "; the facts are the values as of " + as_of.to_string()});
  }
  return out;
}

}  // namespace qaf::detail
