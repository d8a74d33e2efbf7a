#include "render/explanation_render.hpp"

#include <string>
#include <variant>
#include <vector>

#include "render/safe_text.hpp"

namespace qaf::detail {
namespace {

using json = nlohmann::ordered_json;

json value_json(const read_value& v) {
  if (std::holds_alternative<std::monostate>(v) || std::holds_alternative<std::nullptr_t>(v)) {
    return nullptr;
  }
  if (const bool* b = std::get_if<bool>(&v)) return *b;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const double* x = std::get_if<double>(&v)) return *x;
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  if (const date* d = std::get_if<date>(&v)) return d->to_string();
  const value_range& r = std::get<value_range>(v);
  return {{"from", r.from}, {"to", r.to ? json(*r.to) : json(nullptr)}, {"strictly", r.strictly}};
}

json holds_json(part_result r) {
  if (r == part_result::holds) return true;
  if (r == part_result::fails) return false;
  return nullptr;
}

bool is_combination(const condition_part& p) {
  return p.op == "and" || p.op == "or" || p.op == "not";
}

// The part at `at` and, for a combination, the parts below it; `at` moves past them.
json part_json(const std::vector<condition_part>& parts, std::size_t& at) {
  const condition_part& p = parts[at++];
  json out;
  out["op"] = p.op;
  out["condition"] = p.condition;
  out["holds"] = holds_json(p.result);
  out["evaluated"] = p.result != part_result::not_evaluated;
  if (is_combination(p)) {
    out["text"] = p.text;
    json below = json::array();
    while (at < parts.size() && parts[at].depth > p.depth) below.push_back(part_json(parts, at));
    out["parts"] = std::move(below);
    return out;
  }
  out["fact"] = p.fact;
  out["value"] = value_json(p.value);
  out["known"] = !std::holds_alternative<std::monostate>(p.value);
  out["operand"] = p.operand;
  out["text"] = p.text;
  return out;
}

// <li class="holds">sentence<ul class="why">the parts below</ul></li>; `at` moves past them.
void write_part_html(std::ostream& out, const std::vector<condition_part>& parts, std::size_t& at) {
  const condition_part& p = parts[at++];
  out << "<li class=\"" << to_string(p.result) << "\">" << html_escaped(p.text);
  if (at < parts.size() && parts[at].depth > p.depth) {
    out << "<ul class=\"why\">";
    while (at < parts.size() && parts[at].depth > p.depth) write_part_html(out, parts, at);
    out << "</ul>";
  }
  out << "</li>";
}

}  // namespace

nlohmann::ordered_json explanation_json(const condition_trace& trace) {
  const std::vector<condition_part> parts = trace.parts();
  if (parts.empty()) return nullptr;
  std::size_t at = 0;
  return part_json(parts, at);
}

void write_explanation_text(std::ostream& out, const condition_trace& trace, std::size_t indent) {
  for (const condition_part& p : trace.parts()) {
    out << std::string(indent + 2 * p.depth, ' ') << "- " << escaped_text(p.text) << '\n';
  }
}

void write_explanation_html(std::ostream& out, const condition_trace& trace) {
  const std::vector<condition_part> parts = trace.parts();
  if (parts.empty()) return;
  std::size_t at = 0;
  out << "<ul class=\"why\">";
  write_part_html(out, parts, at);
  out << "</ul>\n";
}

}  // namespace qaf::detail
