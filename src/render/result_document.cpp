#include "render/result_document.hpp"

namespace qaf::detail {

nlohmann::ordered_json result_document(const pack& rules, date as_of) {
  nlohmann::ordered_json document;
  document["pack"] = {{"id", rules.info().id}, {"version", rules.info().version}};
  document["as_of"] = as_of.to_string();
  return document;
}

std::string json_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

nlohmann::ordered_json source_json(const source_ref& source) {
  nlohmann::ordered_json json = {{"document", source.document}, {"section", source.section}};
  if (!source.quote.empty()) json["quote"] = source.quote;
  return json;
}

nlohmann::ordered_json level_json(const level_value& level) {
  if (const auto* number = std::get_if<std::int64_t>(&level)) return *number;
  return std::get<std::string>(level);
}

std::string level_text(const level_value& level) {
  if (const auto* number = std::get_if<std::int64_t>(&level)) return std::to_string(*number);
  return std::get<std::string>(level);
}

std::string period_text(date start, date end) { return start.to_string() + '/' + end.to_string(); }

}  // namespace qaf::detail
