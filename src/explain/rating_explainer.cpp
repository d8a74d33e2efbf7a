#include "explain/rating_explainer.hpp"

#include <string_view>

#include "expr/condition.hpp"

namespace qaf::detail {
namespace {

// The condition of the rule (or least severe level's own condition) with this id.
const condition* find_condition(const scheme& s, std::string_view id) {
  for (const scheme_rule& rule : s.rules) {
    if (rule.meta.id == id) return rule.when.compiled ? &*rule.when.compiled : nullptr;
  }
  for (const level_requirement& r : s.levels.front().requirements) {
    if (r.meta.id == id) return r.when.compiled ? &*r.when.compiled : nullptr;
  }
  return nullptr;
}

class rating_explainer {
 public:
  rating_explainer(const std::shared_ptr<const pack_data>& pack, const bound_record& facts,
                   date as_of)
      : pack_(pack), facts_(facts), as_of_(as_of) {}

  void explain(rating& r) {
    const scheme* s = nullptr;
    for (const scheme& each : pack_->schemes) {
      if (each.id == r.scheme) s = &each;
    }
    if (s == nullptr) return;
    for (rating_reason& why : r.reasons) why.explanation = trace(*s, why.rule);
    for (rating_reason& why : r.also_fired) why.explanation = trace(*s, why.rule);
    for (undecided_rule& u : r.undecided) u.explanation = trace(*s, u.rule);
  }

 private:
  condition_trace trace(const scheme& s, std::string_view rule) {
    const condition* c = find_condition(s, rule);
    if (c == nullptr) return {};
    // The scratch buffer is reused; each trace keeps an exact copy of what it needs.
    c->trace(facts_, as_of_, scratch_);
    return {pack_, *c, as_of_, scratch_};
  }

  const std::shared_ptr<const pack_data>& pack_;
  const bound_record& facts_;
  date as_of_;
  std::vector<node_outcome> scratch_;
};

}  // namespace

void explain_ratings(const std::shared_ptr<const pack_data>& pack, const bound_record& facts,
                     date as_of, std::vector<rating>& ratings) {
  rating_explainer explainer(pack, facts, as_of);
  for (rating& r : ratings) explainer.explain(r);
}

}  // namespace qaf::detail
