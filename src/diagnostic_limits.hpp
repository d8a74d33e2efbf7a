// What every public entry point that returns diagnostics does on the way out: no exception from a
// library (nlohmann, simdjson, the standard library) escapes to a caller that expects
// diagnostics, and one mistake repeated a million times is reported a few times, then counted.
//
//   return detail::at_api_boundary<pack_result>(file_name, [&] { return load(...); });
#pragma once

#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/diagnostic.hpp"

namespace qaf::detail {

/// How many diagnostics of one code one input reports before the rest are counted.
inline constexpr std::size_t max_diagnostics_per_code = 20;

/// Keeps the first `limit` diagnostics of each code, in order, and after them one
/// qaf.input.omitted per code saying how many more of that code were left out.
void cap_diagnostics(std::vector<diagnostic>& diagnostics,
                     std::size_t limit = max_diagnostics_per_code);

/// qaf.input.internal for an exception a reader did not expect, naming it.
diagnostic internal_error(std::string_view file, std::string_view what);

/// Runs `read` (returning a result with `diagnostics`); an exception becomes a result holding
/// only qaf.input.internal. Either way the diagnostics are capped per code.
template <class Result, class Read>
Result at_api_boundary(std::string_view file, Read read) {
  Result result;
  try {
    result = read();
  } catch (const std::bad_alloc&) {
    result = Result{};
    result.diagnostics.push_back(internal_error(file, "out of memory"));
  } catch (const std::exception& e) {
    result = Result{};
    result.diagnostics.push_back(internal_error(file, e.what()));
  } catch (...) {
    result = Result{};
    result.diagnostics.push_back(internal_error(file, "an unknown exception"));
  }
  cap_diagnostics(result.diagnostics);
  return result;
}

}  // namespace qaf::detail
