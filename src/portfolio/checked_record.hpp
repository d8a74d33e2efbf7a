// A provider record that a streamed command's first pass has checked in full, with its facts
// already in the pack's slots: what its second pass evaluates (checked_evaluation.hpp). A JSON
// record is read straight into the slots, its `record.facts` left empty (record_source's
// read_bound); the facts are read only from `facts`.
#pragma once

#include "facts/bound_record.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

struct checked_record {
  provider record;     // id, history, events, returns, overrides, ratings; facts maybe empty
  bound_record facts;  // every fact of the record in its slot, the id's too
};

}  // namespace qaf::detail
