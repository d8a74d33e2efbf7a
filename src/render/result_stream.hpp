// Writing a result document as a stream (docs/architecture.md, "Results that stream"): the
// document fields first (`pack`, `as_of`, `warnings`, `rules`, ...), then the results in chunks
// as they are evaluated, then the fields that sum up the whole portfolio. Nothing holds the whole
// document in memory.
//
// json:  one object; each document field on a line of its own, indented by 2, then each result
//        list with one result a line, indented by 4:
//          {
//            "pack": {"id": "...", "version": "..."},
//            "as_of": "2025-06-30",
//            "ratings": [
//              {"provider": "p1", ...},
//              {"provider": "p2", ...}
//            ]
//          }
// jsonl: JSON Lines. The document fields on the first line, then one line a provider holding
//        that provider's results under the same list names as the json document
//        ({"provider": "p1", "ratings": [...]}), then, when the document has any, one last line
//        with the portfolio-wide fields (`workload`).
#pragma once

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qaf::detail {

enum class stream_format { json, jsonl };

/// The results could not be written: stdout failed (a full disk, a file-size limit) or the
/// temporary file of a spool did. An output problem, not a bug (qaf.cli.output).
class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `value` as one line of compact JSON with no newline; malformed UTF-8 becomes U+FFFD.
std::string compact_json(const nlohmann::ordered_json& value);

/// Appends `value` as compact JSON to `out`.
void append_compact(std::string& out, const nlohmann::ordered_json& value);

/// Writes a result document piece by piece to `out` in the order the calls come. The calls
/// must follow the shape: fields (header) → for each list: begin_list, chunks, end_list →
/// trailing fields → end. In jsonl the lists are written by provider_line instead.
class result_stream {
 public:
  result_stream(std::ostream& out, stream_format format) : out_(out), format_(format) {}

  stream_format format() const noexcept { return format_; }

  /// The document fields that come before any result, in order.
  void header(const nlohmann::ordered_json& fields);

  /// json: opens the list `name`.
  void begin_list(std::string_view name);
  /// json: appends results already rendered as compact JSON (one or more, joined by
  /// json_separator). A `continuation` is the rest of the previous chunk, split only for copying.
  void list_chunk(std::string_view rendered, bool continuation = false);
  /// json: closes the list.
  void end_list();

  /// jsonl: writes lines already rendered (each ending in a newline).
  void lines(std::string_view rendered);

  /// The fields that come after every result (json: members; jsonl: one last line).
  void trailer(const nlohmann::ordered_json& fields);

  /// A list inside the trailer written one item at a time: the member `name` (of one of the
  /// trailer's objects) holds the string `marker` in the fields, and is written as the list of
  /// item(0) .. item(size - 1), the same bytes as if the fields had held the list itself.
  struct spliced_list {
    std::string_view name;
    std::string_view marker;
    std::size_t size = 0;
    std::function<nlohmann::ordered_json(std::size_t)> item;
  };
  void trailer(const nlohmann::ordered_json& fields, const spliced_list& list);

  /// Ends the document.
  void end();

  /// How results are joined within a chunk of a json list.
  static constexpr std::string_view json_separator = ",\n    ";

 private:
  void member_separator();
  // Writes `text` as part of a member of the document: indented once more at each line feed.
  void write_indented(std::string_view text);
  // json: writes each of `fields` as a member, with `list` (when given) in place of its marker.
  void write_members(const nlohmann::ordered_json& fields, const spliced_list* list);
  // Writes `text`, dumped pretty (json, indented) or compact (jsonl), with `list` in place of its
  // marker.
  void write_spliced(std::string_view text, const spliced_list& list, bool pretty);

  std::ostream& out_;
  stream_format format_;
  bool first_member_ = true;
  bool list_empty_ = true;
};

/// A place for results that must wait for their turn in the document (the second and later
/// lists of `qaf assess`, the minimum-visit checks after the occurrences): an unnamed temporary
/// file, so that memory stays flat however large the portfolio. Removed when destroyed.
class spool {
 public:
  spool();
  ~spool();
  spool(const spool&) = delete;
  spool& operator=(const spool&) = delete;

  /// Appends a chunk of rendered results (joined by json_separator) or, in jsonl, of lines;
  /// throws output_error when the temporary file cannot be written.
  void append(std::string_view chunk);
  bool empty() const noexcept { return bytes_ == 0; }
  /// Copies everything appended, in order, into `stream` as one list chunk.
  void copy_to(result_stream& stream);

 private:
  std::FILE* file_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace qaf::detail
