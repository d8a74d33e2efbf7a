// Worked examples a pack carries: each names a provider record, the date it is evaluated at, and
// what the schedule, ratings and KPI results must contain. Running them is how a council checks
// that its pack says what its document says, and how a pack travels with its own proof.
//
//   const qaf::pack pack = qaf::load_pack_or_throw("bolton-children-2024");
//   const qaf::pack_test_report report = qaf::run_pack_tests(pack);
//   for (const qaf::diagnostic& d : report.failures) std::cerr << d << '\n';
//   std::cout << report.passed << " passed, " << report.failed << " failed\n";
//
// The format is docs/pack-format.md, "Tests": every expected item must be found in the result
// with the fields it gives (fields it leaves out are not compared); `absent` items must not be.
#pragma once

#include <cstddef>
#include <vector>

#include "qaf/diagnostic.hpp"
#include "qaf/pack.hpp"

namespace qaf {

struct pack_test_report {
  std::size_t passed = 0;  // tests whose every expectation held
  std::size_t failed = 0;  // tests with at least one failure or a record that does not fit
  /// One diagnostic a failed expectation (code qaf.test.failed, pointing at the expectation in
  /// the pack, its message the test, what was expected and what the engine gave), or a record
  /// that does not fit the pack (the reader's code, pointing into the test's provider).
  std::vector<diagnostic> failures;

  bool ok() const noexcept { return failed == 0; }
};

/// Runs every test in the pack's `tests`. A pack without tests passes with nothing run.
pack_test_report run_pack_tests(const pack& rules);

}  // namespace qaf
