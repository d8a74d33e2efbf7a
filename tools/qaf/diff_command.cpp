// qaf diff PACK_A PACK_B [--portfolio F] [--as-of D] [--format json|text]: the rules added,
// removed or changed between two packs (or two versions of one) and, given a portfolio, the
// providers whose schedule (the 12 months from as-of), rating or KPI results would change. The
// comparison is the library's (qaf/pack_diff.hpp); this file reads the inputs and writes.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/calendar.hpp"
#include "qaf/pack_diff.hpp"
#include "render/result_document.hpp"

namespace qaf::cli {
namespace {

constexpr std::string_view usage =
    "qaf diff PACK_A PACK_B [--portfolio F] [--as-of D] [--format json|text]";

// A member's JSON text as a JSON value, null where the pack has none.
nlohmann::ordered_json json_or_null(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(text);
}

nlohmann::ordered_json pack_json(const pack& p) {
  return {{"id", p.info().id}, {"version", p.info().version}};
}

void write_json(std::ostream& out, const pack& before, const pack& after,
                const std::vector<rule_change>& rules, const std::vector<result_change>* results,
                const result_diff_options& options) {
  nlohmann::ordered_json doc;
  doc["pack"] = pack_json(after);
  doc["before"] = pack_json(before);
  doc["as_of"] = options.as_of.to_string();
  doc["warnings"] = nlohmann::ordered_json::array();
  nlohmann::ordered_json& changes = doc["changes"] = nlohmann::ordered_json::array();
  for (const rule_change& c : rules) {
    nlohmann::ordered_json item = {
        {"section", c.section}, {"id", c.id}, {"change", std::string(to_string(c.change))}};
    if (c.change == change_kind::changed) {
      nlohmann::ordered_json& members = item["members"] = nlohmann::ordered_json::array();
      for (const member_change& m : c.members) {
        members.push_back({{"member", m.member},
                           {"before", json_or_null(m.before)},
                           {"after", json_or_null(m.after)}});
      }
    }
    changes.push_back(std::move(item));
  }
  if (results != nullptr) {
    doc["window"] = {{"from", options.from.to_string()}, {"to", options.to.to_string()}};
    nlohmann::ordered_json& providers = doc["providers"] = nlohmann::ordered_json::array();
    for (const result_change& c : *results) {
      providers.push_back({{"provider", c.provider},
                           {"what", c.what},
                           {"item", c.item},
                           {"before", c.before},
                           {"after", c.after}});
    }
  }
  out << detail::json_text(doc);
}

std::string version_text(const pack& p) { return p.info().id + ' ' + p.info().version; }

void write_text(std::ostream& out, const pack& before, const pack& after,
                const std::vector<rule_change>& rules, const std::vector<result_change>* results,
                const result_diff_options& options) {
  out << version_text(before) << " -> " << version_text(after) << '\n';
  for (const rule_change& c : rules) {
    out << to_string(c.change) << ' ' << c.section << ' ' << c.id << '\n';
    for (const member_change& m : c.members) {
      out << "  " << m.member << ": " << (m.before.empty() ? "(none)" : m.before) << " -> "
          << (m.after.empty() ? "(none)" : m.after) << '\n';
    }
  }
  out << rules.size() << (rules.size() == 1 ? " rule change\n" : " rule changes\n");
  if (results == nullptr) return;
  std::size_t providers = 0;
  std::string last;
  for (const result_change& c : *results) {
    if (c.provider != last) {
      ++providers;
      last = c.provider;
      out << c.provider << '\n';
    }
    out << "  " << c.what << ' ' << c.item << ": " << c.before << " -> " << c.after << '\n';
  }
  out << providers << (providers == 1 ? " provider" : " providers")
      << " with results that change, as of " << options.as_of.to_string() << " (schedule "
      << options.from.to_string() << " to " << options.to.to_string() << ")\n";
}

std::optional<pack> load_or_report(const invocation& call, std::string_view name) {
  pack_result loaded = load_pack(name);
  if (!loaded) {
    for (const diagnostic& d : loaded.diagnostics) print_diagnostic(call.err, d);
    return std::nullopt;
  }
  return std::move(loaded.pack);
}

}  // namespace

int run_diff(const invocation& call) {
  constexpr std::string_view allowed[] = {"--portfolio", "--as-of", "--format"};
  const std::optional<parsed_options> parsed = parse_options(call, "diff", allowed, 2, usage);
  if (!parsed) return exit_failure;
  if (parsed->positional.size() != 2) {
    report(call.err, "diff", "qaf.cli.usage", "which two packs? usage: " + std::string(usage));
    return exit_failure;
  }
  const auto format = parsed->values.find("--format");
  const std::string chosen = format == parsed->values.end() ? "json" : format->second;
  if (chosen != "json" && chosen != "text") {
    report(call.err, "diff", "qaf.cli.value", "--format is one of json|text, not '" + chosen + "'");
    return exit_failure;
  }
  result_diff_options options;
  if (const auto as_of = parsed->values.find("--as-of"); as_of != parsed->values.end()) {
    std::string why;
    const auto d = date::try_parse(as_of->second, &why);
    if (!d) {
      report(call.err, "diff", "qaf.date.invalid", "--as-of: " + why);
      return exit_failure;
    }
    options.as_of = *d;
  } else {
    options.as_of = today();
  }
  // The schedule compared is the year from as-of, as `qaf assess` gives it; its end must lie
  // in the years whose bank holidays are known.
  const region where;
  const date first = date::from_ymd(where.first_year(), 1, 1);
  const date last = date::from_ymd(where.last_year() - 1, 12, 31);
  if (options.as_of < first || last < options.as_of) {
    report(call.err, "diff", "qaf.cli.window",
           "--as-of " + options.as_of.to_string() + " is outside " + first.to_string() + " to " +
               last.to_string() + ", the years a schedule can be compared in");
    return exit_failure;
  }
  options.from = options.as_of;
  options.to = add_days(add_months(options.as_of, 12), -1);

  const std::optional<pack> before = load_or_report(call, parsed->positional[0]);
  const std::optional<pack> after = load_or_report(call, parsed->positional[1]);
  if (!before || !after) return exit_failure;

  const std::vector<rule_change> rules = diff_rules(*before, *after);
  std::optional<std::vector<result_change>> results;
  if (const auto file = parsed->values.find("--portfolio"); file != parsed->values.end()) {
    // The records must fit both packs: each reading reports what does not, against its pack.
    const portfolio_result old_read = read_portfolio(*before, file->second);
    const portfolio_result new_read = read_portfolio(*after, file->second);
    for (const diagnostic& d : old_read.diagnostics) print_diagnostic(call.err, d);
    for (const diagnostic& d : new_read.diagnostics) print_diagnostic(call.err, d);
    if (!old_read || !new_read) return exit_failure;
    results = diff_results(*before, *after, *old_read.portfolio, options);
  }
  const std::vector<result_change>* shown = results ? &*results : nullptr;
  if (chosen == "text") {
    write_text(call.out, *before, *after, rules, shown, options);
  } else {
    write_json(call.out, *before, *after, rules, shown, options);
  }
  return exit_ok;
}

}  // namespace qaf::cli
