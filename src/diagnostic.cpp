#include "qaf/diagnostic.hpp"

#include <ostream>
#include <utility>

namespace qaf {
namespace {

std::string first_message(const std::vector<diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  std::string text = diagnostics.front().to_string();
  if (diagnostics.size() > 1) {
    text += " (and " + std::to_string(diagnostics.size() - 1) + " more)";
  }
  return text;
}

}  // namespace

std::string diagnostic::to_string() const { return file + ':' + pointer + ": " + message; }

std::ostream& operator<<(std::ostream& out, const diagnostic& d) { return out << d.to_string(); }

input_error::input_error(std::vector<diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace qaf
