// Reads JSON portfolios with simdjson's on-demand API: bulk portfolios of hundreds of thousands of
// providers are read many times faster than a DOM parser would, and every value is still reported
// at its JSON Pointer when it is wrong.
#include <simdjson.h>

#include <algorithm>
#include <unordered_map>

#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "qaf/pack.hpp"

namespace qaf::detail {
namespace {

namespace od = simdjson::ondemand;

// Raised inside the reader when the text itself is broken; the whole file is then rejected at
// the place simdjson stopped.
struct syntax_failure {
  simdjson::error_code code;
};

// Where simdjson stopped, as line:column; the end of the text when it cannot say.
std::string location_of(std::string_view text, const char* at) {
  const bool inside = at != nullptr && at >= text.data() && at <= text.data() + text.size();
  return line_and_column(text, inside ? static_cast<std::size_t>(at - text.data()) : text.size());
}

template <typename T>
T take(simdjson::simdjson_result<T> result) {
  T value;
  if (const auto error = std::move(result).get(value)) throw syntax_failure{error};
  return value;
}

std::string_view type_name(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "a value";
}

// The member names met so far in one object: JSON allows a name twice, and a reader that kept the
// last would silently lose the first.
class member_names {
 public:
  bool first_time(std::string_view key, const std::string& object_pointer, diagnostics_sink& sink) {
    if (std::find(names_.begin(), names_.end(), key) == names_.end()) {
      names_.emplace_back(key);
      return true;
    }
    sink.error("qaf.json.duplicate_key", object_pointer + '/' + escape_pointer_token(key),
               "the member '" + std::string(key) + "' appears twice in one object");
    return false;
  }

 private:
  std::vector<std::string> names_;
};

class portfolio_json_reader {
 public:
  portfolio_json_reader(const pack_data& pack, diagnostics_sink& sink) : pack_(pack), sink_(sink) {}

  std::optional<portfolio> read(std::string_view text) {
    const std::size_t errors_before = sink_.count();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      sink_.error("qaf.json.syntax", "1:1", "the file is empty; expected {\"providers\": [...]}");
      return std::nullopt;
    }
    simdjson::padded_string padded(text);
    od::parser parser;
    od::document doc;
    portfolio result;
    bool iterating = false;
    try {
      if (const auto error = parser.iterate(padded).get(doc)) throw syntax_failure{error};
      iterating = true;
      // Only a document read to its end can be checked for text after it.
      if (read_document(doc, result)) {
        const char* rest = nullptr;
        if (!doc.current_location().get(rest)) throw syntax_failure{simdjson::TRAILING_CONTENT};
      }
    } catch (const syntax_failure& failure) {
      const char* at = nullptr;
      if (!iterating || doc.current_location().get(at)) at = nullptr;
      sink_.error("qaf.json.syntax", at == nullptr ? "1:1" : location_of(text, at),
                  "malformed JSON: " + std::string(simdjson::error_message(failure.code)));
      return std::nullopt;
    }
    if (sink_.count() != errors_before) return std::nullopt;
    return result;
  }

 private:
  void wrong_type(const std::string& pointer, std::string_view expected, od::json_type found) {
    sink_.error("qaf.portfolio.type", pointer,
                "expected " + std::string(expected) + ", found " + std::string(type_name(found)));
  }

  void unknown_member(const std::string& pointer, std::string_view key, std::string_view allowed) {
    sink_.error("qaf.portfolio.unknown_member", pointer + '/' + escape_pointer_token(key),
                "unknown member '" + std::string(key) + "'; a record has " + std::string(allowed));
  }

  bool read_document(od::document& doc, portfolio& result) {
    const od::json_type type = take(doc.type());
    if (type != od::json_type::object) {
      sink_.error(
          "qaf.portfolio.type", "",
          "expected an object {\"providers\": [...]}, found " + std::string(type_name(type)));
      return false;
    }
    od::object root = take(doc.get_object());
    bool seen_providers = false;
    member_names seen;
    for (auto field_result : root) {
      od::field field = take(std::move(field_result));
      const std::string_view key = take(field.unescaped_key());
      if (!seen.first_time(key, "", sink_)) continue;
      od::value value = field.value();
      if (key == "providers") {
        seen_providers = true;
        read_providers(value, result);
      } else if (key == "$schema") {
      } else {
        sink_.error(
            "qaf.portfolio.unknown_member", "/" + escape_pointer_token(key),
            "unknown member '" + std::string(key) + "'; a portfolio is {\"providers\": [...]}");
      }
    }
    if (!seen_providers)
      sink_.error("qaf.portfolio.missing", "", "the member 'providers' is required");
    return true;
  }

  void read_providers(od::value& value, portfolio& result) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::array) {
      wrong_type("/providers", "an array of provider records", type);
      return;
    }
    std::unordered_map<std::string, std::string> seen;
    std::size_t index = 0;
    for (auto element : take(value.get_array())) {
      od::value record_value = take(element);
      const std::string pointer = "/providers/" + std::to_string(index++);
      provider record;
      if (read_record(record_value, pointer, record)) {
        check_unique_id(record, pointer + "/id", seen, sink_);
        check_record(
            pack_, record,
            [&](std::string_view relative) { return pointer + std::string(relative); }, sink_);
        result.providers.push_back(std::move(record));
      }
    }
  }

  bool read_record(od::value& value, const std::string& pointer, provider& record) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::object) {
      wrong_type(pointer, "a provider record object", type);
      return false;
    }
    member_names seen;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      if (!seen.first_time(key, pointer, sink_)) continue;
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      if (key == "id") {
        read_string(member, at, record.id);
      } else if (key == "name") {
        std::string name;
        if (read_string(member, at, name)) record.facts["name"] = std::move(name);
      } else if (key == "facts") {
        read_facts(member, at, record);
      } else if (key == "history") {
        read_array(member, at, [&](od::value& item, const std::string& item_at) {
          read_history_item(item, item_at, record);
        });
      } else if (key == "events") {
        read_array(member, at, [&](od::value& item, const std::string& item_at) {
          read_event(item, item_at, record);
        });
      } else if (key == "returns") {
        read_array(member, at, [&](od::value& item, const std::string& item_at) {
          read_return(item, item_at, record);
        });
      } else if (key == "overrides") {
        read_array(member, at, [&](od::value& item, const std::string& item_at) {
          read_override(item, item_at, record);
        });
      } else if (key == "ratings") {
        read_array(member, at, [&](od::value& item, const std::string& item_at) {
          read_past_rating(item, item_at, record);
        });
      } else {
        unknown_member(pointer, key,
                       "id, name, facts, history, events, returns, overrides, ratings");
      }
    }
    return true;
  }

  template <typename ReadItem>
  void read_array(od::value& value, const std::string& pointer, ReadItem read_item) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::array) {
      wrong_type(pointer, "an array", type);
      return;
    }
    std::size_t index = 0;
    for (auto element : take(value.get_array())) {
      od::value item = take(element);
      read_item(item, pointer + '/' + std::to_string(index++));
    }
  }

  // Values that are not read are skipped by the on-demand iterator when it moves on.
  bool read_string(od::value& value, const std::string& pointer, std::string& out) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::string) {
      wrong_type(pointer, "a string", type);
      return false;
    }
    out = std::string(take(value.get_string()));
    return true;
  }

  std::optional<date> read_date_value(od::value& value, const std::string& pointer) {
    std::string text;
    if (!read_string(value, pointer, text)) return std::nullopt;
    std::string why;
    if (auto d = date::try_parse(text, &why)) return d;
    sink_.error("qaf.date.invalid", pointer, why);
    return std::nullopt;
  }

  std::optional<double> read_number(od::value& value, const std::string& pointer) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::number) {
      wrong_type(pointer, "a number", type);
      return std::nullopt;
    }
    return take(value.get_double());
  }

  void read_facts(od::value& value, const std::string& pointer, provider& record) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::object) {
      wrong_type(pointer, "an object of facts", type);
      return;
    }
    member_names seen;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      if (!seen.first_time(key, pointer, sink_)) continue;
      od::value member = field.value();
      if (auto fact = read_fact(member, pointer + '/' + escape_pointer_token(key))) {
        record.facts[key] = std::move(*fact);
      }
    }
  }

  std::optional<fact_value> read_fact(od::value& value, const std::string& pointer) {
    switch (take(value.type())) {
      case od::json_type::string:
        return std::string(take(value.get_string()));
      case od::json_type::boolean:
        return take(value.get_bool());
      case od::json_type::null:
        take(value.is_null());
        return nullptr;
      case od::json_type::number: {
        const od::number_type kind = take(value.get_number_type());
        if (kind == od::number_type::signed_integer) return take(value.get_int64());
        if (kind == od::number_type::unsigned_integer) {
          sink_.error("qaf.fact.type", pointer, "the number is too large for a fact");
          return std::nullopt;
        }
        return take(value.get_double());
      }
      case od::json_type::object: {
        fact_object object;
        for (auto field_result : take(value.get_object())) {
          od::field field = take(std::move(field_result));
          const std::string key(take(field.unescaped_key()));
          od::value member = field.value();
          std::string text;
          if (read_string(member, pointer + '/' + escape_pointer_token(key), text)) {
            object[key] = std::move(text);
          }
        }
        return object;
      }
      case od::json_type::array:
        sink_.error("qaf.fact.type", pointer, "a fact is never a list");
        return std::nullopt;
    }
    return std::nullopt;
  }

  bool expect_object(od::value& value, const std::string& pointer, std::string_view what) {
    const od::json_type type = take(value.type());
    if (type == od::json_type::object) return true;
    wrong_type(pointer, what, type);
    return false;
  }

  void read_history_item(od::value& value, const std::string& pointer, provider& record) {
    if (!expect_object(value, pointer, "an object {\"activity\", \"date\"}")) return;
    activity_record item;
    bool has_activity = false;
    bool has_date = false;
    std::optional<date> on;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      if (key == "activity") {
        has_activity = read_string(member, at, item.activity);
      } else if (key == "date") {
        has_date = true;
        on = read_date_value(member, at);
      } else {
        sink_.error("qaf.portfolio.unknown_member", at,
                    "unknown member '" + key + "'; a history entry is {\"activity\", \"date\"}");
      }
    }
    if (!has_activity)
      sink_.error("qaf.portfolio.missing", pointer, "the member 'activity' is required");
    if (!has_date) sink_.error("qaf.portfolio.missing", pointer, "the member 'date' is required");
    if (has_activity && on) {
      item.on = *on;
      record.history.push_back(std::move(item));
    }
  }

  std::optional<level_value> read_level(od::value& value, const std::string& pointer) {
    const od::json_type type = take(value.type());
    if (type == od::json_type::string) return level_value(std::string(take(value.get_string())));
    if (type == od::json_type::number &&
        take(value.get_number_type()) == od::number_type::signed_integer) {
      return level_value(take(value.get_int64()));
    }
    wrong_type(pointer, "a level: a whole number or a name", type);
    return std::nullopt;
  }

  // Reads {"scheme", "level", "date", ...} members shared by overrides and past ratings; `other`
  // handles the remaining members and returns false for an unknown one.
  template <typename Other>
  bool read_scheme_level(od::value& value, const std::string& pointer, std::string& scheme,
                         std::optional<level_value>& level, std::optional<date>& on, Other other) {
    if (!expect_object(value, pointer, "an object {\"scheme\", \"level\", \"date\"}")) return false;
    bool has_scheme = false;
    bool has_level = false;
    bool has_date = false;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      if (key == "scheme") {
        has_scheme = read_string(member, at, scheme);
      } else if (key == "level") {
        has_level = true;
        level = read_level(member, at);
      } else if (key == "date") {
        has_date = true;
        on = read_date_value(member, at);
      } else if (!other(key, member, at)) {
        sink_.error("qaf.portfolio.unknown_member", at, "unknown member '" + key + "'");
      }
    }
    for (const auto& [present, name] :
         {std::pair{has_scheme, "scheme"}, std::pair{has_level, "level"},
          std::pair{has_date, "date"}}) {
      if (!present)
        sink_.error("qaf.portfolio.missing", pointer,
                    std::string("the member '") + name + "' is required");
    }
    return has_scheme && level && on;
  }

  void read_override(od::value& value, const std::string& pointer, provider& record) {
    rating_override item;
    std::optional<level_value> level;
    std::optional<date> on;
    bool has_reason = false;
    const bool complete =
        read_scheme_level(value, pointer, item.scheme, level, on,
                          [&](const std::string& key, od::value& member, const std::string& at) {
                            if (key == "reason")
                              return has_reason = read_string(member, at, item.reason), true;
                            if (key == "officer")
                              return read_string(member, at, item.officer), true;
                            return false;
                          });
    if (complete && !has_reason) {
      sink_.error("qaf.portfolio.missing", pointer, "an override says why in 'reason'");
    }
    if (complete && has_reason) {
      item.level = std::move(*level);
      item.on = *on;
      record.overrides.push_back(std::move(item));
    }
  }

  void read_past_rating(od::value& value, const std::string& pointer, provider& record) {
    past_rating item;
    std::optional<level_value> level;
    std::optional<date> on;
    if (read_scheme_level(
            value, pointer, item.scheme, level, on,
            [](const std::string&, od::value&, const std::string&) { return false; })) {
      item.level = std::move(*level);
      item.on = *on;
      record.ratings.push_back(std::move(item));
    }
  }

  void read_event(od::value& value, const std::string& pointer, provider& record) {
    if (!expect_object(value, pointer, "an event object {\"type\", \"date\", ...}")) return;
    event item;
    std::optional<date> on;
    bool has_type = false;
    bool has_date = false;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      if (key == "type") {
        has_type = read_string(member, at, item.type);
      } else if (key == "date") {
        has_date = true;
        on = read_date_value(member, at);
      } else {
        std::string text;
        if (read_string(member, at, text)) item.details[key] = std::move(text);
      }
    }
    if (!has_type) sink_.error("qaf.portfolio.missing", pointer, "the member 'type' is required");
    if (!has_date) sink_.error("qaf.portfolio.missing", pointer, "the member 'date' is required");
    if (has_type && on) {
      item.on = *on;
      record.events.push_back(std::move(item));
    }
  }

  void read_return(od::value& value, const std::string& pointer, provider& record) {
    if (!expect_object(value, pointer, "a return object {\"period\", \"values\", \"explained\"}"))
      return;
    data_return item;
    std::optional<date> start;
    std::optional<date> end;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      if (key == "period") {
        if (!expect_object(member, at, "an object {\"start\", \"end\"}")) continue;
        for (auto period_field : take(member.get_object())) {
          od::field pf = take(std::move(period_field));
          const std::string pkey(take(pf.unescaped_key()));
          od::value pvalue = pf.value();
          const std::string pat = at + '/' + escape_pointer_token(pkey);
          if (pkey == "start") {
            start = read_date_value(pvalue, pat);
          } else if (pkey == "end") {
            end = read_date_value(pvalue, pat);
          } else {
            sink_.error("qaf.portfolio.unknown_member", pat,
                        "unknown member '" + pkey + "'; a period is {\"start\", \"end\"}");
          }
        }
        if (!start || !end) {
          sink_.error("qaf.portfolio.missing", at, "a period has both 'start' and 'end' dates");
        }
      } else if (key == "values") {
        read_kpi_values(member, at, item);
      } else if (key == "explained") {
        read_array(member, at, [&](od::value& id, const std::string& id_at) {
          std::string text;
          if (read_string(id, id_at, text)) item.explained.push_back(std::move(text));
        });
      } else if (key == "inaccurate") {
        read_array(member, at, [&](od::value& id, const std::string& id_at) {
          std::string text;
          if (read_string(id, id_at, text)) item.inaccurate.push_back(std::move(text));
        });
      } else {
        sink_.error(
            "qaf.portfolio.unknown_member", at,
            "unknown member '" + key + "'; a return has period, values, explained and inaccurate");
      }
    }
    if (start && end) {
      item.start = *start;
      item.end = *end;
      record.returns.push_back(std::move(item));
    }
  }

  void read_kpi_values(od::value& value, const std::string& pointer, data_return& item) {
    if (!expect_object(value, pointer, "an object of KPI values")) return;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string key(take(field.unescaped_key()));
      od::value member = field.value();
      const std::string at = pointer + '/' + escape_pointer_token(key);
      const od::json_type type = take(member.type());
      if (type == od::json_type::number) {
        item.values[key] = take(member.get_double());
      } else if (type == od::json_type::boolean) {
        item.values[key] = take(member.get_bool());
      } else if (type == od::json_type::object) {
        std::optional<double> numerator;
        std::optional<double> denominator;
        for (auto part_result : take(member.get_object())) {
          od::field part = take(std::move(part_result));
          const std::string part_key(take(part.unescaped_key()));
          od::value part_value = part.value();
          const std::string part_at = at + '/' + escape_pointer_token(part_key);
          if (part_key == "numerator") {
            numerator = read_number(part_value, part_at);
          } else if (part_key == "denominator") {
            denominator = read_number(part_value, part_at);
          } else {
            sink_.error("qaf.portfolio.unknown_member", part_at,
                        "unknown member '" + part_key +
                            "'; a percentage is {\"numerator\", \"denominator\"}");
          }
        }
        if (!numerator || !denominator) {
          sink_.error("qaf.portfolio.missing", at,
                      "a percentage has a numerator and a denominator");
        } else if (*numerator < 0 || *denominator < 0) {
          sink_.error("qaf.portfolio.value", at, "a percentage's parts are never negative");
        } else {
          item.values[key] = ratio{*numerator, *denominator};
        }
      } else {
        wrong_type(at, "a number, {\"numerator\", \"denominator\"} or true/false", type);
      }
    }
  }

  const pack_data& pack_;
  diagnostics_sink& sink_;
};

}  // namespace

portfolio_result read_json_portfolio(const pack_data& pack, std::string_view text,
                                     std::string_view file_name) {
  portfolio_result result;
  diagnostics_sink sink(std::string(file_name), result.diagnostics);
  portfolio_json_reader reader(pack, sink);
  result.portfolio = reader.read(text);
  return result;
}

}  // namespace qaf::detail
