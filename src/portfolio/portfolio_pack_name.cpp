// Which pack a JSON portfolio names, read before the pack is loaded (a portfolio is checked
// against its pack, so the name must come first). Only the root object's members are walked, and
// the walk stops at "pack"; anything that is not well-formed JSON up to there gives no name, and
// the full read that follows reports it with its place.
#include <simdjson.h>

#include "input_file.hpp"
#include "portfolio/record_source.hpp"
#include "qaf/portfolio.hpp"

namespace qaf {

std::optional<std::string> portfolio_pack_name(const std::string& path) {
  // CSV has no place for a name, nor has JSON Lines (one record a line); reading a JSON Lines
  // file whole here would also undo its flat memory.
  if (path.ends_with(".csv") || detail::is_json_lines(path)) {
    return std::nullopt;
  }
  try {
    std::vector<diagnostic> ignored;  // read_portfolio reports the same problems with the file
    const std::optional<std::string> text = detail::read_input_file(
        {path, detail::max_portfolio_bytes, "qaf.portfolio.not_found", "no file has this path"},
        ignored);
    if (!text) return std::nullopt;
    const simdjson::padded_string padded(detail::without_utf8_bom(*text));
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    if (parser.iterate(padded).get(doc)) return std::nullopt;
    simdjson::ondemand::object root;
    if (doc.get_object().get(root)) return std::nullopt;
    for (auto field_result : root) {
      simdjson::ondemand::field field;
      if (std::move(field_result).get(field)) return std::nullopt;
      std::string_view key;
      if (field.unescaped_key().get(key)) return std::nullopt;
      if (key != "pack") continue;
      std::string_view name;
      if (field.value().get_string().get(name)) return std::nullopt;
      return std::string(name);
    }
  } catch (const std::exception&) {
    return std::nullopt;  // e.g. out of memory: the full read reports its own failure
  }
  return std::nullopt;
}

}  // namespace qaf
