// Loads a rule pack: JSON text -> checked, resolved and compiled pack_data. Every mistake is
// reported with the JSON Pointer of the value at fault, and loading goes on after a mistake so
// that an author sees all of them at once.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "bundled_packs.hpp"
#include "diagnostic_limits.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "pack/pack_data.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::json;

// Hand-written rather than std::regex: libstdc++'s regex matcher recurses once per character and
// overflows the stack on an id a few hundred kilobytes long.
bool is_lower_or_digit(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Words of [a-z0-9] joined by single `separator`s: [a-z0-9]+(<separator>[a-z0-9]+)*.
bool is_joined_words(std::string_view s, char separator) noexcept {
  if (s.empty() || s.front() == separator || s.back() == separator) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == separator) {
      if (s[i - 1] == separator) return false;
    } else if (!is_lower_or_digit(s[i])) {
      return false;
    }
  }
  return true;
}

bool is_kebab_id(const std::string& s) { return is_joined_words(s, '-'); }

// [a-z][a-z0-9]*(_[a-z0-9]+)*
bool is_snake_name(const std::string& s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z' && is_joined_words(s, '_');
}

bool is_digits(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYYY or YYYY-MM with a month 01 to 12.
bool is_year_or_year_month(std::string_view s) noexcept {
  if (s.size() == 4) return is_digits(s);
  if (s.size() != 7 || s[4] != '-' || !is_digits(s.substr(0, 4)) || !is_digits(s.substr(5)))
    return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  return month >= 1 && month <= 12;
}

std::string index_pointer(const std::string& base, std::size_t i) {
  return base + '/' + std::to_string(i);
}

// Tracks ids within one collection and reports the second use of one.
class id_registry {
 public:
  explicit id_registry(std::string what) : what_(std::move(what)) {}

  bool add(const std::string& id, const std::string& pointer, diagnostics_sink& sink) {
    if (const auto it = first_.find(id); it != first_.end()) {
      sink.error(
          "qaf.pack.duplicate_id", pointer,
          "duplicate " + what_ + " '" + excerpt(id) + "'; it is first declared at " + it->second);
      return false;
    }
    first_.emplace(id, pointer);
    order_.push_back(id);
    return true;
  }
  bool contains(std::string_view id) const { return first_.find(std::string(id)) != first_.end(); }
  const std::vector<std::string>& ids() const noexcept { return order_; }

 private:
  std::string what_;
  std::unordered_map<std::string, std::string> first_;
  std::vector<std::string> order_;
};

class pack_loader {
 public:
  pack_loader(std::string origin, std::string_view text, diagnostics_sink& sink)
      : sink_(sink), data_(std::make_shared<pack_data>()) {
    data_->origin = std::move(origin);
    data_->json_text = std::string(text);
  }

  std::shared_ptr<pack_data> load() {
    const std::optional<json> root = parse_json_text(data_->json_text, sink_);
    if (!root) return nullptr;
    object_reader top(*root, "", sink_, "a pack: a JSON object");
    if (!top.valid()) return nullptr;
    top.accept("$schema");
    read_metadata(top);
    read_sources(top);
    read_service_types(top);
    read_facts(top);
    data_->table.set_schemes(scheme_ids(*root));
    read_activities(top);
    set_outcome_slots();
    read_calendar(top);
    read_schedule(top);
    read_triggers(top);
    read_follow_ups(top);
    read_minimum_visits(top);
    read_schemes(top);
    read_kpis(top);
    read_tests(top);
    top.finish();
    if (errors_ != sink_.count()) return nullptr;
    return data_;
  }

  // Errors counted from the start; the loader returns nothing when any was reported. Diagnostics
  // of other kinds (none yet) would not count.
  void set_baseline() { errors_ = sink_.count(); }

 private:
  // The ids of the pack's classification schemes, read ahead of the rules so that conditions
  // anywhere may name them in level('...'); read_schemes checks them properly later.
  static std::vector<std::string> scheme_ids(const json& root) {
    std::vector<std::string> ids;
    if (!root.is_object()) return ids;
    const auto schemes = root.find("schemes");
    if (schemes == root.end() || !schemes->is_array()) return ids;
    for (const json& s : *schemes) {
      if (!s.is_object()) continue;
      const auto id = s.find("id");
      if (id == s.end() || !id->is_string()) continue;
      const std::string& text = id->get_ref<const std::string&>();
      if (std::find(ids.begin(), ids.end(), text) == ids.end()) ids.push_back(text);
    }
    return ids;
  }

  // ---- metadata ---------------------------------------------------------------------------

  void read_metadata(object_reader& top) {
    if (auto format = top.integer("format", presence::required, 1, 1000); format && *format != 1) {
      sink_.error("qaf.pack.format", top.pointer_to("format"),
                  "this qaf reads pack format 1; the pack says format " + std::to_string(*format));
    }
    pack_info& info = data_->info;
    if (auto id = top.string("id")) {
      if (!is_kebab_id(*id)) {
        sink_.error("qaf.pack.value", top.pointer_to("id"),
                    "a pack id is lower-case letters and digits in words joined by '-', e.g. "
                    "'bolton-children-2024'; found '" +
                        excerpt(*id) + "'");
      }
      info.id = *id;
    }
    info.title = top.string("title").value_or("");
    info.council = top.string("council").value_or("");
    info.version = top.string("version").value_or("");
    info.description = top.string("description", presence::optional).value_or("");
    if (auto previous = top.string("previous", presence::optional)) {
      if (previous->empty()) {
        sink_.error("qaf.pack.value", top.pointer_to("previous"),
                    "previous names the version this pack replaces: a bundled pack id or a path");
      }
      info.previous = std::move(*previous);
    }
    if (auto from = top.date("effective_from")) info.effective_from = *from;
    if (const json* to = top.member("effective_to", presence::optional); to && !to->is_null()) {
      info.effective_to = read_date(*to, top.pointer_to("effective_to"), sink_);
      if (info.effective_to && *info.effective_to < info.effective_from) {
        sink_.error("qaf.pack.effective_period", top.pointer_to("effective_to"),
                    "effective_to " + info.effective_to->to_string() +
                        " is before effective_from " + info.effective_from.to_string());
      }
    }
  }

  void read_sources(object_reader& top) {
    const json* list = top.array("sources", presence::required);
    if (list == nullptr) return;
    const std::string base = top.pointer_to("sources");
    if (list->empty()) {
      sink_.error("qaf.pack.missing", base, "a pack lists at least one source document");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      object_reader r((*list)[i], index_pointer(base, i), sink_);
      if (!r.valid()) continue;
      source_document doc;
      doc.id = r.string("id").value_or("");
      doc.title = r.string("title").value_or("");
      doc.publisher = r.string("publisher", presence::optional).value_or("");
      doc.date = r.string("date", presence::optional).value_or("");
      doc.file = r.string("file", presence::optional).value_or("");
      r.finish();
      if (!doc.date.empty()) check_partial_date(doc.date, r.pointer_to("date"));
      if (!doc.id.empty() && sources_.add(doc.id, r.pointer_to("id"), sink_)) {
        data_->info.sources.push_back(std::move(doc));
      }
    }
  }

  void check_partial_date(const std::string& text, const std::string& pointer) {
    if (is_year_or_year_month(text)) return;
    std::string why;
    if (!qaf::date::try_parse(text, &why)) {
      sink_.error("qaf.date.invalid", pointer,
                  "a source's date is YYYY, YYYY-MM or YYYY-MM-DD; " + why);
    }
  }

  // ---- shared pieces ----------------------------------------------------------------------

  source_ref read_source(object_reader& owner, presence p = presence::required) {
    source_ref ref;
    const json* value = owner.member("source", p);
    if (value == nullptr) return ref;
    object_reader r(*value, owner.pointer_to("source"), sink_, "a source citation object");
    ref.document = r.string("document").value_or("");
    ref.section = r.string("section").value_or("");
    ref.quote = r.string("quote", presence::optional).value_or("");
    if (!ref.document.empty() && !sources_.contains(ref.document)) {
      sink_.error("qaf.pack.undeclared_source", r.pointer_to("document"),
                  "'" + excerpt(ref.document) + "' is not a document listed in /sources" +
                      did_you_mean(closest_match(ref.document, sources_.ids())));
    }
    r.finish();
    return ref;
  }

  // id, source, interpretation and note; `id_registry` catches duplicates within a collection.
  rule_meta read_rule_meta(object_reader& r, id_registry& ids) {
    rule_meta meta;
    if (auto id = r.string("id")) {
      if (!is_kebab_id(*id) && !is_snake_name(*id)) {
        sink_.error(
            "qaf.pack.value", r.pointer_to("id"),
            "a rule id is lower-case words joined by '-' or '_'; found '" + excerpt(*id) + "'");
      }
      ids.add(*id, r.pointer_to("id"), sink_);
      meta.id = *id;
    }
    meta.source = read_source(r);
    read_interpretation(r, meta.interpretation, meta.note);
    return meta;
  }

  void read_interpretation(object_reader& r, bool& interpretation, std::string& note) {
    interpretation = r.boolean("interpretation", presence::optional).value_or(false);
    note = r.string("note", presence::optional).value_or("");
    if (interpretation && note.empty()) {
      sink_.error("qaf.pack.interpretation", r.pointer_to("interpretation"),
                  "an interpretation must say what was decided and why in 'note'");
    }
  }

  // Where a condition may read a classification with level('...'): in the rules that schedule
  // (DOMAIN.md section 2), not in a scheme's own rules or a KPI's scope, which decide before any
  // level exists.
  // A KPI's scope (facts_only) reads neither: KPIs are decided per return period from facts.
  enum class levels { allowed, not_here, facts_only };

  when_clause read_when(object_reader& r, std::string_view key, presence p = presence::optional,
                        levels where = levels::allowed) {
    when_clause clause;
    auto text = r.string(key, p);
    if (!text) return clause;
    clause.text = *text;
    std::vector<diagnostic> found;
    clause.compiled = compile_condition(data_->table, *text, r.pointer_to(key), found);
    for (diagnostic& d : found)
      sink_.error(std::move(d.code), std::move(d.pointer), std::move(d.message));
    const std::size_t outcomes_from = data_->table.outcome_slots_from();
    if (clause.compiled && clause.compiled->reads_slots_from(outcomes_from)) {
      if (where == levels::facts_only) {
        sink_.error("qaf.condition.outcome_here", r.pointer_to(key),
                    "outcome('...') reads the history, so a KPI's 'when', decided from facts "
                    "alone for each return period, may not use it");
      }
      data_->reads_outcomes = true;
    }
    if (clause.compiled &&
        clause.compiled->reads_slots_between(data_->table.fact_slots(), outcomes_from)) {
      if (where != levels::allowed) {
        sink_.error("qaf.condition.level_here", r.pointer_to(key),
                    "level('...') reads a classification, so only schedule rules, triggers and "
                    "minimum visits may use it; a scheme's rules and a KPI's 'when' are decided "
                    "from facts alone");
      } else {
        data_->reads_levels = true;
      }
    }
    return clause;
  }

  std::optional<activity_index> read_activity_ref(object_reader& r, std::string_view key) {
    auto code = r.string(key);
    if (!code) return std::nullopt;
    return resolve_activity(*code, r.pointer_to(key));
  }

  std::optional<activity_index> resolve_activity(const std::string& code,
                                                 const std::string& pointer) {
    if (const auto it = activity_by_code_.find(code); it != activity_by_code_.end()) {
      return it->second;
    }
    // A suggestion costs a pass over every activity: only the reports that will be shown get one
    // (diagnostics are capped per code), so that a pack of a million bad references stays linear.
    std::string suggestion;
    if (++undeclared_activities_ <= max_diagnostics_per_code) {
      std::vector<std::string_view> codes;
      codes.reserve(data_->activities.size());
      for (const activity& a : data_->activities) codes.emplace_back(a.code);
      suggestion = did_you_mean(closest_match(code, codes));
    }
    sink_.error("qaf.pack.undeclared_activity", pointer,
                "'" + excerpt(code) + "' is not an activity declared in /activities" + suggestion);
    return std::nullopt;
  }

  // A step of time: exactly one of months, weeks, days, each a whole number >= 1.
  std::optional<step> read_step(object_reader& r, const char* context) {
    step s;
    int given = 0;
    if (auto m = r.integer("months", presence::optional, 1, 1200))
      s.months = static_cast<int>(*m), ++given;
    if (auto w = r.integer("weeks", presence::optional, 1, 5200))
      s.weeks = static_cast<int>(*w), ++given;
    if (auto d = r.integer("days", presence::optional, 1, 36500))
      s.days = static_cast<int>(*d), ++given;
    if (given == 1) return s;
    if (given == 0 && !r.has("months") && !r.has("weeks") && !r.has("days")) {
      sink_.error("qaf.pack.missing", r.pointer(),
                  std::string(context) + " needs one of 'months', 'weeks' or 'days'");
    } else if (given > 1) {
      sink_.error("qaf.pack.value", r.pointer(),
                  std::string(context) + " takes exactly one of 'months', 'weeks' or 'days'");
    }
    return std::nullopt;
  }

  std::optional<step> read_step_member(object_reader& owner, std::string_view key, presence p,
                                       const char* context) {
    const json* value = owner.member(key, p);
    if (value == nullptr) return std::nullopt;
    object_reader r(*value, owner.pointer_to(key), sink_);
    if (!r.valid()) return std::nullopt;
    auto s = read_step(r, context);
    r.finish();
    return s;
  }

  template <typename Read>
  void for_each_in(object_reader& top, std::string_view key, presence p, Read read) {
    const json* list = top.array(key, p);
    if (list == nullptr) return;
    const std::string base = top.pointer_to(key);
    // A required list is one the pack cannot do without (activities, service types): empty, it
    // would load a pack that schedules nothing.
    if (p == presence::required && list->empty()) {
      sink_.error("qaf.pack.missing", base, "'" + std::string(key) + "' lists at least one entry");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      object_reader r((*list)[i], index_pointer(base, i), sink_);
      if (!r.valid()) continue;
      read(r);
      r.finish();
    }
  }

  // ---- vocabulary -------------------------------------------------------------------------

  void read_service_types(object_reader& top) {
    id_registry ids("service type");
    for_each_in(top, "service_types", presence::required, [&](object_reader& r) {
      service_type t;
      t.id = r.string("id").value_or("");
      if (!t.id.empty() && !is_snake_name(t.id)) {
        sink_.error("qaf.pack.value", r.pointer_to("id"),
                    "a service type is lower snake case, e.g. 'childrens_home'; found '" +
                        excerpt(t.id) + "'");
      }
      t.title = r.string("title").value_or("");
      t.source = read_source(r);
      bool interpretation = false;
      std::string note;
      read_interpretation(r, interpretation, note);
      if (!t.id.empty() && ids.add(t.id, r.pointer_to("id"), sink_)) {
        data_->service_types.push_back(std::move(t));
      }
    });
  }

  // The loader reads declarations; whether they make sense (names, kinds, values, keys) is the
  // fact table's to judge, so each mistake is reported once, as qaf.fact.*.
  void read_facts(object_reader& top) {
    std::vector<fact_declaration> declared;
    std::vector<std::string> pointers;
    for_each_in(top, "facts", presence::optional, [&](object_reader& r) {
      fact_declaration f;
      f.name = r.string("name").value_or("");
      f.type = r.string("type").value_or("");
      f.values = read_strings(r, "values");
      f.keys = read_strings(r, "keys");
      f.nullable = r.boolean("nullable", presence::optional).value_or(false);
      f.description = r.string("description").value_or("");
      read_source(r, presence::optional);
      bool interpretation = false;
      std::string note;
      read_interpretation(r, interpretation, note);
      declared.push_back(std::move(f));
      pointers.push_back(r.pointer());
    });
    std::vector<std::string> service_type_ids;
    for (const service_type& t : data_->service_types) service_type_ids.push_back(t.id);
    std::vector<diagnostic> found;
    data_->table = build_fact_table(declared, pointers, service_type_ids, found);
    for (diagnostic& d : found)
      sink_.error(std::move(d.code), std::move(d.pointer), std::move(d.message));
    data_->facts = public_declarations(data_->table);
  }

  std::vector<std::string> read_strings(object_reader& r, std::string_view key) {
    std::vector<std::string> strings;
    const json* list = r.array(key, presence::optional);
    if (list == nullptr) return strings;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        sink_.error("qaf.pack.type", index_pointer(r.pointer_to(key), i),
                    "expected a string, found " + std::string(describe_json_type(item)));
        continue;
      }
      strings.push_back(item.get<std::string>());
    }
    return strings;
  }

  void read_activities(object_reader& top) {
    id_registry codes("activity code");
    for_each_in(top, "activities", presence::required, [&](object_reader& r) {
      const std::size_t errors_before = sink_.count();
      activity a;
      a.code = r.string("code").value_or("");
      a.title = r.string("title").value_or("");
      if (auto kind = r.one_of("kind", {"visit", "return", "survey", "meeting", "decision",
                                        "self_assessment", "review"})) {
        a.kind = parse_activity_kind(*kind);
      }
      a.on_site = r.boolean("on_site").value_or(false);
      a.outcomes = read_outcomes(r);
      a.source = read_source(r);
      bool interpretation = false;
      std::string note;
      read_interpretation(r, interpretation, note);
      // An activity read with a mistake has defaults where the mistake is (on_site false): the
      // checks that read those properties would report the same mistake again.
      if (sink_.count() != errors_before || r.has_unknown_members()) {
        faulty_activities_.insert(a.code);
      }
      if (!a.code.empty() && codes.add(a.code, r.pointer_to("code"), sink_)) {
        activity_by_code_.emplace(a.code, static_cast<activity_index>(data_->activities.size()));
        data_->activities.push_back(std::move(a));
      }
    });
  }

  // The outcomes an activity may record: a closed set of lower snake case words, at least one,
  // none twice. A history record's outcome is checked against it, as a condition's literal is.
  std::vector<std::string> read_outcomes(object_reader& r) {
    if (!r.has("outcomes")) {
      r.accept("outcomes");
      return {};
    }
    const json* list = r.array("outcomes", presence::optional);
    if (list == nullptr) return {};
    const std::string base = r.pointer_to("outcomes");
    if (list->empty()) {
      sink_.error("qaf.pack.missing", base,
                  "'outcomes' lists at least one outcome; leave it out when the activity records "
                  "none");
    }
    std::vector<std::string> outcomes;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      const std::string at = index_pointer(base, i);
      if (!item.is_string()) {
        sink_.error(
            "qaf.pack.type", at,
            "expected an outcome, a string, found " + std::string(describe_json_type(item)));
        continue;
      }
      const std::string& text = item.get_ref<const std::string&>();
      if (!is_snake_name(text)) {
        sink_.error("qaf.pack.value", at,
                    "an outcome is lower snake case, e.g. 'requires_improvement'; found '" +
                        excerpt(text) + "'");
      } else if (std::find(outcomes.begin(), outcomes.end(), text) != outcomes.end()) {
        sink_.error("qaf.pack.value", at, "'" + excerpt(text) + "' is listed twice");
      } else {
        outcomes.push_back(text);
      }
    }
    return outcomes;
  }

  // Every activity that records outcomes gets a slot for outcome('CODE'), before any condition
  // is compiled.
  void set_outcome_slots() {
    std::vector<std::string> codes;
    std::vector<std::vector<std::string>> values;
    for (const activity& a : data_->activities) {
      if (a.outcomes.empty()) continue;
      codes.push_back(a.code);
      values.push_back(a.outcomes);
    }
    data_->table.set_outcomes(codes, values);
    data_->preceded.assign(data_->activities.size(), false);
  }

  static activity_kind parse_activity_kind(std::string_view kind) {
    if (kind == "return") return activity_kind::data_return;
    if (kind == "survey") return activity_kind::survey;
    if (kind == "meeting") return activity_kind::meeting;
    if (kind == "decision") return activity_kind::decision;
    if (kind == "self_assessment") return activity_kind::self_assessment;
    if (kind == "review") return activity_kind::review;
    return activity_kind::visit;
  }

  // ---- calendar ---------------------------------------------------------------------------

  void read_calendar(object_reader& top) {
    region where = region::england_and_wales();
    std::vector<date> closures;
    std::vector<school_term> terms;
    if (const json* value = top.member("calendar", presence::optional)) {
      object_reader r(*value, top.pointer_to("calendar"), sink_);
      if (auto name = r.string("region", presence::optional)) {
        std::string why;
        if (auto parsed = region::try_parse(*name, &why)) {
          where = *parsed;
        } else {
          sink_.error("qaf.pack.value", r.pointer_to("region"), why);
        }
      }
      if (auto roll = r.one_of("roll", {"none", "next_working_day"}, presence::optional)) {
        data_->roll = *roll == "next_working_day" ? roll_rule::next_working_day : roll_rule::none;
      }
      for_each_in(r, "closure_days", presence::optional, [&](object_reader& c) {
        auto day = c.date("date");
        c.string("name");
        if (day) closures.push_back(*day);
      });
      for_each_in(r, "terms", presence::optional, [&](object_reader& t) {
        auto name = t.string("name");
        auto start = t.date("start");
        auto end = t.date("end");
        if (!name || !start || !end) return;
        if (*end < *start) {
          sink_.error("qaf.pack.value", t.pointer_to("end"),
                      "the term ends (" + end->to_string() + ") before it starts (" +
                          start->to_string() + ")");
          return;
        }
        if (!terms.empty() && *start <= terms.back().end) {
          sink_.error("qaf.pack.table_order", t.pointer_to("start"),
                      "terms are listed in order without overlapping; this one starts " +
                          start->to_string() + ", on or before the previous term's end " +
                          terms.back().end.to_string());
          return;
        }
        terms.push_back({*name, *start, *end});
      });
      read_deadline_tables(r);
      r.finish();
    }
    data_->calendar = working_calendar(where, std::move(closures));
    if (!terms.empty()) data_->terms = term_calendar(std::move(terms));
  }

  void read_deadline_tables(object_reader& calendar) {
    id_registry ids("deadline table");
    for_each_in(calendar, "deadline_tables", presence::optional, [&](object_reader& r) {
      deadline_table table;
      table.id = r.string("id").value_or("");
      table.title = r.string("title").value_or("");
      table.source = read_source(r);
      bool interpretation = false;
      std::string note;
      read_interpretation(r, interpretation, note);
      const json* list = r.array("deadlines", presence::required);
      const std::string base = r.pointer_to("deadlines");
      if (list != nullptr && list->empty()) {
        sink_.error("qaf.pack.missing", base, "a deadline table lists at least one deadline");
      }
      if (list != nullptr) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          object_reader d((*list)[i], index_pointer(base, i), sink_);
          if (!d.valid()) continue;
          deadline entry;
          entry.period = d.string("period").value_or("");
          auto due = d.date("due");
          entry.start = d.date("start", presence::optional);
          entry.end = d.date("end", presence::optional);
          entry.published = d.string("published", presence::optional).value_or("");
          read_interpretation(d, entry.interpretation, entry.note);
          if (entry.start && entry.end && *entry.end < *entry.start) {
            sink_.error("qaf.pack.value", d.pointer_to("end"),
                        "the period ends (" + entry.end->to_string() + ") before it starts (" +
                            entry.start->to_string() + ")");
          }
          d.finish();
          if (!due) continue;
          entry.due = *due;
          if (!table.deadlines.empty() && entry.due <= table.deadlines.back().due) {
            sink_.error("qaf.pack.table_order", d.pointer_to("due"),
                        "deadlines must be strictly increasing: " + entry.due.to_string() + " (" +
                            entry.period + ") is not after " +
                            table.deadlines.back().due.to_string() + " (" +
                            table.deadlines.back().period + ")");
            continue;
          }
          table.deadlines.push_back(std::move(entry));
        }
      }
      if (!table.id.empty() && ids.add(table.id, r.pointer_to("id"), sink_)) {
        table_by_id_.emplace(table.id, static_cast<std::uint32_t>(data_->deadline_tables.size()));
        data_->deadline_tables.push_back(std::move(table));
      }
    });
  }

  std::optional<std::uint32_t> resolve_table(object_reader& r, std::string_view key) {
    auto id = r.string(key);
    if (!id) return std::nullopt;
    if (const auto it = table_by_id_.find(*id); it != table_by_id_.end()) return it->second;
    std::string suggestion;  // only for the reports shown, as for activities
    if (++undeclared_tables_ <= max_diagnostics_per_code) {
      std::vector<std::string_view> ids;
      for (const deadline_table& t : data_->deadline_tables) ids.emplace_back(t.id);
      suggestion = did_you_mean(closest_match(*id, ids));
    }
    sink_.error(
        "qaf.pack.undeclared_table", r.pointer_to(key),
        "'" + excerpt(*id) + "' is not a deadline table in /calendar/deadline_tables" + suggestion);
    return std::nullopt;
  }

  // ---- scheduling -------------------------------------------------------------------------

  void read_schedule(object_reader& top) {
    for_each_in(top, "schedule", presence::optional, [&](object_reader& r) {
      schedule_rule rule;
      rule.meta = read_rule_meta(r, rule_ids_);
      rule.when = read_when(r, "when");
      rule.while_condition = read_when(r, "while");
      const json* value = r.member("cadence", presence::required);
      std::string type;
      if (value != nullptr) {
        object_reader c(*value, r.pointer_to("cadence"), sink_);
        rule.cadence = read_cadence(c, type);
        c.finish();
      }
      const bool alternate = type == "alternate";
      if (alternate) {
        if (r.has("activity")) {
          r.accept("activity");
          sink_.error("qaf.pack.value", r.pointer_to("activity"),
                      "an alternate cadence names its activities in cadence.activities, not here");
        }
      } else {
        rule.activity = read_activity_ref(r, "activity");
      }
      if (type == "before" && rule.activity && value != nullptr && value->is_object() &&
          value->contains("activity") && (*value)["activity"].is_string() &&
          (*value)["activity"].get_ref<const std::string&>() ==
              data_->activities[*rule.activity].code) {
        sink_.error("qaf.pack.value", r.pointer_to("cadence") + "/activity",
                    "a rule cannot fall due before its own activity; name the activity it "
                    "precedes");
      }
      data_->schedule.push_back(std::move(rule));
    });
  }

  cadence read_cadence(object_reader& c, std::string& type_name) {
    cadence result;
    auto type = c.one_of("type", {"every", "alternate", "monthly_by_day", "termly", "quarterly",
                                  "calendar", "ad_hoc", "before"});
    if (!type) {
      c.accept_all();
      return result;
    }
    type_name = *type;
    if (*type == "every" || *type == "alternate") {
      result.type = *type == "every" ? cadence_type::every : cadence_type::alternate;
      if (auto s = read_step(c, "an interval cadence")) result.interval = *s;
      if (result.type == cadence_type::every) {
        result.first_due = read_step_member(c, "first_due", presence::optional, "first_due");
        result.once = c.boolean("once", presence::optional).value_or(false);
      } else {
        read_alternates(c, result);
      }
    } else if (*type == "monthly_by_day") {
      result.type = cadence_type::monthly_by_day;
      result.day_of_month =
          static_cast<int>(c.integer("day", presence::required, 1, 31).value_or(1));
      if (auto roll = c.one_of("roll", {"none", "next_working_day"}, presence::optional)) {
        result.roll = *roll == "next_working_day" ? roll_rule::next_working_day : roll_rule::none;
      }
      if (const json* months = c.array("months", presence::optional)) {
        result.month_mask = 0;
        if (months->empty()) {
          sink_.error("qaf.pack.value", c.pointer_to("months"),
                      "list at least one month number from 1 to 12, or leave 'months' out for "
                      "every month");
        }
        for (std::size_t i = 0; i < months->size(); ++i) {
          const json& m = (*months)[i];
          if (!m.is_number_integer() || m.get<std::int64_t>() < 1 || m.get<std::int64_t>() > 12) {
            sink_.error("qaf.pack.value", index_pointer(c.pointer_to("months"), i),
                        "expected a month number from 1 to 12, found " + describe_json_value(m));
            continue;
          }
          const auto bit = static_cast<std::uint16_t>(1u << m.get<int>());
          if ((result.month_mask & bit) != 0) {
            sink_.error("qaf.pack.value", index_pointer(c.pointer_to("months"), i),
                        "month " + std::to_string(m.get<int>()) + " is listed twice");
          }
          result.month_mask = static_cast<std::uint16_t>(result.month_mask | bit);
        }
      }
    } else if (*type == "termly") {
      result.type = cadence_type::termly;
      result.offset_days =
          static_cast<int>(c.integer("offset_days", presence::optional, -366, 366).value_or(0));
    } else if (*type == "quarterly") {
      result.type = cadence_type::quarterly;
      result.offset_days =
          static_cast<int>(c.integer("offset_days", presence::optional, -366, 366).value_or(0));
      if (c.has("table")) result.table = resolve_table(c, "table");
    } else if (*type == "calendar") {
      result.type = cadence_type::calendar;
      result.table = resolve_table(c, "table");
    } else if (*type == "before") {
      result.type = cadence_type::before;
      read_before(c, result);
    } else {
      result.type = cadence_type::ad_hoc;
    }
    return result;
  }

  // A "before" cadence: the activity it precedes and how long before each of its occurrences the
  // rule's own activity falls due. An offset is a length of time, so not same_working_day.
  void read_before(object_reader& c, cadence& result) {
    const std::optional<activity_index> precedes = read_activity_ref(c, "activity");
    const std::optional<due_rule> offset = read_due(c, "offset");
    if (offset && offset->type == due_type::same_working_day) {
      sink_.error("qaf.pack.value", c.pointer_to("offset") + "/same_working_day",
                  "an offset before an activity is working_days, hours, days, weeks or months");
      return;
    }
    if (!precedes || !offset) return;
    result.precedes = *precedes;
    result.offset = *offset;
    data_->preceded[*precedes] = true;
    data_->any_preceded = true;
    int days = offset->count;  // calendar days the offset can span at most
    switch (offset->type) {
      case due_type::working_days:
        days = offset->count * 7 / 5 + 31;  // weekends, and a generous allowance for holidays
        break;
      case due_type::hours:
        days = offset->count / 24;
        break;
      case due_type::weeks:
        days = offset->count * 7;
        break;
      case due_type::months:
        days = offset->count * 31;
        break;
      default:
        break;
    }
    data_->longest_before_days = std::max(data_->longest_before_days, days);
  }

  void read_alternates(object_reader& c, cadence& result) {
    const json* list = c.array("activities", presence::required);
    if (list == nullptr) return;
    const std::string base = c.pointer_to("activities");
    if (list->size() != 2) {
      sink_.error("qaf.pack.value", base,
                  "an alternate cadence names exactly two activities, found " +
                      std::to_string(list->size()));
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        sink_.error("qaf.pack.type", index_pointer(base, i),
                    "expected an activity code, found " + std::string(describe_json_type(item)));
        continue;
      }
      if (auto a = resolve_activity(item.get<std::string>(), index_pointer(base, i))) {
        result.alternates.push_back(*a);
      }
    }
  }

  std::optional<due_rule> read_due(object_reader& owner, std::string_view key) {
    const json* value = owner.member(key, presence::required);
    if (value == nullptr) return std::nullopt;
    object_reader r(*value, owner.pointer_to(key), sink_, "a deadline object");
    if (!r.valid()) return std::nullopt;
    std::vector<due_rule> forms;
    if (auto same = r.boolean("same_working_day", presence::optional)) {
      if (!*same) {
        sink_.error("qaf.pack.value", r.pointer_to("same_working_day"),
                    "write {\"same_working_day\": true} or another deadline form");
      }
      forms.push_back({due_type::same_working_day, 0});
    }
    const std::pair<const char*, due_type> counted[] = {{"working_days", due_type::working_days},
                                                        {"hours", due_type::hours},
                                                        {"days", due_type::days},
                                                        {"weeks", due_type::weeks},
                                                        {"months", due_type::months}};
    for (const auto& [name, type] : counted) {
      if (auto n = r.integer(name, presence::optional, 0, 3650)) {
        forms.push_back({type, static_cast<int>(*n)});
      }
    }
    r.finish();
    for (const due_rule& d : forms) {
      if (d.type == due_type::hours && d.count % 24 != 0) {
        sink_.error("qaf.pack.value", r.pointer_to("hours"),
                    "qaf schedules by date, so hours must be a whole number of days (24, 48, ...)");
        return std::nullopt;
      }
    }
    if (forms.size() == 1) return forms.front();
    sink_.error(forms.empty() ? "qaf.pack.missing" : "qaf.pack.value", r.pointer(),
                "a deadline is exactly one of same_working_day, working_days, hours, days, weeks "
                "or months");
    return std::nullopt;
  }

  void read_triggers(object_reader& top) {
    for_each_in(top, "triggers", presence::optional, [&](object_reader& r) {
      trigger t;
      t.meta = read_rule_meta(r, rule_ids_);
      const auto e = r.one_of("event", {"regulator_rating_changed", "registered_manager_changed",
                                        "concern_raised", "return_missed"});
      if (e) {
        t.event = *e == "regulator_rating_changed"     ? event_type::regulator_rating_changed
                  : *e == "registered_manager_changed" ? event_type::registered_manager_changed
                  : *e == "concern_raised"             ? event_type::concern_raised
                                                       : event_type::return_missed;
      }
      if (const json* match = r.member("match", presence::optional))
        read_match(*match, r.pointer_to("match"), e, t);
      t.when = read_when(r, "when");
      const json* list = r.array("obligations", presence::required);
      const std::string base = r.pointer_to("obligations");
      if (list != nullptr && list->empty()) {
        sink_.error("qaf.pack.missing", base, "a trigger creates at least one obligation");
      }
      for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
        object_reader o((*list)[i], index_pointer(base, i), sink_);
        if (!o.valid()) continue;
        obligation ob;
        auto a = read_activity_ref(o, "activity");
        auto due = read_due(o, "due");
        if (const json* repeat = o.member("repeat", presence::optional)) {
          object_reader rr(*repeat, o.pointer_to("repeat"), sink_);
          if (rr.valid()) {
            repeat_rule rep;
            if (auto s = read_step(rr, "repeat")) rep.interval = *s;
            // Without `while` a repetition would never end.
            rep.while_condition = read_when(rr, "while", presence::required);
            ob.repeat = std::move(rep);
          }
          rr.finish();
        }
        ob.brings_forward = o.boolean("brings_forward", presence::optional).value_or(false);
        if (auto follows = o.string("follows", presence::optional)) {
          // An earlier obligation of this trigger: this one never falls due before it.
          for (std::size_t j = 0; j < t.obligations.size(); ++j) {
            if (data_->activities[t.obligations[j].activity].code == *follows) ob.follows = j;
          }
          if (!ob.follows) {
            sink_.error("qaf.pack.value", o.pointer_to("follows"),
                        "'" + *follows +
                            "' is not the activity of an earlier obligation of this "
                            "trigger");
          }
        }
        o.finish();
        if (a && due) {
          ob.activity = *a;
          ob.due = *due;
          t.obligations.push_back(std::move(ob));
        }
      }
      data_->triggers.push_back(std::move(t));
    });
  }

  // The fields of an event (DOMAIN.md section 4) that a trigger can match on; a field the event
  // does not have would never match and silently disable the trigger.
  static std::vector<std::string> event_fields(std::string_view event) {
    if (event == "regulator_rating_changed") return {"from", "to"};
    return {};
  }

  void read_match(const json& value, const std::string& pointer,
                  const std::optional<std::string>& event, trigger& t) {
    if (!value.is_object()) {
      sink_.error(
          "qaf.pack.type", pointer,
          "expected an object of event fields, found " + std::string(describe_json_type(value)));
      return;
    }
    if (value.empty()) {
      sink_.error("qaf.pack.value", pointer,
                  "a match names at least one event field; leave 'match' out to match every "
                  "event of the type");
    }
    const std::vector<std::string> fields =
        event ? event_fields(*event) : std::vector<std::string>{};
    for (const auto& [field, values] : value.items()) {
      const std::string at = pointer + '/' + escape_pointer_token(field);
      if (event && std::find(fields.begin(), fields.end(), field) == fields.end()) {
        sink_.error("qaf.pack.unknown_member", at,
                    fields.empty() ? "unknown member '" + excerpt(field) + "'; the event '" +
                                         *event + "' has no fields to match"
                                   : unknown_member_message(field, fields));
        continue;
      }
      event_match m{field, {}};
      std::unordered_set<std::string> listed;
      if (!values.is_array() || values.empty()) {
        sink_.error("qaf.pack.type", at, "expected a non-empty array of the values that match");
        continue;
      }
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i].is_string()) {
          sink_.error("qaf.pack.type", index_pointer(at, i),
                      "expected a string, found " + std::string(describe_json_type(values[i])));
          continue;
        }
        const std::string& text = values[i].get_ref<const std::string&>();
        if (!listed.insert(text).second) {
          sink_.error("qaf.pack.value", index_pointer(at, i),
                      "'" + excerpt(text) + "' is listed twice");
          continue;
        }
        m.values.push_back(text);
      }
      if (field == "to" || field == "from") check_rating_values(m, at);
      t.match.push_back(std::move(m));
    }
  }

  void check_rating_values(const event_match& m, const std::string& pointer) {
    const std::vector<std::string> ratings = {"outstanding", "good", "requires_improvement",
                                              "inadequate", "not_rated"};
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      if (std::find(ratings.begin(), ratings.end(), m.values[i]) == ratings.end()) {
        sink_.error("qaf.pack.value", index_pointer(pointer, i),
                    "'" + m.values[i] + "' is not a regulator rating" +
                        did_you_mean(closest_match(m.values[i], ratings)));
      }
    }
  }

  void read_follow_ups(object_reader& top) {
    for_each_in(top, "follow_ups", presence::optional, [&](object_reader& r) {
      follow_up f;
      f.meta = read_rule_meta(r, rule_ids_);
      f.when = read_when(r, "when");
      auto after = read_activity_ref(r, "after");
      auto a = read_activity_ref(r, "activity");
      auto due = read_due(r, "due");
      std::optional<activity_index> counts_as;
      const bool counts = r.has("counts_as");
      if (counts) counts_as = read_activity_ref(r, "counts_as");
      r.accept("counts_as");
      if (after && a && due && (!counts || counts_as)) {
        f.after = *after;
        f.activity = *a;
        f.due = *due;
        f.counts_as = counts_as;
        data_->follow_ups.push_back(std::move(f));
      }
    });
  }

  void read_minimum_visits(object_reader& top) {
    for_each_in(top, "minimum_visits", presence::optional, [&](object_reader& r) {
      minimum_visits_rule m;
      m.meta = read_rule_meta(r, rule_ids_);
      m.when = read_when(r, "when");
      m.visits = static_cast<int>(r.integer("visits", presence::required, 1, 366).value_or(0));
      const json* list = r.array("activities", presence::required);
      const std::string base = r.pointer_to("activities");
      if (list != nullptr && list->empty()) {
        sink_.error("qaf.pack.missing", base,
                    "a minimum visits rule names at least one on-site activity");
      }
      for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
        const json& item = (*list)[i];
        if (!item.is_string()) {
          sink_.error("qaf.pack.type", index_pointer(base, i), "expected an activity code");
          continue;
        }
        if (auto a = resolve_activity(item.get<std::string>(), index_pointer(base, i))) {
          if (!data_->activities[*a].on_site &&
              !faulty_activities_.contains(item.get<std::string>())) {
            sink_.error(
                "qaf.pack.value", index_pointer(base, i),
                "'" + item.get<std::string>() +
                    "' is not an on-site activity, so it cannot count towards minimum visits");
          }
          m.activities.push_back(*a);
        }
      }
      data_->minimum_visits.push_back(std::move(m));
    });
  }

  // ---- classification ---------------------------------------------------------------------

  void read_schemes(object_reader& top) {
    id_registry ids("scheme");
    for_each_in(top, "schemes", presence::optional, [&](object_reader& r) {
      scheme s;
      s.id = r.string("id").value_or("");
      s.title = r.string("title").value_or("");
      s.source = read_source(r, presence::optional);
      s.when = read_when(r, "when", presence::optional, levels::not_here);
      read_levels(r, s);
      level_index_.clear();
      for (std::size_t i = 0; i < s.levels.size(); ++i) {
        level_index_.emplace(s.levels[i].value, static_cast<std::uint32_t>(i));
      }
      read_refresh(r, s);
      const json* list = r.array("rules", presence::required);
      const std::string base = r.pointer_to("rules");
      for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
        object_reader rule((*list)[i], index_pointer(base, i), sink_);
        if (!rule.valid()) continue;
        scheme_rule sr;
        sr.meta = read_rule_meta(rule, rule_ids_);
        sr.when = read_when(rule, "when", presence::required, levels::not_here);
        sr.text = rule.string("text").value_or("");
        if (const json* level = rule.member("level", presence::required)) {
          if (auto index = resolve_level(s, *level, rule.pointer_to("level"))) sr.level = *index;
        }
        sr.interventions = read_interventions(rule);
        rule.finish();
        s.rules.push_back(std::move(sr));
      }
      if (!s.id.empty() && ids.add(s.id, r.pointer_to("id"), sink_)) {
        data_->schemes.push_back(std::move(s));
      }
    });
  }

  // "refresh": {"after": [activity codes], "source": {...}}: the activities after which the
  // rating is refreshed; a rating older than the latest of them is flagged for review.
  void read_refresh(object_reader& r, scheme& s) {
    const json* value = r.member("refresh", presence::optional);
    if (value == nullptr) return;
    object_reader rf(*value, r.pointer_to("refresh"), sink_,
                     "a refresh object {\"after\": [activity codes], \"source\"}");
    if (!rf.valid()) return;
    rating_refresh refresh;
    refresh.source = read_source(rf);
    const json* list = rf.array("after", presence::required);
    const std::string base = rf.pointer_to("after");
    if (list != nullptr && list->empty()) {
      sink_.error("qaf.pack.value", base, "a refresh names at least one activity");
    }
    for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        sink_.error("qaf.pack.type", index_pointer(base, i),
                    "expected an activity code, found " + std::string(describe_json_type(item)));
        continue;
      }
      if (auto a = resolve_activity(item.get<std::string>(), index_pointer(base, i))) {
        refresh.after.push_back(*a);
      }
    }
    rf.finish();
    s.refresh = std::move(refresh);
  }

  // Uses level_index_ to find repeated levels; read_schemes fills it with the indices after.
  void read_levels(object_reader& r, scheme& s) {
    level_index_.clear();
    const json* list = r.array("levels", presence::required);
    if (list == nullptr) return;
    const std::string base = r.pointer_to("levels");
    if (list->size() < 2) {
      sink_.error("qaf.pack.value", base, "a scheme has at least two levels");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      object_reader l((*list)[i], index_pointer(base, i), sink_);
      if (!l.valid()) continue;
      level lv;
      const json* value = l.member("level", presence::required);
      bool ok = false;
      if (value != nullptr && value->is_number_integer()) {
        lv.value = value->get<std::int64_t>();
        ok = true;
      } else if (value != nullptr && value->is_string() && !value->get<std::string>().empty()) {
        lv.value = value->get<std::string>();
        ok = true;
      } else if (value != nullptr) {
        sink_.error("qaf.pack.type", l.pointer_to("level"),
                    "a level is a whole number or a name, found " +
                        std::string(describe_json_type(*value)));
      }
      lv.label = l.string("label").value_or("");
      lv.interventions = read_interventions(l);
      if (l.member("requires", presence::optional) != nullptr && i != 0) {
        sink_.error("qaf.pack.value", l.pointer_to("requires"),
                    "only the least severe level (the first) states conditions of its own: a "
                    "more severe level is reached by the rules that imply it");
      }
      for_each_in(l, "requires", presence::optional, [&](object_reader& rq) {
        level_requirement item;
        item.meta = read_rule_meta(rq, rule_ids_);
        item.when = read_when(rq, "when", presence::required, levels::not_here);
        item.text = rq.string("text").value_or("");
        lv.requirements.push_back(std::move(item));
      });
      l.finish();
      if (!ok) continue;
      if (!level_index_.emplace(lv.value, 0).second) {
        sink_.error("qaf.pack.duplicate_id", l.pointer_to("level"), "this level is listed twice");
        continue;
      }
      s.levels.push_back(std::move(lv));
    }
  }

  std::vector<intervention> read_interventions(object_reader& r) {
    std::vector<intervention> list;
    for_each_in(r, "interventions", presence::optional, [&](object_reader& iv) {
      intervention item;
      item.text = iv.string("text").value_or("");
      item.source = read_source(iv);
      list.push_back(std::move(item));
    });
    return list;
  }

  static std::string level_text(const level_value& lv) {
    return std::holds_alternative<std::int64_t>(lv) ? std::to_string(std::get<std::int64_t>(lv))
                                                    : std::get<std::string>(lv);
  }

  std::optional<std::uint32_t> resolve_level(const scheme& s, const json& value,
                                             const std::string& pointer) {
    std::optional<level_value> wanted;
    if (value.is_number_integer() && !value.is_number_unsigned()) {
      wanted = value.get<std::int64_t>();
    } else if (value.is_number_unsigned() &&
               value.get<std::uint64_t>() <=
                   static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      wanted = static_cast<std::int64_t>(value.get<std::uint64_t>());
    } else if (value.is_string()) {
      wanted = value.get<std::string>();
    }
    if (wanted) {
      if (const auto it = level_index_.find(*wanted); it != level_index_.end()) return it->second;
    }
    // The list is cut once it is longer than a message shows, so that many wrong levels against
    // many levels stay linear.
    std::string list;
    for (std::size_t i = 0; i < s.levels.size() && list.size() <= 200; ++i) {
      list += (list.empty() ? "" : ", ") + level_text(s.levels[i].value);
    }
    // A misspelt level name ("hihg") gets a suggestion; a number that is not a level has none
    // that would help more than the list.
    std::string suggestion;
    if (value.is_string() && ++undeclared_levels_ <= max_diagnostics_per_code) {
      std::vector<std::string> names;
      for (const qaf::detail::level& l : s.levels) names.push_back(level_text(l.value));
      suggestion = did_you_mean(closest_match(value.get_ref<const std::string&>(), names));
    }
    sink_.error("qaf.pack.undeclared_level", pointer,
                describe_json_value(value) + " is not a level of scheme '" + excerpt(s.id) +
                    "'; its levels are " + excerpt(list, 200) + suggestion);
    return std::nullopt;
  }

  // ---- KPIs -------------------------------------------------------------------------------

  void read_kpis(object_reader& top) {
    id_registry ids("KPI");
    for_each_in(top, "kpis", presence::optional, [&](object_reader& r) {
      kpi k;
      k.meta = read_rule_meta(r, ids);
      k.title = r.string("title", presence::optional).value_or("");
      if (auto m = r.one_of("measure", {"count", "percentage", "evidence"})) {
        k.measure = *m == "count"        ? kpi_measure::count
                    : *m == "percentage" ? kpi_measure::percentage
                                         : kpi_measure::evidence;
      }
      if (auto f = r.one_of("frequency", {"period", "yearly"}, presence::optional)) {
        k.frequency = *f == "yearly" ? kpi_frequency::yearly : kpi_frequency::period;
      }
      k.when = read_when(r, "when", presence::optional, levels::facts_only);
      if (const json* target = r.member("target", presence::required)) {
        object_reader t(*target, r.pointer_to("target"), sink_);
        read_target(t, k);
        t.finish();
      }
      data_->kpis.push_back(std::move(k));
    });
    if (const json* value = top.member("kpi_consequences", presence::optional)) {
      object_reader r(*value, top.pointer_to("kpi_consequences"), sink_);
      kpi_consequences& c = data_->consequences;
      c.not_met = r.one_of("not_met", {"none", "review_meeting", "default_notice"}).value_or("");
      c.not_met_after_review =
          r.one_of("not_met_after_review", {"none", "review_meeting", "default_notice"})
              .value_or("");
      c.source = read_source(r);
      read_interpretation(r, c.interpretation, c.note);
      if (r.has("return_activity")) c.return_activity = read_activity_ref(r, "return_activity");
      c.present = true;
      r.finish();
    }
  }

  void read_target(object_reader& t, kpi& k) {
    auto type = t.one_of("type", {"at_least", "at_most", "reduction", "increase", "evidence"});
    if (!type) {
      t.accept_all();
      return;
    }
    if (*type == "at_least" || *type == "at_most") {
      k.target = *type == "at_least" ? kpi_target_type::at_least : kpi_target_type::at_most;
      k.target_value = t.number("value").value_or(0);
    } else if (*type == "reduction" || *type == "increase") {
      k.target = *type == "reduction" ? kpi_target_type::reduction : kpi_target_type::increase;
      if (auto against = t.one_of("against", {"previous_period", "previous_contract_year"})) {
        k.against = *against == "previous_period" ? kpi_baseline::previous_period
                                                  : kpi_baseline::previous_contract_year;
      }
    } else {
      k.target = kpi_target_type::evidence;
    }
    const bool evidence_measure = k.measure == kpi_measure::evidence;
    if (evidence_measure != (k.target == kpi_target_type::evidence)) {
      sink_.error("qaf.pack.value", t.pointer_to("type"),
                  "an evidence measure takes an evidence target, and only it does");
    }
  }

  void read_tests(object_reader& top) {
    // Worked examples run by `qaf test`; their records are checked when that command runs them.
    top.array("tests", presence::optional);
  }

  diagnostics_sink& sink_;
  std::shared_ptr<pack_data> data_;
  id_registry sources_{"source document"};
  id_registry rule_ids_{"rule id"};
  std::unordered_map<std::string, activity_index> activity_by_code_;
  std::map<level_value, std::uint32_t> level_index_;  // the levels of the scheme being read
  std::size_t undeclared_activities_ = 0;
  std::unordered_map<std::string, std::uint32_t> table_by_id_;
  std::size_t undeclared_tables_ = 0;
  std::size_t undeclared_levels_ = 0;
  std::unordered_set<std::string> faulty_activities_;  // codes of activities read with a mistake
  std::size_t errors_ = 0;
};

}  // namespace

std::shared_ptr<pack_data> load_pack_data(const std::string& origin, std::string_view text,
                                          std::vector<diagnostic>& diagnostics) {
  diagnostics_sink sink(origin, diagnostics);
  pack_loader loader(origin, text, sink);
  loader.set_baseline();
  return loader.load();
}

}  // namespace qaf::detail

namespace qaf {
namespace {

std::string bundled_file_name(std::string_view id) { return "packs/" + std::string(id) + ".json"; }

// A chain of versions longer than this is a mistake; no framework has had this many versions.
constexpr std::size_t max_versions = 32;

// The packs being loaded, outermost first, each as "bundled:<id>" or its canonical path: a pack
// that names one of them as its previous version would be its own earlier version.
using version_chain = std::vector<std::string>;

std::string chain_key(std::string_view id_or_path, bool bundled) {
  if (bundled) return "bundled:" + std::string(id_or_path);
  std::error_code ignored;
  const std::filesystem::path canonical =
      std::filesystem::weakly_canonical(std::filesystem::path(id_or_path), ignored);
  return canonical.empty() ? std::string(id_or_path) : canonical.string();
}

bool is_bundled(std::string_view id) {
  return std::any_of(detail::bundled_packs().begin(), detail::bundled_packs().end(),
                     [&](const detail::bundled_pack& b) { return b.id == id; });
}

pack_result load_pack_at(std::string_view id_or_path, version_chain& chain);

// Loads the version `data` names in `previous` (a bundled id, else a path relative to `folder`),
// checks that it ends before `data` begins, and records it and its own earlier versions.
void link_previous(detail::pack_data& data, const std::filesystem::path& folder,
                   version_chain& chain, std::vector<diagnostic>& out) {
  const std::string& named = data.info.previous;
  if (named.empty()) return;
  const auto report = [&](std::string message) {
    out.push_back({"qaf.pack.previous", data.origin, "/previous", std::move(message)});
  };
  const bool bundled = is_bundled(named);
  const std::string where =
      bundled || std::filesystem::path(named).is_absolute() ? named : (folder / named).string();
  if (std::find(chain.begin(), chain.end(), chain_key(where, bundled)) != chain.end()) {
    report("'" + detail::excerpt(named) + "' is this pack or one it replaces: versions cannot " +
           "go round in a circle");
    return;
  }
  if (chain.size() >= max_versions) {
    report("more than " + std::to_string(max_versions) + " versions, each naming the one before");
    return;
  }
  pack_result earlier = load_pack_at(where, chain);
  if (!earlier) {
    report("the previous version '" + detail::excerpt(named) + "' does not load; its own " +
           "diagnostics follow");
    out.insert(out.end(), earlier.diagnostics.begin(), earlier.diagnostics.end());
    return;
  }
  const pack_info& before = earlier.pack->info();
  if (!before.effective_to || !(*before.effective_to < data.info.effective_from)) {
    report("the previous version '" + detail::excerpt(named) + "' (" + before.version + ", from " +
           before.effective_from.to_string() + " to " +
           (before.effective_to ? before.effective_to->to_string() : std::string("no end")) +
           ") must end before this one begins on " + data.info.effective_from.to_string() +
           ": give it an effective_to");
    return;
  }
  data.earlier.push_back(earlier.pack->data_ptr());
  for (const pack& older : earlier.pack->earlier_versions())
    data.earlier.push_back(older.data_ptr());
}

pack_result parse_pack_at(std::string_view json_text, std::string_view file_name,
                          const std::filesystem::path& folder, version_chain& chain) {
  return detail::at_api_boundary<pack_result>(file_name, [&] {
    pack_result result;
    std::shared_ptr<detail::pack_data> data =
        detail::load_pack_data(std::string(file_name), json_text, result.diagnostics);
    if (!data) return result;
    const std::size_t before = result.diagnostics.size();
    link_previous(*data, folder, chain, result.diagnostics);
    if (result.diagnostics.size() == before) result.pack.emplace(std::move(data));
    return result;
  });
}

pack_result load_pack_at(std::string_view id_or_path, version_chain& chain) {
  const bool bundled = is_bundled(id_or_path);
  chain.push_back(chain_key(id_or_path, bundled));
  pack_result result = [&] {
    for (const detail::bundled_pack& b : detail::bundled_packs()) {
      if (b.id == id_or_path) return parse_pack_at(b.json, bundled_file_name(b.id), {}, chain);
    }
    return detail::at_api_boundary<pack_result>(id_or_path, [&] {
      std::string known;
      for (const detail::bundled_pack& b : detail::bundled_packs()) {
        known += (known.empty() ? "" : ", ") + std::string(b.id);
      }
      pack_result read;
      const std::optional<std::string> text = detail::read_input_file(
          {id_or_path, detail::max_pack_bytes, "qaf.pack.not_found",
           "no bundled pack has this id and no file has this path; the bundled packs are " + known},
          read.diagnostics);
      if (!text) return read;
      return parse_pack_at(*text, id_or_path, std::filesystem::path(id_or_path).parent_path(),
                           chain);
    });
  }();
  chain.pop_back();
  return result;
}

}  // namespace

std::string_view to_string(activity_kind kind) noexcept {
  switch (kind) {
    case activity_kind::visit:
      return "visit";
    case activity_kind::data_return:
      return "return";
    case activity_kind::survey:
      return "survey";
    case activity_kind::meeting:
      return "meeting";
    case activity_kind::decision:
      return "decision";
    case activity_kind::self_assessment:
      return "self_assessment";
    case activity_kind::review:
      return "review";
  }
  return "visit";
}

pack::pack(std::shared_ptr<const detail::pack_data> data) noexcept : data_(std::move(data)) {}
const pack_info& pack::info() const noexcept { return data_->info; }
std::span<const activity> pack::activities() const noexcept { return data_->activities; }
std::span<const service_type> pack::service_types() const noexcept { return data_->service_types; }
std::span<const fact_declaration> pack::facts() const noexcept { return data_->facts; }
std::string_view pack::json_text() const noexcept { return data_->json_text; }
const std::string& pack::origin() const noexcept { return data_->origin; }

const activity* pack::find_activity(std::string_view code) const noexcept {
  for (const activity& a : data_->activities) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

std::vector<pack> pack::earlier_versions() const {
  std::vector<pack> out;
  for (const auto& data : data_->earlier) out.emplace_back(data);
  return out;
}

pack pack::version_in_force(date day) const {
  if (data_->earlier.empty() || !(day < data_->info.effective_from)) return *this;
  for (const auto& data : data_->earlier) {
    if (!(day < data->info.effective_from)) return pack(data);
  }
  return pack(data_->earlier.back());
}

pack_result parse_pack(std::string_view json_text, std::string_view file_name) {
  // A `previous` path is taken as given, relative to the working directory: text has no folder.
  version_chain chain;
  return parse_pack_at(json_text, file_name, {}, chain);
}

pack_result load_pack(std::string_view id_or_path) {
  version_chain chain;
  return load_pack_at(id_or_path, chain);
}

pack load_pack_or_throw(std::string_view id_or_path) {
  pack_result result = load_pack(id_or_path);
  if (!result) throw input_error(std::move(result.diagnostics));
  return std::move(*result.pack);
}

std::vector<bundled_pack_summary> bundled_packs() {
  std::vector<bundled_pack_summary> summaries;
  for (const detail::bundled_pack& bundled : detail::bundled_packs()) {
    pack_result loaded = parse_pack(bundled.json, bundled_file_name(bundled.id));
    bundled_pack_summary s;
    s.id = std::string(bundled.id);
    if (loaded) {
      const pack_info& info = loaded.pack->info();
      s.title = info.title;
      s.version = info.version;
      if (!info.sources.empty()) s.source = info.sources.front().title;
    }
    summaries.push_back(std::move(s));
  }
  return summaries;
}

}  // namespace qaf
