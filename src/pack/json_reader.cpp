#include "pack/json_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <unordered_set>
#include <utility>

#include "diagnostic_limits.hpp"
#include "facts/message_text.hpp"
#include "facts/spelling.hpp"
#include "input_file.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::json;

// Builds the document from the parser's events and follows them to know the JSON Pointer of the
// value being parsed, so that a duplicate key can be reported where it is. nlohmann's own
// callback parser would do, but it scans the whole parent object after each nested object ends
// (to drop discarded values): quadratic in an array of 100,000 objects. So this extends its plain
// DOM builder instead (a detail class, stable across 3.x); sax_parse calls these members
// statically, so hiding the base's is enough.
class tracking_parser : public nlohmann::detail::json_sax_dom_parser<json> {
  using base = nlohmann::detail::json_sax_dom_parser<json>;

 public:
  tracking_parser(json& result, diagnostics_sink& sink) : base(result, true), sink_(sink) {}

  bool null() {
    enter_value();
    return base::null();
  }
  bool boolean(bool v) {
    enter_value();
    return base::boolean(v);
  }
  bool number_integer(json::number_integer_t v) {
    enter_value();
    return base::number_integer(v);
  }
  bool number_unsigned(json::number_unsigned_t v) {
    enter_value();
    return base::number_unsigned(v);
  }
  bool number_float(json::number_float_t v, const json::string_t& text) {
    enter_value();
    return base::number_float(v, text);
  }
  bool string(json::string_t& v) {
    enter_value();
    return base::string(v);
  }
  bool binary(json::binary_t& v) {
    enter_value();
    return base::binary(v);
  }

  bool start_object(std::size_t size) {
    enter_value();
    frames_.push_back({true, -1, {}, {}});
    return base::start_object(size);
  }
  bool start_array(std::size_t size) {
    enter_value();
    frames_.push_back({false, -1, {}, {}});
    return base::start_array(size);
  }
  bool key(json::string_t& k) {
    frame& top = frames_.back();
    top.key = k;
    if (!top.keys.insert(top.key).second) {
      sink_.error("qaf.json.duplicate_key", pointer(),
                  "the member '" + excerpt(top.key) +
                      "' appears twice in one object; JSON keeps only "
                      "the last, so remove or rename one");
    }
    return base::key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return base::end_object();
  }
  bool end_array() {
    frames_.pop_back();
    return base::end_array();
  }

 private:
  struct frame {
    bool is_object;
    long index;
    std::string key;
    std::unordered_set<std::string> keys;  // a set: an object may have 100,000 members
  };

  void enter_value() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  std::string pointer() const {
    std::string result;
    for (const frame& f : frames_) {
      result += '/';
      result += f.is_object ? escape_pointer_token(f.key) : std::to_string(f.index);
    }
    return result;
  }

  diagnostics_sink& sink_;
  std::vector<frame> frames_;
};

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 3, column 5: ";
// the location is already in the pointer, so keep only the part after the last ": " prefix.
std::string parse_error_reason(const json::parse_error& e) {
  std::string_view what = e.what();
  const std::string_view marker = "syntax error while parsing ";
  if (const auto at = what.find(marker); at != std::string_view::npos) {
    what.remove_prefix(at + marker.size());
  } else if (const auto colon = what.find(": "); colon != std::string_view::npos) {
    what.remove_prefix(colon + 2);
  }
  return "malformed JSON: " + excerpt(what, 200);
}

std::string hex_byte(char c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(c);
  return {'0', 'x', digits[b >> 4], digits[b & 0xf]};
}

bool is_number_start(char c) noexcept { return c == '-' || (c >= '0' && c <= '9'); }

bool is_number_part(char c) noexcept {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Whether a JSON number is beyond what a double holds (1e400): nlohmann would throw. A number
// too small for a double (1e-400) becomes 0, as in every JSON reader.
bool overflows_double(std::string_view token) {
  const std::string copy(token);
  errno = 0;
  const double value = std::strtod(copy.c_str(), nullptr);
  return errno == ERANGE && std::isinf(value);
}

// Checks what the JSON parser cannot be trusted with before it runs, each at its line and
// column: bytes that are not UTF-8, nesting deeper than max_json_depth (nlohmann builds the
// document without recursion, but copying, comparing and printing values recurse), and numbers
// that overflow a double. Malformed JSON is left to the parser, which says where.
bool prescan_json_text(std::string_view text, diagnostics_sink& sink) {
  bool ok = true;
  std::size_t depth = 0;
  const auto check_utf8 = [&](std::size_t at) {
    if (is_well_formed_at(text, at)) return true;
    sink.error("qaf.json.encoding", line_and_column(text, at),
               "the text is not UTF-8: the byte " + hex_byte(text[at]) +
                   " here starts no valid character; save the file as UTF-8");
    return false;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (!check_utf8(i)) return false;
      i += character_length(text, i);
    } else if (c == '"') {
      for (++i; i < text.size() && text[i] != '"';) {
        if (text[i] == '\\') {
          i += 2;
        } else if (static_cast<unsigned char>(text[i]) >= 0x80) {
          if (!check_utf8(i)) return false;
          i += character_length(text, i);
        } else {
          ++i;
        }
      }
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > max_json_depth) {
        sink.error("qaf.json.too_deep", line_and_column(text, i),
                   "values nest more than " + std::to_string(max_json_depth) +
                       " deep here; no pack or portfolio needs that");
        return false;
      }
      ++i;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
      ++i;
    } else if (is_number_start(c)) {
      std::size_t end = i + 1;
      while (end < text.size() && is_number_part(text[end])) ++end;
      if (overflows_double(text.substr(i, end - i))) {
        sink.error("qaf.json.number_out_of_range", line_and_column(text, i),
                   "the number " + excerpt(text.substr(i, end - i)) +
                       " is out of range: a number lies between -1.8e308 and 1.8e308");
        ok = false;
      }
      i = end;
    } else {
      ++i;
    }
  }
  return ok;
}

}  // namespace

std::string line_and_column(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return std::to_string(line) + ':' + std::to_string(column);
}

std::string escape_pointer_token(std::string_view token) {
  std::string result;
  result.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      result += "~0";
    } else if (c == '/') {
      result += "~1";
    } else {
      result += c;
    }
  }
  return result;
}

void diagnostics_sink::error(std::string code, std::string pointer, std::string message) {
  out_.push_back({std::move(code), file_, std::move(pointer), std::move(message)});
}

std::optional<json> parse_json_text(std::string_view text, diagnostics_sink& sink) {
  text = without_utf8_bom(text);
  if (!prescan_json_text(text, sink)) return std::nullopt;
  try {
    json result;
    tracking_parser parser(result, sink);
    json::sax_parse(text.begin(), text.end(), &parser, json::input_format_t::json,
                    /*strict=*/true, /*ignore_comments=*/false);
    return result;
  } catch (const json::parse_error& e) {
    sink.error("qaf.json.syntax", line_and_column(text, e.byte == 0 ? 0 : e.byte - 1),
               parse_error_reason(e));
  } catch (const json::exception& e) {
    // The prescan should have caught what else nlohmann throws on (number overflow); say what
    // it was rather than let it escape.
    sink.error("qaf.json.syntax", "", "malformed JSON: " + excerpt(e.what(), 200));
  }
  return std::nullopt;
}

std::string describe_json_value(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return '"' + excerpt(value.get_ref<const std::string&>()) + '"';
    case json::value_t::boolean:
    case json::value_t::null:
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return value.dump();
    default:
      return std::string(describe_json_type(value));
  }
}

std::string_view describe_json_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    case json::value_t::binary:
    case json::value_t::discarded:
      break;
  }
  return "an unsupported value";
}

object_reader::object_reader(const json& value, std::string pointer, diagnostics_sink& sink,
                             std::string_view what)
    : pointer_(std::move(pointer)), sink_(sink) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    sink_.error(
        "qaf.pack.type", pointer_,
        "expected " + std::string(what) + ", found " + std::string(describe_json_type(value)));
  }
}

std::string object_reader::pointer_to(std::string_view key) const {
  return pointer_ + '/' + escape_pointer_token(key);
}

bool object_reader::has(std::string_view key) const {
  return object_ != nullptr && object_->contains(key);
}

void object_reader::accept(std::string_view key) { asked_.emplace_back(key); }

void object_reader::accept_all() { all_accepted_ = true; }

const json* object_reader::member(std::string_view key, presence p) {
  asked_.emplace_back(key);
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(key);
  if (it == object_->end()) {
    if (p == presence::required && !misspelt_here(key)) {
      sink_.error("qaf.pack.missing", pointer_,
                  "the member '" + std::string(key) + "' is required");
    }
    return nullptr;
  }
  return &*it;
}

// A member not asked for that is a likely misspelling of `key` ("onsite" for "on_site"):
// finish() reports it with `key` as the suggestion, so `key` missing is the same mistake.
bool object_reader::misspelt_here(std::string_view key) const {
  const std::string_view wanted[] = {key};
  for (const auto& [name, value] : object_->items()) {
    if (std::find(asked_.begin(), asked_.end(), name) != asked_.end()) continue;
    if (!closest_match(name, wanted).empty()) return true;
  }
  return false;
}

bool object_reader::has_unknown_members() const {
  if (object_ == nullptr || all_accepted_) return false;
  for (const auto& [name, value] : object_->items()) {
    if (std::find(asked_.begin(), asked_.end(), name) == asked_.end()) return true;
  }
  return false;
}

namespace {

template <typename T, typename Check>
std::optional<T> typed(object_reader& reader, std::string_view key, presence p, Check is_type,
                       std::string_view expected) {
  const json* value = reader.member(key, p);
  if (value == nullptr) return std::nullopt;
  if (!is_type(*value)) {
    reader.sink().error(
        "qaf.pack.type", reader.pointer_to(key),
        "expected " + std::string(expected) + ", found " + std::string(describe_json_type(*value)));
    return std::nullopt;
  }
  return value->get<T>();
}

}  // namespace

std::optional<std::string> object_reader::string(std::string_view key, presence p) {
  return typed<std::string>(
      *this, key, p, [](const json& v) { return v.is_string(); }, "a string");
}

std::optional<bool> object_reader::boolean(std::string_view key, presence p) {
  return typed<bool>(
      *this, key, p, [](const json& v) { return v.is_boolean(); }, "true or false");
}

std::optional<double> object_reader::number(std::string_view key, presence p) {
  return typed<double>(
      *this, key, p, [](const json& v) { return v.is_number(); }, "a number");
}

std::optional<std::int64_t> object_reader::integer(std::string_view key, presence p,
                                                   std::int64_t min, std::int64_t max) {
  const json* value = member(key, p);
  if (value == nullptr) return std::nullopt;
  const std::string range =
      "a whole number from " + std::to_string(min) + " to " +
      (max == std::numeric_limits<std::int64_t>::max() ? std::string("up") : std::to_string(max));
  if (!value->is_number_integer()) {
    sink_.error("qaf.pack.type", pointer_to(key),
                "expected " + range + ", found " + std::string(describe_json_type(*value)));
    return std::nullopt;
  }
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    sink_.error("qaf.pack.value", pointer_to(key),
                "expected " + range + ", found " + describe_json_value(*value));
    return std::nullopt;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) {
    sink_.error("qaf.pack.value", pointer_to(key),
                "expected " + range + ", found " + std::to_string(number));
    return std::nullopt;
  }
  return number;
}

std::optional<qaf::date> object_reader::date(std::string_view key, presence p) {
  const json* value = member(key, p);
  if (value == nullptr) return std::nullopt;
  return read_date(*value, pointer_to(key), sink_);
}

std::optional<std::string> object_reader::one_of(std::string_view key,
                                                 std::initializer_list<std::string_view> allowed,
                                                 presence p) {
  std::optional<std::string> text = string(key, p);
  if (!text) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
  std::string list;
  std::vector<std::string> candidates;
  for (std::string_view a : allowed) {
    list += (list.empty() ? "" : ", ") + std::string(a);
    candidates.emplace_back(a);
  }
  sink_.error("qaf.pack.value", pointer_to(key),
              "'" + excerpt(*text) + "' is not allowed here; expected one of " + list +
                  did_you_mean(closest_match(*text, candidates)));
  return std::nullopt;
}

const json* object_reader::array(std::string_view key, presence p) {
  const json* value = member(key, p);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    sink_.error("qaf.pack.type", pointer_to(key),
                "expected an array, found " + std::string(describe_json_type(*value)));
    return nullptr;
  }
  return value;
}

void object_reader::finish() {
  if (object_ == nullptr || all_accepted_) return;
  // Only the first unknown members of an object are worth a suggestion: past the cap on
  // diagnostics per code they are counted, not shown, and 100,000 of them stay cheap.
  std::size_t unknown = 0;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) continue;
    sink_.error("qaf.pack.unknown_member", pointer_to(key),
                ++unknown <= max_diagnostics_per_code ? unknown_member_message(key, asked_)
                                                      : "unknown member '" + excerpt(key) + "'");
  }
}

std::string unknown_member_message(std::string_view key, const std::vector<std::string>& allowed) {
  std::string message = "unknown member '" + excerpt(key) + "'";
  std::vector<std::string> sorted = allowed;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (sorted.empty()) return message + "; this object has no members";
  const std::string suggestion = did_you_mean(closest_match(key, allowed));
  message += suggestion.empty() ? "; the" : suggestion + " The";
  return message + " members allowed here are " + join_list(sorted);
}

std::optional<qaf::date> read_date(const json& value, const std::string& pointer,
                                   diagnostics_sink& sink) {
  if (!value.is_string()) {
    sink.error("qaf.pack.type", pointer,
               "expected a date YYYY-MM-DD, found " + std::string(describe_json_type(value)));
    return std::nullopt;
  }
  std::string why;
  const std::string& text = value.get_ref<const std::string&>();
  if (auto parsed = qaf::date::try_parse(text, &why)) return parsed;
  sink.error("qaf.date.invalid", pointer, why);
  return std::nullopt;
}

}  // namespace qaf::detail
