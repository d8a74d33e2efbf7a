#include "diagnostic_limits.hpp"

#include <unordered_map>
#include <utility>

#include "facts/message_text.hpp"

namespace qaf::detail {

void cap_diagnostics(std::vector<diagnostic>& diagnostics, std::size_t limit) {
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<std::pair<std::string, std::string>> omitted;  // code, file, in order of first
  std::size_t kept = 0;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const std::size_t count = ++seen[diagnostics[i].code];
    if (count == limit + 1) omitted.emplace_back(diagnostics[i].code, diagnostics[i].file);
    if (count > limit) continue;
    if (kept != i) diagnostics[kept] = std::move(diagnostics[i]);
    ++kept;
  }
  diagnostics.resize(kept);
  for (auto& [code, file] : omitted) {
    const std::size_t more = seen[code] - limit;
    diagnostics.push_back({"qaf.input.omitted", std::move(file), "",
                           std::to_string(more) + " more " + code + " diagnostic" +
                               (more == 1 ? " was" : "s were") + " left out after the first " +
                               std::to_string(limit)});
  }
}

diagnostic internal_error(std::string_view file, std::string_view what) {
  return {"qaf.input.internal", std::string(file), "",
          "qaf could not read this input (" + excerpt(what, 200) +
              "); this is a bug in qaf, please report it"};
}

}  // namespace qaf::detail
