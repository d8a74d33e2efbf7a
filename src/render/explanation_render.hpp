// Renders an explanation (qaf/explanation.hpp) as JSON for --explain, as indented lines for the
// text report and as nested lists for the HTML report. docs/classification.md, "Why a rule
// fired", shows each.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>

#include "qaf/explanation.hpp"

namespace qaf::detail {

/// The condition as a tree: each part {"op", "condition", "holds", "evaluated", "text"}, a test
/// also {"fact", "value", "known", "operand"}, a combination (and, or, not) its "parts". `holds`
/// is true, false or null (unknown, or not evaluated). Null for an empty trace.
nlohmann::ordered_json explanation_json(const condition_trace& trace);

/// One line a part, `indent` spaces in and two more a level down: "- beds is 20, more than 6".
/// Text from the pack or the record is escaped as the rest of the text report is.
void write_explanation_text(std::ostream& out, const condition_trace& trace, std::size_t indent);

/// Nested <ul class="why"> lists, a part's sentence in each item, HTML-escaped.
void write_explanation_html(std::ostream& out, const condition_trace& trace);

}  // namespace qaf::detail
