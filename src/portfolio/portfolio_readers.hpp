// The two portfolio formats. Both produce provider records and pass each through check_record.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/bound_record.hpp"
#include "pack/json_reader.hpp"
#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

portfolio_result read_json_portfolio(const pack_data& pack, std::string_view text,
                                     std::string_view file_name);
portfolio_result read_csv_portfolio(const pack_data& pack, std::string_view text,
                                    std::string_view file_name);

/// Where a record's text breaks the JSON grammar (a byte offset into it), and why.
struct syntax_fault {
  std::size_t byte = 0;
  std::string reason;
};

/// One record read on its own: the record when it is well formed and fits the pack; else its
/// problems were reported to the sink, or it is `malformed` JSON and `fault` says where.
struct json_record {
  std::optional<provider> record;
  bool malformed = false;
  syntax_fault fault;
};

/// Reads and checks the JSON text of one provider record (a line of JSON Lines, a record of a
/// split document). `padded` holds `size` bytes and SIMDJSON_PADDING readable bytes after them;
/// problems are reported at `pointer` followed by their path in the record ("/facts/beds").
/// Safe to call from many threads at once (each has its own parser). With `check` false the
/// record is only read, not checked against the pack: for a record already checked once (the
/// second pass of a streamed command), where checking again would only cost time.
json_record read_json_record(const pack_data& pack, const char* padded, std::size_t size,
                             const std::string& pointer, diagnostics_sink& sink, bool check = true);

/// Reads the JSON text of one provider record straight into the pack's fact slots: each fact's
/// value into `facts` (enumerations as indices, dates as days; the id's slot from the record's
/// id), and everything else (id, history, events, returns, overrides, ratings) into `record`,
/// whose `facts` stay empty. No map of facts and no string a fact is made, so a good record is
/// read at close to simdjson's speed. Only for a record that is well formed and whose facts fit
/// the pack exactly: for any other (and for a few good ones written unusually, such as 4.0 for an
/// integer or facts.id) it returns false and reports nothing, and the caller reads the record
/// with read_json_record, which reports exactly what is wrong. History, events and the rest are
/// read, not checked: check_record_parts (record_check.hpp) checks them. `padded` as for
/// read_json_record; safe to call from many threads at once.
bool read_json_record_bound(const pack_data& pack, const char* padded, std::size_t size,
                            provider& record, bound_record& facts);

/// The records of a portfolio document `{"providers": [...]}` as views into its text, in order,
/// without reading them: a split is found in the structure alone, so that the records can then be
/// read and checked on many threads. `padded` as for read_json_record. nullopt when the text
/// around the records is not a well-formed portfolio (or a record is no object): the full reader
/// then says why.
std::optional<std::vector<std::string_view>> split_json_records(const char* padded,
                                                                std::size_t size);

}  // namespace qaf::detail
