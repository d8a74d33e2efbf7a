#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>

#include "render/json_text.hpp"
#include "render/result_document.hpp"
#include "render/schedule_render.hpp"

namespace qaf::detail {
namespace {

nlohmann::ordered_json months_json(const std::vector<month_load>& months) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const month_load& m : months) {
    char label[8];
    std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
    list.push_back({{"month", label}, {"visits", m.visits}, {"outstanding", m.outstanding}});
  }
  return list;
}

// source_json(source), compact.
void append_source_json(std::string& out, const source_ref& source) {
  out += "{\"document\":";
  append_json_string(out, source.document);
  out += ",\"section\":";
  append_json_string(out, source.section);
  if (!source.quote.empty()) {
    out += ",\"quote\":";
    append_json_string(out, source.quote);
  }
  out += '}';
}

}  // namespace

std::vector<const occurrence*> ordered_occurrences(std::span<const provider_schedule> schedules) {
  std::vector<const occurrence*> all;
  for (const provider_schedule& s : schedules) {
    for (const occurrence& o : s.result.occurrences) all.push_back(&o);
  }
  std::stable_sort(all.begin(), all.end(), [](const occurrence* a, const occurrence* b) {
    return std::tie(a->due, a->provider, a->activity) < std::tie(b->due, b->provider, b->activity);
  });
  return all;
}

nlohmann::ordered_json workload_json(const workload& w) {
  nlohmann::ordered_json json;
  json["months"] = months_json(w.months);
  json["overdue_before_window"] = w.overdue_before_window;
  nlohmann::ordered_json officers = nlohmann::ordered_json::array();
  for (const officer_load& o : w.by_officer) {
    officers.push_back({{"officer", o.officer},
                        {"months", months_json(o.months)},
                        {"overdue_before_window", o.overdue_before_window}});
  }
  json["by_officer"] = std::move(officers);
  return json;
}

nlohmann::ordered_json occurrence_json(const occurrence& o) {
  nlohmann::ordered_json json;
  json["provider"] = o.provider;
  json["activity"] = o.activity;
  json["kind"] = std::string(to_string(o.kind));
  json["due"] = o.due.to_string();
  json["status"] = std::string(to_string(o.status));
  json["rule"] = o.rule;
  json["source"] = source_json(o.source);
  json["on_site"] = o.on_site;
  json["origin"] = std::string(to_string(o.origin));
  json["done_on"] = o.done_on ? nlohmann::ordered_json(o.done_on->to_string()) : nullptr;
  // Only where the record that fulfilled it says what it found, so results of packs whose
  // activities record no outcomes are unchanged.
  if (o.outcome) json["outcome"] = *o.outcome;
  json["late"] = o.late;
  json["days_late"] = o.days_late;
  json["period"] = o.period_start && o.period_end
                       ? nlohmann::ordered_json(period_text(*o.period_start, *o.period_end))
                       : nullptr;
  json["period_name"] = o.period_name.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(o.period_name);
  json["interpretation"] = o.interpretation;
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const occurrence_warning& w : o.warnings) {
    warnings.push_back({{"code", w.code}, {"message", w.message}});
  }
  json["warnings"] = std::move(warnings);
  return json;
}

void append_occurrence_json(std::string& out, const occurrence& o) {
  // The members and their order are occurrence_json's (a test compares the two on every pack's
  // worked cases and on text that needs escaping); only the document is not built.
  out += "{\"provider\":";
  append_json_string(out, o.provider);
  out += ",\"activity\":";
  append_json_string(out, o.activity);
  out += ",\"kind\":";
  append_json_string(out, to_string(o.kind));
  out += ",\"due\":";
  append_json_date(out, o.due);
  out += ",\"status\":";
  append_json_string(out, to_string(o.status));
  out += ",\"rule\":";
  append_json_string(out, o.rule);
  out += ",\"source\":";
  append_source_json(out, o.source);
  out += o.on_site ? ",\"on_site\":true" : ",\"on_site\":false";
  out += ",\"origin\":";
  append_json_string(out, to_string(o.origin));
  out += ",\"done_on\":";
  if (o.done_on) {
    append_json_date(out, *o.done_on);
  } else {
    out += "null";
  }
  if (o.outcome) {
    out += ",\"outcome\":";
    append_json_string(out, *o.outcome);
  }
  out += o.late ? ",\"late\":true" : ",\"late\":false";
  out += ",\"days_late\":";
  out += std::to_string(o.days_late);
  out += ",\"period\":";
  if (o.period_start && o.period_end) {
    out += '"';
    out += o.period_start->to_string();
    out += '/';
    out += o.period_end->to_string();
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"period_name\":";
  if (o.period_name.empty()) {
    out += "null";
  } else {
    append_json_string(out, o.period_name);
  }
  out += o.interpretation ? ",\"interpretation\":true" : ",\"interpretation\":false";
  out += ",\"warnings\":[";
  for (std::size_t i = 0; i < o.warnings.size(); ++i) {
    out += i > 0 ? ",{\"code\":" : "{\"code\":";
    append_json_string(out, o.warnings[i].code);
    out += ",\"message\":";
    append_json_string(out, o.warnings[i].message);
    out += '}';
  }
  out += "]}";
}

nlohmann::ordered_json minimum_visits_json(const std::string& provider,
                                           const minimum_visits_check& c) {
  return {{"provider", provider},
          {"rule", c.rule},
          {"source", source_json(c.source)},
          {"required", c.required},
          {"scheduled_fewest", c.scheduled_fewest},
          {"full_year", c.full_year},
          {"scheduled_shortfall", c.scheduled_shortfall},
          {"done_last_12_months", c.done_last_12_months},
          {"shortfall", c.shortfall},
          {"part_year", c.part_year},
          {"required_in_force", c.required_in_force}};
}

void append_minimum_visits_json(std::string& out, const std::string& provider,
                                const minimum_visits_check& c) {
  // The members and their order are minimum_visits_json's (a test compares the two).
  const auto number = [&out](std::string_view name, int value) {
    out += ",\"";
    out += name;
    out += "\":";
    out += std::to_string(value);
  };
  const auto flag = [&out](std::string_view name, bool value) {
    out += ",\"";
    out += name;
    out += value ? "\":true" : "\":false";
  };
  out += "{\"provider\":";
  append_json_string(out, provider);
  out += ",\"rule\":";
  append_json_string(out, c.rule);
  out += ",\"source\":";
  append_source_json(out, c.source);
  number("required", c.required);
  number("scheduled_fewest", c.scheduled_fewest);
  flag("full_year", c.full_year);
  number("scheduled_shortfall", c.scheduled_shortfall);
  number("done_last_12_months", c.done_last_12_months);
  number("shortfall", c.shortfall);
  flag("part_year", c.part_year);
  number("required_in_force", c.required_in_force);
  out += '}';
}

std::vector<occurrence_warning> result_warnings(std::span<const provider_schedule> schedules) {
  std::vector<occurrence_warning> all;
  for (const provider_schedule& s : schedules) {
    for (const occurrence_warning& w : s.result.warnings) {
      const bool seen = std::any_of(all.begin(), all.end(), [&](const occurrence_warning& x) {
        return x.code == w.code && x.message == w.message;
      });
      if (!seen) all.push_back(w);
    }
  }
  return all;
}

nlohmann::ordered_json result_warnings_json(std::span<const provider_schedule> schedules) {
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const occurrence_warning& w : result_warnings(schedules)) {
    warnings.push_back({{"code", w.code}, {"message", w.message}});
  }
  return warnings;
}

}  // namespace qaf::detail
