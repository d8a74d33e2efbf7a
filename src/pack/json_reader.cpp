#include "pack/json_reader.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "facts/spelling.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::json;

// Follows the parser's events to know the JSON Pointer of the value being parsed, so that a
// duplicate key can be reported where it is.
class pointer_tracker {
 public:
  explicit pointer_tracker(diagnostics_sink& sink) : sink_(sink) {}

  bool operator()(int /*depth*/, json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        enter_value();
        frames_.push_back({true, -1, {}, {}});
        break;
      case json::parse_event_t::array_start:
        enter_value();
        frames_.push_back({false, -1, {}, {}});
        break;
      case json::parse_event_t::key: {
        frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (std::find(top.keys.begin(), top.keys.end(), top.key) != top.keys.end()) {
          sink_.error("qaf.json.duplicate_key", pointer(),
                      "the member '" + top.key +
                          "' appears twice in one object; JSON keeps only "
                          "the last, so remove or rename one");
        } else {
          top.keys.push_back(top.key);
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::value:
        enter_value();
        break;
    }
    return true;
  }

 private:
  struct frame {
    bool is_object;
    long index;
    std::string key;
    std::vector<std::string> keys;
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
  return "malformed JSON: " + std::string(what);
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
  pointer_tracker tracker(sink);
  try {
    return json::parse(text.begin(), text.end(), std::ref(tracker), /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    sink.error("qaf.json.syntax", line_and_column(text, e.byte == 0 ? 0 : e.byte - 1),
               parse_error_reason(e));
    return std::nullopt;
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

void object_reader::accept_all() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) asked_.push_back(key);
}

const json* object_reader::member(std::string_view key, presence p) {
  asked_.emplace_back(key);
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(key);
  if (it == object_->end()) {
    if (p == presence::required) {
      sink_.error("qaf.pack.missing", pointer_,
                  "the member '" + std::string(key) + "' is required");
    }
    return nullptr;
  }
  return &*it;
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
                "expected " + range + ", found " + value->dump());
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
              "'" + *text + "' is not allowed here; expected one of " + list +
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
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) continue;
    sink_.error("qaf.pack.unknown_member", pointer_to(key),
                "unknown member '" + key + "'" + did_you_mean(closest_match(key, asked_)));
  }
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
