// qaf calendar: working-day arithmetic and bank holidays from the command line.
//
//   qaf calendar add-working-days 2024-12-24 1        -> 2024-12-27
//   qaf calendar holidays 2024 --region england_and_wales
#include <charconv>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/calendar.hpp"
#include "qaf/date.hpp"

namespace qaf::cli {
namespace {

constexpr std::string_view usage =
    "usage: qaf calendar add-working-days D N [--region R]\n"
    "       qaf calendar holidays YEAR [--region R]\n"
    "\n"
    "  add-working-days  prints the date N working days after D (YYYY-MM-DD); D itself never\n"
    "                    counts, and a negative N counts back\n"
    "  holidays          prints the bank holidays of YEAR, one 'YYYY-MM-DD name' a line\n"
    "  --region R        the bank-holiday region (default england_and_wales)\n";

/// A usage or input mistake; run_calendar prints it as one line, with its code.
struct bad_input : std::runtime_error {
  explicit bad_input(const std::string& message, std::string_view error_code = "qaf.cli.usage")
      : std::runtime_error(message), code(error_code) {}
  std::string_view code;
};

struct parsed_args {
  std::vector<std::string_view> positional;
  region where;
  bool help = false;
};

parsed_args parse_args(std::span<const std::string_view> args) {
  parsed_args parsed;
  bool region_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
    } else if (arg == "--region" || arg.starts_with("--region=")) {
      std::string_view id;
      if (arg == "--region") {
        if (i + 1 == args.size())
          throw bad_input("--region needs a value, such as england_and_wales");
        id = args[++i];
      } else {
        id = arg.substr(std::string_view("--region=").size());
      }
      if (region_given) throw bad_input("--region is given more than once", "qaf.cli.repeated");
      region_given = true;
      std::string why;
      const auto found = region::try_parse(id, &why);
      if (!found) throw bad_input(why, "qaf.cli.value");
      parsed.where = *found;
    } else if (arg.starts_with("--")) {
      throw bad_input("unknown option " + std::string(arg));
    } else {
      parsed.positional.push_back(arg);  // "-3" is a number, not an option
    }
  }
  return parsed;
}

int parse_int(std::string_view text, std::string_view what) {
  int value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error == std::errc::result_out_of_range) {
    throw bad_input(std::string(what) + " is out of range: " + std::string(text), "qaf.cli.value");
  }
  if (text.empty() || error != std::errc() || stop != end) {
    throw bad_input(
        std::string(what) + " must be a whole number, not \"" + std::string(text) + "\"",
        "qaf.cli.value");
  }
  return value;
}

void expect_arguments(const parsed_args& parsed, std::size_t count, std::string_view shape) {
  if (parsed.positional.size() - 1 != count) {
    throw bad_input(std::string(parsed.positional[0]) + " takes " + std::string(shape) + ", got " +
                    std::to_string(parsed.positional.size() - 1) + " argument" +
                    (parsed.positional.size() == 2 ? "" : "s"));
  }
}

void add_working_days_command(const parsed_args& parsed, std::ostream& out) {
  expect_arguments(parsed, 2, "two arguments, D and N");
  std::string why;
  const auto start = date::try_parse(parsed.positional[1], &why);
  if (!start) throw bad_input(why, "qaf.date.invalid");
  const int n = parse_int(parsed.positional[2], "N");
  out << working_calendar(parsed.where).add_working_days(*start, n) << '\n';
}

void holidays_command(const parsed_args& parsed, std::ostream& out) {
  expect_arguments(parsed, 1, "one argument, YEAR");
  const int year = parse_int(parsed.positional[1], "YEAR");
  for (const holiday& h : bank_holidays(year, parsed.where)) out << h.day << ' ' << h.name << '\n';
}

}  // namespace

int run_calendar(const invocation& call) {
  try {
    const parsed_args parsed = parse_args(call.args);
    if (parsed.help) {
      call.out << usage;
      return exit_ok;
    }
    if (parsed.positional.empty()) throw bad_input("which subcommand? see qaf calendar --help");
    const std::string_view subcommand = parsed.positional[0];
    if (subcommand == "add-working-days") {
      add_working_days_command(parsed, call.out);
    } else if (subcommand == "holidays") {
      holidays_command(parsed, call.out);
    } else {
      throw bad_input("unknown subcommand \"" + std::string(subcommand) +
                      "\"; see qaf calendar --help");
    }
    return exit_ok;
  } catch (const bad_input& e) {
    report(call.err, "calendar", e.code, e.what());
  } catch (const std::out_of_range& e) {  // a date or year outside the region's known years
    report(call.err, "calendar", "qaf.date.range", e.what());
  } catch (const date_error& e) {  // working days counted past 9999-12-31
    report(call.err, "calendar", "qaf.date.range", e.what());
  }
  return exit_failure;
}

}  // namespace qaf::cli
