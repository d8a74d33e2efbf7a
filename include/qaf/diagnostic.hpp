// How every mistake in a user's input is reported: a stable code, where it is, and what was
// expected. Mistakes in packs, portfolios, dates and conditions are data, returned as a list of
// diagnostics so that a person sees all of them at once; misuse of the API by calling code is an
// exception instead.
//
//   for (const qaf::diagnostic& d : result.diagnostics) std::cerr << d << '\n';
//   // packs/mine.json:/schedule/3/when: qaf.condition.unknown_fact: column 17: unknown fact
//   // 'bed'; did you mean 'beds'? (one line)
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace qaf {

struct diagnostic {
  /// Stable dotted code, e.g. "qaf.date.invalid"; every code is listed in docs/errors.md.
  std::string code;
  /// The input's name as the user gave it (a path, a pack id, "<string>").
  std::string file;
  /// Where in the input: an RFC 6901 JSON Pointer ("/activities/2/code", "" for the whole
  /// document), or "row:column" for CSV and "line:column" for malformed JSON text.
  std::string pointer;
  /// What was found and what was expected, for a person.
  std::string message;

  /// `file:pointer: code: message`, the form the command line prints. Control characters are
  /// written as \u001b and bytes that are not UTF-8 as \xNN, so that input text cannot act on
  /// a terminal; the message alone keeps its line feeds (a condition is shown with a caret
  /// under the column on lines of their own).
  std::string to_string() const;
};

std::ostream& operator<<(std::ostream& out, const diagnostic& d);

/// Thrown where the API has no way to return diagnostics (the Python binding's PackError and
/// InputError are built from it). Carries every diagnostic; what() is the first one's text.
class input_error : public std::runtime_error {
 public:
  explicit input_error(std::vector<diagnostic> diagnostics);
  const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<diagnostic> diagnostics_;
};

}  // namespace qaf
