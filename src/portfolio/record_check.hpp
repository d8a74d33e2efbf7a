// The checks every provider record passes, however it was read (JSON, CSV, or built in code):
// facts against the pack's declarations, history against its activities, events, returns.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "facts/bound_record.hpp"
#include "pack/json_reader.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

/// Turns a pointer relative to a record ("/facts/beds", "/history/2/date") into the location a
/// person can find in the input: "/providers/7/facts/beds" or, for CSV, "8:5".
using record_locator = std::function<std::string(std::string_view relative)>;

/// The event types a record may carry (DOMAIN.md section 4), in the order docs/vocabulary.md
/// lists them.
std::span<const std::string_view> event_types() noexcept;

/// Reports every problem in one record.
void check_record(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink);
/// As above, leaving the record's facts bound in `bound` (what could be bound, when anything
/// was reported): a caller that evaluates the record need not bind it a second time.
void check_record(const pack_data& pack, const provider& record, const record_locator& locate,
                  diagnostics_sink& sink, bound_record& bound);

/// check_record's checks of all but the record's id and facts (history, events, returns,
/// overrides and past ratings), reported as check_record reports them: for a record whose facts
/// a reader has bound, and whose id it has seen, with nothing to report (read_json_record_bound).
void check_record_parts(const pack_data& pack, const provider& record, const record_locator& locate,
                        diagnostics_sink& sink);

/// Reports a provider id used by an earlier record. `seen` maps ids to where they were first used.
void check_unique_id(const provider& record, const std::string& where,
                     std::unordered_map<std::string, std::string>& seen, diagnostics_sink& sink);

}  // namespace qaf::detail
