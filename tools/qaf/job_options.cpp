#include "job_options.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <ostream>

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

std::optional<job> prepare_job(const invocation& call, const job_spec& spec) {
  const std::string name = "qaf " + spec.command;
  std::string pack_name;
  std::string portfolio_path;
  std::string from_text;
  std::string to_text;
  std::string as_of_text;
  job result;
  result.format = std::string(spec.formats.front());
  std::string format_list;
  for (std::string_view f : spec.formats)
    format_list += (format_list.empty() ? "" : "|") + std::string(f);
  const std::string usage = name + " --pack P --portfolio F" +
                            (spec.needs_window ? " --from D --to D" : "") +
                            " [--as-of D] [--format " + format_list + "]";

  const std::pair<std::string_view, std::string*> valued[] = {
      {"--pack", &pack_name}, {"--portfolio", &portfolio_path}, {"--from", &from_text},
      {"--to", &to_text},     {"--as-of", &as_of_text},         {"--format", &result.format}};
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const std::string_view arg = call.args[i];
    bool matched = false;
    for (const auto& [option, target] : valued) {
      if (arg != option) continue;
      if ((option == "--from" || option == "--to") && !spec.needs_window) break;
      if (i + 1 >= call.args.size()) {
        call.err << name << ": " << option << " needs a value; usage: " << usage << '\n';
        return std::nullopt;
      }
      *target = std::string(call.args[++i]);
      matched = true;
    }
    if (!matched) {
      call.err << name << ": unexpected argument '" << arg << "'; usage: " << usage << '\n';
      return std::nullopt;
    }
  }
  if (pack_name.empty() || portfolio_path.empty() ||
      (spec.needs_window && (from_text.empty() || to_text.empty()))) {
    call.err << name << ": usage: " << usage << '\n';
    return std::nullopt;
  }
  if (std::find(spec.formats.begin(), spec.formats.end(), result.format) == spec.formats.end()) {
    call.err << name << ": --format is one of " << format_list << ", not '" << result.format
             << "'\n";
    return std::nullopt;
  }
  const auto parse_date = [&](const std::string& text, const char* option) -> std::optional<date> {
    std::string why;
    if (auto d = date::try_parse(text, &why)) return d;
    call.err << name << ": " << option << ": " << why << '\n';
    return std::nullopt;
  };
  if (!as_of_text.empty()) {
    const auto as_of = parse_date(as_of_text, "--as-of");
    if (!as_of) return std::nullopt;
    result.as_of = *as_of;
  } else {
    result.as_of = today();
  }
  if (spec.needs_window) {
    result.from = parse_date(from_text, "--from");
    if (!result.from) return std::nullopt;
    result.to = parse_date(to_text, "--to");
    if (!result.to) return std::nullopt;
    if (*result.to < *result.from) {
      call.err << name << ": --to " << *result.to << " is before --from " << *result.from << '\n';
      return std::nullopt;
    }
  }

  pack_result loaded = load_pack(pack_name);
  if (!loaded) {
    for (const diagnostic& d : loaded.diagnostics) print_diagnostic(call.err, d);
    return std::nullopt;
  }
  result.pack = std::move(loaded.pack);
  portfolio_result read = read_portfolio(*result.pack, portfolio_path);
  if (!read) {
    for (const diagnostic& d : read.diagnostics) print_diagnostic(call.err, d);
    return std::nullopt;
  }
  result.portfolio = std::move(*read.portfolio);
  return result;
}

}  // namespace qaf::cli
