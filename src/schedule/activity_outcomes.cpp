#include "schedule/activity_outcomes.hpp"

namespace qaf::detail {

void fill_outcomes(const pack_data& pack, const provider& record, date on, bound_record& facts) {
  const fact_table& table = pack.table;
  for (const std::string& code : table.outcome_activities()) {
    const std::uint32_t slot = *table.outcome_slot(code);
    const std::uint32_t set = *table.outcome_set(code);
    const activity_record* latest = nullptr;
    for (const activity_record& done : record.history) {
      if (done.activity != code || on < done.on) continue;
      if (latest == nullptr || !(done.on < latest->on)) latest = &done;
    }
    const std::optional<std::uint32_t> value = latest != nullptr && latest->outcome
                                                   ? table.enum_index(set, *latest->outcome)
                                                   : std::nullopt;
    if (value) {
      facts.set_enum(slot, *value);
    } else {
      facts.set_unknown(slot);
    }
  }
}

}  // namespace qaf::detail
