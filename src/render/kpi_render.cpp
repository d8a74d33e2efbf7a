#include "render/kpi_render.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>

#include "render/csv_writer.hpp"
#include "render/result_document.hpp"

namespace qaf::detail {
namespace {

// A whole number as an integer (1, not 1.0), anything else as it is.
nlohmann::ordered_json number_json(double v) {
  if (std::abs(v) < 9e15 && v == std::floor(v)) return static_cast<std::int64_t>(v);
  return v;
}

std::string number_text(double v) {
  if (std::abs(v) < 9e15 && v == std::floor(v)) return std::to_string(static_cast<std::int64_t>(v));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

nlohmann::ordered_json reported_json(const std::optional<kpi_value>& value) {
  if (!value) return nullptr;
  if (const auto* count = std::get_if<double>(&*value)) return number_json(*count);
  if (const auto* part = std::get_if<ratio>(&*value)) {
    return {{"numerator", number_json(part->numerator)},
            {"denominator", number_json(part->denominator)}};
  }
  return std::get<bool>(*value);
}

std::string reported_text(const std::optional<kpi_value>& value) {
  if (!value) return {};
  if (const auto* count = std::get_if<double>(&*value)) return number_text(*count);
  if (const auto* part = std::get_if<ratio>(&*value)) {
    return number_text(part->numerator) + "/" + number_text(part->denominator);
  }
  return std::get<bool>(*value) ? "true" : "false";
}

nlohmann::ordered_json target_json(const kpi_target& target) {
  nlohmann::ordered_json json = {{"type", target.type}};
  if (target.value) json["value"] = number_json(*target.value);
  if (!target.against.empty()) json["against"] = target.against;
  return json;
}

nlohmann::ordered_json optional_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return number_json(*v);
}

}  // namespace

nlohmann::ordered_json kpi_result_json(const kpi_result& result, bool explain) {
  nlohmann::ordered_json json;
  json["provider"] = result.provider;
  json["kpi"] = result.kpi;
  json["period"] = period_text(result.period_start, result.period_end);
  json["status"] = std::string(to_string(result.status));
  json["value"] = reported_json(result.reported);
  json["target"] = target_json(result.target_rule);
  json["consequence"] = std::string(to_string(result.consequence));
  json["measured"] = optional_number(result.value);
  json["comparison"] = optional_number(result.comparison);
  if (explain) json["target_text"] = result.target;
  json["explained"] = result.explained;
  json["inaccurate"] = result.inaccurate;
  if (!result.note.empty()) json["note"] = result.note;
  if (!result.unknown_facts.empty()) json["unknown_facts"] = result.unknown_facts;
  if (explain) json["source"] = source_json(result.source);
  return json;
}

void write_kpi_csv(std::ostream& out, std::span<const kpi_result> results, bool header) {
  csv_writer csv(out);
  if (header)
    csv.row({"provider", "kpi", "period", "status", "value", "measured", "target", "comparison",
             "consequence", "explained", "inaccurate", "note", "source_document",
             "source_section"});
  for (const kpi_result& r : results) {
    csv.row(std::vector<std::string>{
        r.provider, r.kpi, period_text(r.period_start, r.period_end),
        std::string(to_string(r.status)), reported_text(r.reported),
        r.value ? number_text(*r.value) : std::string(), r.target,
        r.comparison ? number_text(*r.comparison) : std::string(),
        std::string(to_string(r.consequence)), r.explained ? "true" : "false",
        r.inaccurate ? "true" : "false", r.note, r.source.document, r.source.section});
  }
}

}  // namespace qaf::detail
