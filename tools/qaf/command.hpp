// The qaf command-line program's commands. Each command lives in its own <name>_command.cpp and
// is listed once in main.cpp's table.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace qaf::cli {

/// What a command receives: the arguments after its name, and three streams. `out` is buffered
/// by main and printed only when the command returns 0, so a failing command never prints half a
/// result; `stream` is stdout itself (buffered), for a command that has checked all of its input
/// and streams a result too large to hold (result_job.hpp); `err` goes straight to stderr.
struct invocation {
  std::span<const std::string_view> args;
  std::ostream& out;
  std::ostream& err;
  std::ostream& stream;
};

/// Exit statuses: 0 success; 1 for a mistake in the input (bad input, a usage mistake, a failed
/// check, output that could not be written); 70 (EX_SOFTWARE) for an error that is a bug in
/// qaf. Always with a coded message on stderr (docs/errors.md).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_internal = 70;

int run_calendar(const invocation& call);
int run_packs(const invocation& call);
int run_validate(const invocation& call);
int run_kpi(const invocation& call);
int run_rate(const invocation& call);
int run_schedule(const invocation& call);
int run_assess(const invocation& call);
int run_test(const invocation& call);
int run_diff(const invocation& call);

}  // namespace qaf::cli
