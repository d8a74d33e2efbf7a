// Names and types: turns a parsed condition into a program over a fact table's slots, reporting
// every unknown name, type mismatch and impossible value it finds.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "expr/program.hpp"
#include "expr/syntax_tree.hpp"
#include "facts/fact_table.hpp"
#include "qaf/diagnostic.hpp"

namespace qaf::detail {

/// Compiles `tree` (parsed from `text`) into `out_program`, recording in `facts_read` the facts it
/// reads (ascending, each once). Appends a diagnostic at `pointer` for each mistake; returns
/// whether there were none.
bool check_condition(const fact_table& table, std::string_view text, std::string_view pointer,
                     const syntax_tree& tree, program& out_program,
                     std::vector<std::uint32_t>& facts_read, std::vector<diagnostic>& out);

}  // namespace qaf::detail
