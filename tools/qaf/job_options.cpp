#include "job_options.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iterator>
#include <memory>
#include <ostream>

#include "parallel/ordered_pool.hpp"
#include "qaf/calendar.hpp"

namespace qaf::cli {

date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

void print_diagnostic(std::ostream& out, const diagnostic& d) {
  std::string text = d.to_string();
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    text.insert(at + 1, "    ");
  }
  out << text << '\n';
}

void report(std::ostream& err, std::string_view command, std::string_view code,
            std::string_view message) {
  err << "qaf " << command << ": " << code << ": " << message << '\n';
}

std::optional<parsed_options> parse_options(const invocation& call, std::string_view command,
                                            std::span<const std::string_view> allowed,
                                            std::size_t max_positional, std::string_view usage,
                                            std::span<const std::string_view> flags) {
  parsed_options parsed;
  const auto fail = [&](std::string_view code, const std::string& message) {
    report(call.err, command, code, message + "; usage: " + std::string(usage));
    return std::nullopt;
  };
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const std::string_view arg = call.args[i];
    if (!arg.starts_with("--")) {
      if (parsed.positional.size() == max_positional) {
        return fail("qaf.cli.usage", "unexpected argument '" + std::string(arg) + "'");
      }
      parsed.positional.push_back(arg);
      continue;
    }
    if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
      if (!parsed.values.emplace(std::string(arg), std::string()).second) {
        return fail("qaf.cli.repeated", std::string(arg) + " is given more than once");
      }
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), arg) == allowed.end()) {
      return fail("qaf.cli.usage", "unknown option " + std::string(arg));
    }
    // "--from --to 2024-12-31" is a forgotten value, not a date called "--to".
    if (i + 1 == call.args.size() || call.args[i + 1].starts_with("--")) {
      return fail("qaf.cli.usage", std::string(arg) + " needs a value");
    }
    if (!parsed.values.emplace(std::string(arg), std::string(call.args[++i])).second) {
      return fail("qaf.cli.repeated", std::string(arg) + " is given more than once");
    }
  }
  return parsed;
}

namespace {

// The value of `option`, or nullopt when it was not given.
std::optional<std::string> value_of(const parsed_options& parsed, std::string_view option) {
  const auto found = parsed.values.find(option);
  if (found == parsed.values.end()) return std::nullopt;
  return found->second;
}

}  // namespace

std::vector<diagnostic> check_all_records(detail::record_source& records, const std::string& path,
                                          unsigned requested_threads) {
  // One mistake repeated in every record of a huge file is reported a few times, then counted:
  // past this many, the rest of the file need not be read to know the answer is no.
  constexpr std::size_t enough = 100'000;
  std::vector<diagnostic> problems;
  if (records.checked_at_open()) return problems;
  detail::id_register ids;
  const unsigned threads = detail::worker_count(requested_threads);
  detail::ordered_pool<detail::chunk_check> pool(
      threads, 2 * static_cast<std::size_t>(threads), [&](detail::chunk_check&& checked) {
        std::move(checked.problems.begin(), checked.problems.end(), std::back_inserter(problems));
        ids.add(checked, problems, path);
      });
  while (problems.size() < enough) {
    auto chunk = std::make_shared<detail::record_chunk>();
    if (!records.next(*chunk, providers_a_chunk)) break;
    pool.submit([&records, chunk] { return records.check(*chunk); });
  }
  pool.finish();
  if (problems.empty()) return problems;
  return records.explain(std::move(problems));
}

std::vector<diagnostic> check_portfolio(const pack& rules, const std::string& path,
                                        unsigned threads) {
  std::vector<diagnostic> problems;
  const std::unique_ptr<detail::record_source> records =
      detail::record_source::open(rules, path, problems);
  if (!records) return problems;
  return check_all_records(*records, path, threads);
}

std::optional<job> prepare_job(const invocation& call, const job_spec& spec) {
  const std::string& name = spec.command;
  job result;
  std::string format_list;
  for (std::string_view f : spec.formats)
    format_list.append(format_list.empty() ? "" : "|").append(f);
  const std::string usage = "qaf " + name + " [--pack P] --portfolio F" +
                            (spec.needs_window ? " --from D --to D" : "") +
                            " [--as-of D] [--format " + format_list + "] [--threads N] [--explain]";
  std::vector<std::string_view> allowed = {"--pack", "--portfolio", "--as-of", "--format",
                                           "--threads"};
  if (spec.needs_window) allowed.insert(allowed.end(), {"--from", "--to"});
  constexpr std::string_view flags[] = {"--explain"};
  const std::optional<parsed_options> parsed = parse_options(call, name, allowed, 0, usage, flags);
  if (!parsed) return std::nullopt;

  std::vector<std::string_view> missing;
  for (const std::string_view option : allowed) {
    if (option != "--as-of" && option != "--format" && option != "--pack" &&
        option != "--threads" && !parsed->values.contains(option))
      missing.push_back(option);
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string_view m : missing) list += (list.empty() ? "" : " and ") + std::string(m);
    report(call.err, name, "qaf.cli.usage",
           list + (missing.size() == 1 ? " is" : " are") + " required; usage: " + usage);
    return std::nullopt;
  }
  result.format = value_of(*parsed, "--format").value_or(std::string(spec.formats.front()));
  if (std::find(spec.formats.begin(), spec.formats.end(), result.format) == spec.formats.end()) {
    report(call.err, name, "qaf.cli.value",
           "--format is one of " + format_list + ", not '" + result.format + "'");
    return std::nullopt;
  }

  result.explain = parsed->values.contains("--explain");
  if (const auto threads = value_of(*parsed, "--threads")) {
    // 1 to 1024 threads, written as a plain decimal number; 0 would be "all cores" only by
    // accident, so it is refused like any other mistake.
    const bool digits = !threads->empty() && threads->size() <= 4 &&
                        threads->find_first_not_of("0123456789") == std::string::npos;
    const unsigned n = digits ? static_cast<unsigned>(std::stoul(*threads)) : 0;
    if (n < 1 || n > 1024) {
      report(call.err, name, "qaf.cli.value",
             "--threads is a number of threads from 1 to 1024, not '" + *threads + "'");
      return std::nullopt;
    }
    result.threads = n;
  }

  // Every date must be in the years whose bank holidays are known: past them no answer would be
  // right, and the arithmetic would run to the end of the calendar.
  const region where;
  const date first = date::from_ymd(where.first_year(), 1, 1);
  const date last = date::from_ymd(where.last_year(), 12, 31);
  const std::string known = std::string(" with bank holidays (") + std::string(where.title()) + ")";
  const auto in_calendar = [&](date d, const std::string& what) {
    if (d < first) {
      report(call.err, name, "qaf.cli.window",
             what + ": " + d.to_string() + " is before " + first.to_string() + ", the first day" +
                 known);
      return false;
    }
    if (last < d) {
      report(
          call.err, name, "qaf.cli.window",
          what + ": " + d.to_string() + " is after " + last.to_string() + ", the last day" + known);
      return false;
    }
    return true;
  };
  const auto parse_date = [&](const std::string& option) -> std::optional<date> {
    const std::string text = *value_of(*parsed, option);
    std::string why;
    const auto d = date::try_parse(text, &why);
    if (!d) {
      report(call.err, name, "qaf.date.invalid", option + ": " + why);
      return std::nullopt;
    }
    if (!in_calendar(*d, option)) return std::nullopt;
    return d;
  };
  if (parsed->values.contains("--as-of")) {
    const auto as_of = parse_date("--as-of");  // "" is an error, never today
    if (!as_of) return std::nullopt;
    result.as_of = *as_of;
  } else {
    result.as_of = today();
    if (!in_calendar(result.as_of, "today")) return std::nullopt;
  }
  if (spec.needs_window) {
    result.from = parse_date("--from");
    if (!result.from) return std::nullopt;
    result.to = parse_date("--to");
    if (!result.to) return std::nullopt;
    if (*result.to < *result.from) {
      report(call.err, name, "qaf.cli.window",
             "--to " + result.to->to_string() + " is before --from " + result.from->to_string());
      return std::nullopt;
    }
  } else if (spec.months_from_as_of > 0) {
    result.from = result.as_of;
    result.to = add_days(add_months(result.as_of, spec.months_from_as_of), -1);
    if (!in_calendar(*result.to, "--as-of " + result.as_of.to_string() + " + " +
                                     std::to_string(spec.months_from_as_of) + " months")) {
      return std::nullopt;
    }
  }

  const std::string portfolio_path = *value_of(*parsed, "--portfolio");
  // --pack, else the pack the portfolio names: `qaf assess --portfolio F` needs nothing else.
  std::optional<std::string> pack_name = value_of(*parsed, "--pack");
  if (!pack_name) pack_name = portfolio_pack_name(portfolio_path);
  if (!pack_name) {
    report(call.err, name, "qaf.cli.usage",
           "--pack is required: " + portfolio_path +
               " names no pack (a JSON portfolio may name one: {\"pack\": \"<id>\", "
               "\"providers\": [...]}); usage: " +
               usage);
    return std::nullopt;
  }
  pack_result loaded = load_pack(*pack_name);
  if (!loaded) {
    for (const diagnostic& d : loaded.diagnostics) print_diagnostic(call.err, d);
    return std::nullopt;
  }
  // A pack that replaces earlier versions answers with the version in force on as-of, so that
  // last year's portfolio replayed as of a date last year gets last year's rules; results name
  // the version used.
  result.pack = loaded.pack->version_in_force(result.as_of);
  // Facts that contradict a record's latest dated change are known only once as_of is (DOMAIN.md
  // section 2); pass 1 reports them with every other input error, before any output.
  std::vector<diagnostic> problems;
  result.records =
      detail::record_source::open(*result.pack, portfolio_path, problems, result.as_of);
  if (result.records) {
    problems = check_all_records(*result.records, portfolio_path, result.threads);
  }
  if (!problems.empty()) {
    for (const diagnostic& d : problems) print_diagnostic(call.err, d);
    return std::nullopt;
  }
  result.records->rewind();
  return result;
}

std::vector<provider> all_records(job& prepared) {
  std::vector<provider> all;
  detail::record_chunk chunk;
  while (prepared.records->next(chunk, 1024)) {
    std::vector<provider> read = prepared.records->read(chunk);
    std::move(read.begin(), read.end(), std::back_inserter(all));
  }
  return all;
}

std::vector<detail::checked_record> all_checked_records(job& prepared) {
  std::vector<detail::checked_record> all;
  detail::record_chunk chunk;
  while (prepared.records->next(chunk, 1024)) {
    std::vector<detail::checked_record> read = prepared.records->read_bound(chunk);
    std::move(read.begin(), read.end(), std::back_inserter(all));
  }
  return all;
}

}  // namespace qaf::cli
