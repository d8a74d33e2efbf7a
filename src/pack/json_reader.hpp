// Reading hand-written JSON with diagnostics that point somewhere: malformed text is reported at
// its line and column, every other mistake at the RFC 6901 JSON Pointer of the offending value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"

namespace qaf::detail {

/// One RFC 6901 reference token, escaped ("a/b" -> "a~1b").
std::string escape_pointer_token(std::string_view token);

/// Collects diagnostics for one input file.
class diagnostics_sink {
 public:
  diagnostics_sink(std::string file, std::vector<diagnostic>& out)
      : file_(std::move(file)), out_(out) {}
  void error(std::string code, std::string pointer, std::string message);
  const std::string& file() const noexcept { return file_; }
  std::size_t count() const noexcept { return out_.size(); }
  std::vector<diagnostic>& all() noexcept { return out_; }

 private:
  std::string file_;
  std::vector<diagnostic>& out_;
};

/// "line:column" (both from 1, columns in characters) of a byte offset into `text`.
std::string line_and_column(std::string_view text, std::size_t byte);

/// How deep arrays and objects may nest in a pack or portfolio (the deepest real pack nests 7).
inline constexpr std::size_t max_json_depth = 64;

/// Parses JSON text, skipping a leading UTF-8 byte order mark; on malformed text reports
/// qaf.json.syntax at "line:column" and returns nullopt, as it does for text that is not UTF-8
/// (qaf.json.encoding), nests deeper than max_json_depth (qaf.json.too_deep) or holds a number
/// beyond a double (qaf.json.number_out_of_range), which are found before parsing. Duplicate object
/// keys, which JSON parsers silently resolve, are reported as qaf.json.duplicate_key at their
/// pointer (the document is still returned).
std::optional<nlohmann::json> parse_json_text(std::string_view text, diagnostics_sink& sink);

/// The name of a JSON value's type as a person would say it: "a string", "an array".
std::string_view describe_json_type(const nlohmann::json& value);

/// A scalar as JSON (a long string cut short), an array or object by its type: never the whole
/// of a value, which may be megabytes long.
std::string describe_json_value(const nlohmann::json& value);

enum class presence { required, optional };

/// Reads the members of one JSON object, each read checked for type and reported at its pointer.
/// finish() reports every member that no read asked for, so that a misspelt member is an error
/// rather than silently ignored.
class object_reader {
 public:
  /// Reports qaf.pack.type when `value` is not an object; then every read returns nothing.
  object_reader(const nlohmann::json& value, std::string pointer, diagnostics_sink& sink,
                std::string_view what = "an object");

  bool valid() const noexcept { return object_ != nullptr; }
  const std::string& pointer() const noexcept { return pointer_; }
  std::string pointer_to(std::string_view key) const;
  diagnostics_sink& sink() const noexcept { return sink_; }

  /// The member, or nullptr (reporting qaf.pack.missing when it is required).
  const nlohmann::json* member(std::string_view key, presence p);
  bool has(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, presence p = presence::required);
  std::optional<bool> boolean(std::string_view key, presence p = presence::required);
  std::optional<std::int64_t> integer(std::string_view key, presence p, std::int64_t min,
                                      std::int64_t max);
  std::optional<double> number(std::string_view key, presence p = presence::required);
  std::optional<qaf::date> date(std::string_view key, presence p = presence::required);
  /// A string that must be one of `allowed`; reports qaf.pack.value listing them.
  std::optional<std::string> one_of(std::string_view key,
                                    std::initializer_list<std::string_view> allowed,
                                    presence p = presence::required);
  /// The member as an array (nullptr when absent or not an array, reported).
  const nlohmann::json* array(std::string_view key, presence p = presence::optional);
  /// Marks a member as read without reading it (it is read elsewhere).
  void accept(std::string_view key);
  /// Marks every member as read: used when the object's kind is already reported as wrong, so
  /// that its other members are not reported again as unknown.
  void accept_all();

  /// Reports every member not asked for, with a "did you mean" when one is close, else the
  /// list of the members allowed.
  void finish();
  /// True when the object has a member no read has asked for (what finish() will report).
  bool has_unknown_members() const;

 private:
  bool misspelt_here(std::string_view key) const;

  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
  diagnostics_sink& sink_;
  std::vector<std::string> asked_;
  bool all_accepted_ = false;
};

/// "unknown member 'key'", a "did you mean" when one of `allowed` is close, and the list of them.
std::string unknown_member_message(std::string_view key, const std::vector<std::string>& allowed);

/// Parses an ISO date, reporting qaf.date.invalid at `pointer` with the reason.
std::optional<qaf::date> read_date(const nlohmann::json& value, const std::string& pointer,
                                   diagnostics_sink& sink);

}  // namespace qaf::detail
