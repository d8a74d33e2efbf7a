// Reads JSON portfolios with simdjson's on-demand API: bulk portfolios of hundreds of thousands of
// providers are read many times faster than a DOM parser would, and every value is still reported
// at its JSON Pointer when it is wrong.
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "facts/core_vocabulary.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "portfolio/text_encoding.hpp"
#include "qaf/pack.hpp"

namespace qaf::detail {
namespace {

namespace od = simdjson::ondemand;

// Raised inside the reader when the text itself is broken; the whole file is then rejected at
// the place simdjson stopped.
struct syntax_failure {
  simdjson::error_code code;
};

// Where a text first breaks the JSON grammar, and why. simdjson finds most faults in its first,
// structural pass, which knows no position, and its on-demand reader stops somewhere after the
// fault; nlohmann's SAX parser (no document is built, no recursion) names the exact byte and the
// token it expected. It is run only on text simdjson has rejected.
// (syntax_fault is declared in portfolio_readers.hpp: streaming readers report it too.)

class fault_finder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::optional<syntax_fault> fault;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
    // parsing value - unexpected ']'": keep what follows the location.
    std::string_view what = error.what();
    if (const auto tag = what.find("] "); what.starts_with('[') && tag != std::string_view::npos) {
      what.remove_prefix(tag + 2);
    }
    constexpr std::string_view marker = "syntax error while parsing ";
    if (const auto at = what.find(marker); at != std::string_view::npos) {
      what.remove_prefix(at + marker.size());
    } else if (const auto colon = what.rfind(": "); colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
    // The parser stops after the token it could not use: point at the last byte read, or at the
    // start of a number too large for a double (out_of_range 406), which is the whole token.
    std::size_t byte = position == 0 ? 0 : position - 1;
    if (error.id == 406 && last_token.size() <= position) byte = position - last_token.size();
    fault = syntax_fault{byte, std::string(what)};
    return false;
  }
};

std::optional<syntax_fault> find_syntax_fault(std::string_view text) {
  fault_finder finder;
  nlohmann::json::sax_parse(text.begin(), text.end(), &finder);
  return finder.fault;
}

// The parser that reads records on this thread, shared by both ways of reading one: its buffers
// grow to the largest record and are reused.
od::parser& record_parser() {
  thread_local od::parser parser;
  return parser;
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

// A member's JSON Pointer, written into the reader's buffer only when something asks for it: an
// error at the member, or a nested member's pointer. Facts are read by the million and nearly
// all are fine (building each fact's pointer was a tenth of `qaf rate`, callgrind). Converts to
// the pointer's text for the readers that take one.
class member_pointer {
 public:
  member_pointer(std::string& buffer, const std::string& parent, std::string_view key)
      : buffer_(buffer), parent_(parent), key_(key) {}

  const std::string& str() const {
    if (!built_) {
      buffer_.assign(parent_);
      buffer_ += '/';
      append_pointer_token(buffer_, key_);
      built_ = true;
    }
    return buffer_;
  }
  // Implicit on purpose: a member's pointer goes wherever a pointer's text is read.
  operator const std::string&() const { return str(); }

 private:
  std::string& buffer_;
  const std::string& parent_;
  std::string_view key_;
  mutable bool built_ = false;
};

// What read_bound keeps from one record to the next on a thread.
struct binding_scratch {
  const fact_table* table = nullptr;  // the table `order` is of
  std::vector<std::uint32_t> order;   // the fact at each place of the last record's facts
  std::vector<std::uint8_t> given;    // by fact: how often this record's facts object named it
};

class portfolio_json_reader {
 public:
  portfolio_json_reader(const pack_data& pack, diagnostics_sink& sink) : pack_(pack), sink_(sink) {}

  std::optional<portfolio> read(std::string_view text) {
    const std::size_t errors_before = sink_.count();
    text = without_utf8_bom(text);
    if (const auto bad = first_invalid_utf8(text)) {
      sink_.error("qaf.portfolio.encoding", line_and_column(text, *bad),
                  "the text is not valid UTF-8 here; save the file as UTF-8");
      return std::nullopt;
    }
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
      // What was reported before the fault was read from text that is not JSON: drop it.
      sink_.all().resize(errors_before);
      report_syntax(text, padded, failure.code, iterating ? &doc : nullptr);
      return std::nullopt;
    }
    if (sink_.count() != errors_before) return std::nullopt;
    return result;
  }

  // One record on its own (a line of JSON Lines, or a record of a document split by
  // split_json_records). `padded` holds `size` bytes of text and SIMDJSON_PADDING more.
  json_record read_one(const char* padded, std::size_t size, const std::string& pointer,
                       bool check) {
    od::parser& parser = record_parser();
    json_record out;
    const std::size_t errors_before = sink_.count();
    od::document doc;
    provider record;
    try {
      if (const auto error =
              parser.iterate(padded, size, size + simdjson::SIMDJSON_PADDING).get(doc))
        throw syntax_failure{error};
      od::value root = take(doc.get_value());
      if (read_record(root, pointer, record)) {
        const char* rest = nullptr;
        if (!doc.current_location().get(rest)) throw syntax_failure{simdjson::TRAILING_CONTENT};
        if (check)
          check_record(
              pack_, record,
              [&](std::string_view relative) { return pointer + std::string(relative); }, sink_);
      }
    } catch (const syntax_failure& failure) {
      sink_.all().resize(errors_before);
      const std::string_view text(padded, size);
      if (const auto fault = find_syntax_fault(text)) {
        out.fault = *fault;
      } else {
        out.fault = syntax_fault{0, std::string(simdjson::error_message(failure.code))};
      }
      out.malformed = true;
      return out;
    }
    if (sink_.count() == errors_before) out.record = std::move(record);
    return out;
  }

  // read_json_record_bound (portfolio_readers.hpp): the record's facts straight into `facts`.
  // Nothing is reported: whatever read_one would report, or anything bind_record would, leaves a
  // doubt or a diagnostic in the sink, and the caller reads the record the full way instead.
  bool read_bound(const char* padded, std::size_t size, provider& record, bound_record& facts,
                  binding_scratch& scratch) {
    facts.reset(pack_.table);
    binding_ = &facts;
    scratch_ = &scratch;
    doubt_ = false;
    const std::size_t errors_before = sink_.count();
    try {
      od::document doc;
      if (record_parser().iterate(padded, size, size + simdjson::SIMDJSON_PADDING).get(doc))
        return false;
      od::value root = take(doc.get_value());
      if (!read_record(root, "", record)) return false;
      const char* rest = nullptr;
      if (!doc.current_location().get(rest)) return false;  // text after the record
    } catch (const syntax_failure&) {
      return false;
    }
    if (doubt_ || sink_.count() != errors_before || record.id.empty()) return false;
    // bind_record's last step: the id's slot holds the record's id.
    if (const auto id = pack_.table.find(id_fact))
      facts.set_string(pack_.table.first_slot(*id), record.id);
    return true;
  }

 private:
  // Reports malformed text at the fault: where nlohmann finds it, else (text it accepts but
  // simdjson cannot read) where simdjson stopped, counted in `text` (simdjson reads a padded
  // copy).
  void report_syntax(std::string_view text, const simdjson::padded_string& padded,
                     simdjson::error_code code, od::document* doc) {
    if (const auto fault = find_syntax_fault(text)) {
      sink_.error("qaf.json.syntax", line_and_column(text, fault->byte),
                  "malformed JSON: " + fault->reason);
      return;
    }

    const char* at = nullptr;
    std::string where = "1:1";
    if (doc != nullptr && !doc->current_location().get(at) && at >= padded.data() &&
        at <= padded.data() + text.size()) {
      where = line_and_column(text, static_cast<std::size_t>(at - padded.data()));
    }
    sink_.error("qaf.json.syntax", where,
                "malformed JSON: " + std::string(simdjson::error_message(code)));
  }

  void wrong_type(const std::string& pointer, std::string_view expected, od::json_type found) {
    sink_.error("qaf.portfolio.type", pointer,
                "expected " + std::string(expected) + ", found " + std::string(type_name(found)));
  }

  // The one loop over an object's members that every object of a portfolio goes through, so that
  // each is checked the same way at every depth. `value` must be an object (else qaf.portfolio.type
  // naming `what` and its `members`, and false). Each member is handed to
  // on_member(key, value, pointer), which returns whether it knows the member; an unknown member
  // is reported with the members the object may have. A name given twice is reported
  // (qaf.json.duplicate_key) and its second value skipped: JSON allows it, and a reader that kept
  // either would silently lose the other. The names are hashed, so a record with a hundred
  // thousand members is read in linear time; the keys are views into the parser's string buffer,
  // which lives as long as the document.
  template <typename OnMember>
  bool for_each_member(od::value& value, const std::string& pointer, std::string_view what,
                       std::string_view members, OnMember on_member) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::object) {
      wrong_type(pointer, std::string(what) + (members.empty() ? "" : " ") + std::string(members),
                 type);
      return false;
    }
    // Names seen so far: a few dozen in a record's facts, so a linear look through a small array
    // (no allocation) until there are more, then a hash set.
    std::array<std::string_view, 64> first_seen;
    std::size_t first_count = 0;
    std::unordered_set<std::string_view> more_seen;
    const auto seen_before = [&](std::string_view key) {
      for (std::size_t i = 0; i < first_count; ++i) {
        if (first_seen[i] == key) return true;
      }
      if (first_count < first_seen.size()) {
        first_seen[first_count++] = key;
        return false;
      }
      return !more_seen.insert(key).second;
    };
    // One buffer for the members' pointers, rebuilt in place for each that needs one.
    std::string buffer;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string_view key = take(field.unescaped_key());
      const member_pointer at(buffer, pointer, key);
      if (seen_before(key)) {
        sink_.error("qaf.json.duplicate_key", at.str(),
                    "the member " + single_quoted(key) + " appears twice in one object");
        continue;
      }
      od::value member = field.value();
      if (!on_member(key, member, at)) {
        const std::string_view meant = closest_match(key, quoted_names(members));
        // The member it was meant to be is then missing: that is this mistake, not a second one.
        if (!meant.empty()) misspelt_.insert(pointer + '/' + std::string(meant));
        // "unknown member 'dte'; did you mean 'date'? A history entry has {...}", as the pack
        // loader words it.
        std::string object(what);
        if (!meant.empty() && !object.empty() && object[0] >= 'a' && object[0] <= 'z')
          object[0] = static_cast<char>(object[0] - 'a' + 'A');
        sink_.error("qaf.portfolio.unknown_member", at.str(),
                    "unknown member " + single_quoted(key) +
                        (meant.empty() ? "; " : did_you_mean(meant) + ' ') + object + " has " +
                        std::string(members));
      }
    }
    return true;
  }

  // The names written in double quotes in a members text: {"id", "name"} -> id, name.
  static std::vector<std::string_view> quoted_names(std::string_view members) {
    std::vector<std::string_view> names;
    for (std::size_t open = members.find('"'); open != std::string_view::npos;) {
      const std::size_t close = members.find('"', open + 1);
      if (close == std::string_view::npos) break;
      names.push_back(members.substr(open + 1, close - open - 1));
      open = members.find('"', close + 1);
    }
    return names;
  }

  // Reports a required member that is missing from the object at `pointer`, unless a member
  // reported as unknown was suggested to be it: one misspelling, one diagnostic.
  void missing(const std::string& pointer, std::initializer_list<std::string_view> members,
               const std::string& message) {
    for (const std::string_view m : members) {
      if (misspelt_.contains(pointer + '/' + std::string(m))) return;
    }
    sink_.error("qaf.portfolio.missing", pointer, message);
  }

  bool read_document(od::document& doc, portfolio& result) {
    const od::json_type type = take(doc.type());
    if (type != od::json_type::object) {
      sink_.error(
          "qaf.portfolio.type", "",
          "expected an object {\"providers\": [...]}, found " + std::string(type_name(type)));
      return false;
    }
    od::value root = take(doc.get_value());
    bool seen_providers = false;
    for_each_member(root, "", "a portfolio", "{\"pack\", \"providers\": [...]}",
                    [&](std::string_view key, od::value& value, const std::string& at) {
                      if (key == "providers") {
                        seen_providers = true;
                        read_providers(value, result);
                        return true;
                      }
                      if (key == "pack") {
                        read_string(value, at, result.pack);
                        return true;
                      }
                      return key == "$schema";
                    });
    if (!seen_providers) missing("", {"providers"}, "the member 'providers' is required");
    return true;
  }

  void read_providers(od::value& value, portfolio& result) {
    std::unordered_map<std::string, std::string> seen;
    read_array(value, "/providers", "an array of provider records",
               [&](od::value& record_value, const std::string& pointer) {
                 provider record;
                 if (read_record(record_value, pointer, record)) {
                   check_unique_id(record, pointer + "/id", seen, sink_);
                   check_record(
                       pack_, record,
                       [&](std::string_view relative) { return pointer + std::string(relative); },
                       sink_);
                   result.providers.push_back(std::move(record));
                 }
               });
  }

  bool read_record(od::value& value, const std::string& pointer, provider& record) {
    return for_each_member(
        value, pointer, "a provider record",
        "{\"id\", \"name\", \"facts\", \"history\", \"events\", \"returns\", \"overrides\", "
        "\"ratings\"}",
        [&](std::string_view key, od::value& member, const member_pointer& at) {
          if (key == "id") {
            read_string(member, at, record.id);
          } else if (key == "name" && binding_ != nullptr) {
            bind_name(member);
          } else if (key == "name") {
            std::string name;
            if (read_string(member, at, name)) record.facts["name"] = std::move(name);
          } else if (key == "facts" && binding_ != nullptr) {
            bind_facts(member);
          } else if (key == "facts") {
            read_facts(member, at, record.facts);
          } else if (key == "history") {
            read_array(member, at, "an array", [&](od::value& item, const std::string& item_at) {
              read_history_item(item, item_at, record);
            });
          } else if (key == "events") {
            read_array(member, at, "an array", [&](od::value& item, const std::string& item_at) {
              read_event(item, item_at, record);
            });
          } else if (key == "returns") {
            read_array(member, at, "an array", [&](od::value& item, const std::string& item_at) {
              read_return(item, item_at, record);
            });
          } else if (key == "overrides") {
            read_array(member, at, "an array", [&](od::value& item, const std::string& item_at) {
              read_override(item, item_at, record);
            });
          } else if (key == "ratings") {
            read_array(member, at, "an array", [&](od::value& item, const std::string& item_at) {
              read_past_rating(item, item_at, record);
            });
          } else {
            return false;
          }
          return true;
        });
  }

  template <typename ReadItem>
  void read_array(od::value& value, const std::string& pointer, std::string_view what,
                  ReadItem read_item) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::array) {
      wrong_type(pointer, what, type);
      return;
    }
    // One buffer for the items' pointers, rather than a string allocated for every item of
    // every record's history.
    std::size_t index = 0;
    std::string item_at;
    for (auto element : take(value.get_array())) {
      od::value item = take(element);
      item_at.assign(pointer);
      item_at += '/';
      item_at += std::to_string(index++);
      read_item(item, item_at);
    }
  }

  // Values that are not read are skipped by the on-demand iterator when it moves on. The readers
  // of single values take a member's pointer (member_pointer) or a pointer's text alike, and
  // make a member's pointer only when they report something at it.
  template <typename Pointer>
  bool read_string(od::value& value, const Pointer& pointer, std::string& out) {
    const od::json_type type = take(value.type());
    if (type != od::json_type::string) {
      wrong_type(pointer, "a string", type);
      return false;
    }
    out = std::string(take(value.get_string()));
    return true;
  }

  template <typename Pointer>
  std::optional<date> read_date_value(od::value& value, const Pointer& pointer) {
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

  void read_facts(od::value& value, const std::string& pointer,
                  std::map<std::string, fact_value, std::less<>>& facts) {
    for_each_member(value, pointer, "an object of facts", "",
                    [&](std::string_view key, od::value& member, const member_pointer& at) {
                      if (auto fact = read_fact(member, at)) {
                        facts.insert_or_assign(std::string(key), std::move(*fact));
                      }
                      return true;
                    });
  }

  std::optional<fact_value> read_fact(od::value& value, const member_pointer& pointer) {
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
        for_each_member(value, pointer, "an object of values", "",
                        [&](std::string_view key, od::value& member, const std::string& at) {
                          std::string text;
                          if (read_string(member, at, text)) {
                            object.insert_or_assign(std::string(key), std::move(text));
                          }
                          return true;
                        });
        return object;
      }
      case od::json_type::array:
        sink_.error("qaf.fact.type", pointer, "a fact is never a list");
        return std::nullopt;
    }
    return std::nullopt;
  }

  // The record's "name" member, which the full reader keeps as facts["name"]: into that fact's
  // slot, so that whichever of the two comes last counts, as there.
  void bind_name(od::value& value) {
    if (const std::optional<std::uint32_t> fact = pack_.table.find("name")) {
      bind_fact(*fact, value);
    } else {
      doubt_ = true;
    }
  }

  // A record's facts object, without for_each_member: its duplicate check compares each name
  // with every earlier one, and its look-up hashes each; with 55 facts a record these were a
  // third of reading one (callgrind). A fact given twice is found by its index instead, and a
  // name is first compared with the fact at the same place in the previous record, since the
  // records of one portfolio list their facts in much the same order. Anything for_each_member
  // would report (not an object, a name twice) is a doubt.
  void bind_facts(od::value& value) {
    if (take(value.type()) != od::json_type::object) {
      doubt_ = true;
      return;
    }
    const fact_table& table = pack_.table;
    const std::vector<std::string>& names = table.names();
    binding_scratch& scratch = *scratch_;
    if (scratch.table != &table) {
      scratch.table = &table;
      scratch.order.clear();
    }
    scratch.given.assign(table.fact_count(), 0);
    std::size_t place = 0;
    for (auto field_result : take(value.get_object())) {
      od::field field = take(std::move(field_result));
      const std::string_view name = take(field.unescaped_key());
      od::value member = field.value();
      std::optional<std::uint32_t> fact;
      if (place < scratch.order.size() && names[scratch.order[place]] == name) {
        fact = scratch.order[place];
      } else {
        fact = table.find(name);
        if (fact) {
          if (scratch.order.size() <= place) scratch.order.resize(place + 1);
          scratch.order[place] = *fact;
        }
      }
      ++place;
      if (!fact || name == id_fact || scratch.given[*fact]++ != 0) {
        doubt_ = true;
        continue;
      }
      bind_fact(*fact, member);
    }
  }

  // One fact of a record read straight into its slot, as store_fact would store the value
  // read_fact makes of it. Anything store_fact or read_fact would report, and the few values they
  // accept in a roundabout way (4.0 for an integer, facts.id, which bind_record compares with the
  // record's id), is a doubt instead: the record is then read the full way, which says exactly
  // what is wrong.
  void bind_fact(std::uint32_t fact, od::value& value) {
    const fact_table& table = pack_.table;
    const fact_kind kind = table.kind(fact);
    const std::uint32_t slot = table.first_slot(fact);
    bound_record& facts = *binding_;
    bool bound = false;
    switch (take(value.type())) {
      case od::json_type::null:
        take(value.is_null());
        if (table.declaration(fact).nullable) {
          facts.set_null(slot);
          bound = true;
        }
        break;
      case od::json_type::boolean:
        if (kind == fact_kind::boolean) {
          facts.set_bool(slot, take(value.get_bool()));
          bound = true;
        }
        break;
      case od::json_type::string:
        bound = bind_text(fact, kind, slot, take(value.get_string()));
        break;
      case od::json_type::number:
        bound = bind_number(fact, kind, slot, value);
        break;
      case od::json_type::object:
        if (kind == fact_kind::object) bound = bind_object(fact, slot, value);
        break;
      case od::json_type::array:
        break;
    }
    if (!bound) doubt_ = true;
  }

  bool bind_text(std::uint32_t fact, fact_kind kind, std::uint32_t slot, std::string_view text) {
    bound_record& facts = *binding_;
    switch (kind) {
      case fact_kind::string:
        facts.set_string(slot, text);
        return true;
      case fact_kind::date:
        if (const std::optional<date> day = date::try_parse(text)) {
          facts.set_date(slot, *day);
          return true;
        }
        return false;
      case fact_kind::enumeration:
        if (const auto index = pack_.table.enum_index(fact, text)) {
          facts.set_enum(slot, *index);
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  bool bind_number(std::uint32_t fact, fact_kind kind, std::uint32_t slot, od::value& value) {
    bound_record& facts = *binding_;
    const od::number_type type = take(value.get_number_type());
    if (type == od::number_type::signed_integer) {
      const std::int64_t n = take(value.get_int64());
      if (kind == fact_kind::integer) {
        const std::optional<std::int64_t> minimum = pack_.table.minimum(fact);
        if (minimum && n < *minimum) return false;
        facts.set_integer(slot, n);
        return true;
      }
      if (kind == fact_kind::number) {
        facts.set_number(slot, static_cast<double>(n));
        return true;
      }
      return false;
    }
    if (type == od::number_type::floating_point_number && kind == fact_kind::number) {
      const double x = take(value.get_double());
      if (!std::isfinite(x)) return false;
      facts.set_number(slot, x);
      return true;
    }
    return false;
  }

  // Each member a declared key holding one of the declared values; a key left out stays unknown.
  bool bind_object(std::uint32_t fact, std::uint32_t slot, od::value& value) {
    bool bound = true;
    for_each_member(value, "", "an object of values", "",
                    [&](std::string_view key, od::value& member, const member_pointer&) {
                      const auto k = pack_.table.key_index(fact, key);
                      if (!k || take(member.type()) != od::json_type::string) {
                        bound = false;
                        return true;
                      }
                      const auto index = pack_.table.enum_index(fact, take(member.get_string()));
                      if (!index) {
                        bound = false;
                        return true;
                      }
                      binding_->set_enum(slot + *k, *index);
                      return true;
                    });
    return bound;
  }

  void read_history_item(od::value& value, const std::string& pointer, provider& record) {
    activity_record item;
    bool has_activity = false;
    bool has_date = false;
    std::optional<date> on;
    const bool is_object =
        for_each_member(value, pointer, "a history entry",
                        "{\"activity\", \"date\", \"period\", \"due\", \"outcome\"}",
                        [&](std::string_view key, od::value& member, const member_pointer& at) {
                          if (key == "activity") {
                            has_activity = read_string(member, at, item.activity);
                          } else if (key == "date") {
                            has_date = true;
                            on = read_date_value(member, at);
                          } else if (key == "due") {
                            item.due = read_date_value(member, at);
                          } else if (key == "period") {
                            read_interval(member, at, item.period_start, item.period_end);
                          } else if (key == "outcome") {
                            std::string outcome;
                            if (read_string(member, at, outcome)) item.outcome = std::move(outcome);
                          } else {
                            return false;
                          }
                          return true;
                        });
    if (!is_object) return;
    if (!has_activity) missing(pointer, {"activity"}, "the member 'activity' is required");
    if (!has_date) missing(pointer, {"date"}, "the member 'date' is required");
    if (has_activity && on) {
      item.on = *on;
      record.history.push_back(std::move(item));
    }
  }

  // An ISO 8601 interval of two dates, "2024-04-01/2024-06-30"; an end before the start is
  // reported by the record check, with the record.
  template <typename Pointer>
  void read_interval(od::value& value, const Pointer& pointer, std::optional<date>& start,
                     std::optional<date>& end) {
    std::string text;
    if (!read_string(value, pointer, text)) return;
    const auto slash = text.find('/');
    std::string why;
    std::optional<date> first;
    std::optional<date> last;
    if (slash != std::string::npos) {
      first = date::try_parse(text.substr(0, slash), &why);
      if (first) last = date::try_parse(text.substr(slash + 1), &why);
    }
    if (!first || !last) {
      sink_.error("qaf.date.invalid", pointer,
                  "a period is two dates YYYY-MM-DD/YYYY-MM-DD" +
                      (why.empty() ? std::string() : ": " + why));
      return;
    }
    start = first;
    end = last;
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
  bool read_scheme_level(od::value& value, const std::string& pointer, std::string_view what,
                         std::string_view members, std::string& scheme,
                         std::optional<level_value>& level, std::optional<date>& on, Other other) {
    bool has_scheme = false;
    bool has_level = false;
    bool has_date = false;
    const bool is_object =
        for_each_member(value, pointer, what, members,
                        [&](std::string_view key, od::value& member, const std::string& at) {
                          if (key == "scheme") {
                            has_scheme = read_string(member, at, scheme);
                          } else if (key == "level") {
                            has_level = true;
                            level = read_level(member, at);
                          } else if (key == "date") {
                            has_date = true;
                            on = read_date_value(member, at);
                          } else {
                            return other(key, member, at);
                          }
                          return true;
                        });
    if (!is_object) return false;
    for (const auto& [present, name] :
         {std::pair{has_scheme, "scheme"}, std::pair{has_level, "level"},
          std::pair{has_date, "date"}}) {
      if (!present) missing(pointer, {name}, std::string("the member '") + name + "' is required");
    }
    return has_scheme && level && on;
  }

  void read_override(od::value& value, const std::string& pointer, provider& record) {
    rating_override item;
    std::optional<level_value> level;
    std::optional<date> on;
    bool has_reason = false;
    bool has_officer = false;
    const bool complete = read_scheme_level(
        value, pointer, "an override", "{\"scheme\", \"level\", \"date\", \"reason\", \"officer\"}",
        item.scheme, level, on,
        [&](std::string_view key, od::value& member, const std::string& at) {
          if (key == "reason") return has_reason = read_string(member, at, item.reason), true;
          if (key == "officer") return has_officer = read_string(member, at, item.officer), true;
          return false;
        });
    if (complete && !has_reason) {
      missing(pointer, {"reason"}, "an override says why in 'reason'");
    }
    // Results keep who overrode a suggestion beside it: an override without one is not evidence.
    if (complete && !has_officer) {
      missing(pointer, {"officer"}, "an override names who decided in 'officer'");
    }
    if (complete && has_reason && has_officer) {
      item.level = std::move(*level);
      item.on = *on;
      record.overrides.push_back(std::move(item));
    }
  }

  void read_past_rating(od::value& value, const std::string& pointer, provider& record) {
    past_rating item;
    std::optional<level_value> level;
    std::optional<date> on;
    if (read_scheme_level(value, pointer, "a past rating", "{\"scheme\", \"level\", \"date\"}",
                          item.scheme, level, on,
                          [](std::string_view, od::value&, const std::string&) { return false; })) {
      item.level = std::move(*level);
      item.on = *on;
      record.ratings.push_back(std::move(item));
    }
  }

  void read_event(od::value& value, const std::string& pointer, provider& record) {
    event item;
    std::optional<date> on;
    bool has_type = false;
    bool has_date = false;
    bool from_object = false;
    const bool is_object = for_each_member(
        value, pointer, "an event", "{\"type\", \"date\", ...}",
        [&](std::string_view key, od::value& member, const std::string& at) {
          if (key == "type") {
            has_type = read_string(member, at, item.type);
          } else if (key == "date") {
            has_date = true;
            on = read_date_value(member, at);
          } else if (key == "facts") {
            read_facts(member, at, item.facts);
          } else if (key == "from" && take(member.type()) == od::json_type::object) {
            // facts_changed's earlier facts; a rating change's `from` is a rating, a string. The
            // type may come after it, so the record check matches the two.
            read_facts(member, at, item.facts_before);
            from_object = true;
          } else {
            // Other members are text the pack's triggers may match on ("to": "inadequate").
            std::string text;
            if (read_string(member, at, text))
              item.details.insert_or_assign(std::string(key), text);
          }
          return true;
        });
    if (!is_object) return;
    if (!has_type) missing(pointer, {"type"}, "the member 'type' is required");
    if (!has_date) missing(pointer, {"date"}, "the member 'date' is required");
    if (from_object && item.facts_before.empty() && item.type != "facts_changed") {
      // `"from": {}` leaves nothing for the record check to see.
      wrong_type(pointer + "/from", "a regulator rating", od::json_type::object);
    }
    if (has_type && on) {
      item.on = *on;
      record.events.push_back(std::move(item));
    }
  }

  void read_period(od::value& value, const std::string& pointer, std::optional<date>& start,
                   std::optional<date>& end) {
    const bool is_object =
        for_each_member(value, pointer, "a period", "{\"start\", \"end\"}",
                        [&](std::string_view key, od::value& member, const std::string& at) {
                          if (key == "start") {
                            start = read_date_value(member, at);
                          } else if (key == "end") {
                            end = read_date_value(member, at);
                          } else {
                            return false;
                          }
                          return true;
                        });
    if (is_object && (!start || !end)) {
      missing(pointer, {"start", "end"}, "a period has both 'start' and 'end' dates");
    }
  }

  void read_kpi_list(od::value& value, const std::string& pointer, std::vector<std::string>& ids) {
    read_array(value, pointer, "an array of KPI ids", [&](od::value& id, const std::string& id_at) {
      std::string text;
      if (read_string(id, id_at, text)) ids.push_back(std::move(text));
    });
  }

  void read_return(od::value& value, const std::string& pointer, provider& record) {
    data_return item;
    std::optional<date> start;
    std::optional<date> end;
    bool has_period = false;
    const bool is_object = for_each_member(
        value, pointer, "a return", "{\"period\", \"values\", \"explained\", \"inaccurate\"}",
        [&](std::string_view key, od::value& member, const std::string& at) {
          if (key == "period") {
            has_period = true;
            read_period(member, at, start, end);
          } else if (key == "values") {
            read_kpi_values(member, at, item);
          } else if (key == "explained") {
            read_kpi_list(member, at, item.explained);
          } else if (key == "inaccurate") {
            read_kpi_list(member, at, item.inaccurate);
          } else {
            return false;
          }
          return true;
        });
    if (is_object && !has_period) {
      // A return for no period could fulfil nothing and would be compared with nothing.
      missing(pointer, {"period"}, "the member 'period' is required");
    }
    if (start && end) {
      item.start = *start;
      item.end = *end;
      record.returns.push_back(std::move(item));
    }
  }

  void read_ratio(od::value& value, const std::string& pointer, const std::string& key,
                  data_return& item) {
    std::optional<double> numerator;
    std::optional<double> denominator;
    for_each_member(value, pointer, "a percentage", "{\"numerator\", \"denominator\"}",
                    [&](std::string_view part, od::value& member, const std::string& at) {
                      if (part == "numerator") {
                        numerator = read_number(member, at);
                      } else if (part == "denominator") {
                        denominator = read_number(member, at);
                      } else {
                        return false;
                      }
                      return true;
                    });
    if (!numerator || !denominator) {
      missing(pointer, {"numerator", "denominator"},
              "a percentage has a numerator and a denominator");
    } else if (*numerator < 0 || *denominator < 0) {
      sink_.error("qaf.portfolio.value", pointer, "a percentage's parts are never negative");
    } else {
      item.values.insert_or_assign(key, ratio{*numerator, *denominator});
    }
  }

  void read_kpi_values(od::value& value, const std::string& pointer, data_return& item) {
    for_each_member(value, pointer, "an object of KPI values", "",
                    [&](std::string_view key, od::value& member, const std::string& at) {
                      const od::json_type type = take(member.type());
                      if (type == od::json_type::number) {
                        item.values.insert_or_assign(std::string(key), take(member.get_double()));
                      } else if (type == od::json_type::boolean) {
                        item.values.insert_or_assign(std::string(key), take(member.get_bool()));
                      } else if (type == od::json_type::object) {
                        read_ratio(member, at, std::string(key), item);
                      } else {
                        wrong_type(at, "a number, {\"numerator\", \"denominator\"} or true/false",
                                   type);
                      }
                      return true;
                    });
  }

  const pack_data& pack_;
  diagnostics_sink& sink_;
  // "<object pointer>/<member>" for each member an unknown one was suggested to be.
  std::unordered_set<std::string> misspelt_;
  // read_bound: where the facts go (else into the record's map), and whether one could not be
  // bound without a question the full reader answers.
  bound_record* binding_ = nullptr;
  bool doubt_ = false;
  binding_scratch* scratch_ = nullptr;  // read_bound: the thread's, reused from record to record
};

}  // namespace

json_record read_json_record(const pack_data& pack, const char* padded, std::size_t size,
                             const std::string& pointer, diagnostics_sink& sink, bool check) {
  portfolio_json_reader reader(pack, sink);
  return reader.read_one(padded, size, pointer, check);
}

bool read_json_record_bound(const pack_data& pack, const char* padded, std::size_t size,
                            provider& record, bound_record& facts) {
  // Problems go nowhere: any at all sends the record to read_json_record, which reports them.
  thread_local std::vector<diagnostic> unheard;
  unheard.clear();
  diagnostics_sink sink({}, unheard);
  thread_local binding_scratch scratch;
  portfolio_json_reader reader(pack, sink);
  return reader.read_bound(padded, size, record, facts, scratch);
}

std::optional<std::vector<std::string_view>> split_json_records(const char* padded,
                                                                std::size_t size) {
  // Its own parser, freed on return: its index of the whole document is about as large as the
  // text, and kept for the life of the thread it doubled a command's memory beyond its input.
  od::parser parser;
  std::vector<std::string_view> records;
  try {
    od::document doc;
    if (parser.iterate(padded, size, size + simdjson::SIMDJSON_PADDING).get(doc))
      return std::nullopt;
    od::object root;
    if (doc.get_object().get(root)) return std::nullopt;
    std::unordered_set<std::string_view> seen;
    bool providers = false;
    for (auto field_result : root) {
      od::field field = take(std::move(field_result));
      const std::string_view key = take(field.unescaped_key());
      if (!seen.insert(key).second) return std::nullopt;
      // The two other members a portfolio may have, each a string (the full reader says what is
      // wrong with any other): without "pack" here, every portfolio naming its pack was read
      // whole, as a document of providers, rather than record by record.
      if (key == "$schema" || key == "pack") {
        std::string_view text;
        if (field.value().get_string().get(text)) return std::nullopt;
        continue;
      }
      if (key != "providers") return std::nullopt;
      providers = true;
      od::array list;
      if (field.value().get_array().get(list)) return std::nullopt;
      for (auto element : list) {
        od::value item = take(std::move(element));
        od::object record;
        if (item.get_object().get(record)) return std::nullopt;
        records.push_back(take(record.raw_json()));
      }
    }
    const char* rest = nullptr;
    if (!providers || !doc.current_location().get(rest)) return std::nullopt;
  } catch (const syntax_failure&) {
    return std::nullopt;
  }
  return records;
}

portfolio_result read_json_portfolio(const pack_data& pack, std::string_view text,
                                     std::string_view file_name) {
  portfolio_result result;
  diagnostics_sink sink(std::string(file_name), result.diagnostics);
  portfolio_json_reader reader(pack, sink);
  result.portfolio = reader.read(text);
  return result;
}

}  // namespace qaf::detail
