// A set of fact slots, as bits: what the evaluator fills with the unknown facts a result depended
// on. The caller owns it and reuses it between evaluations, so evaluating never allocates.
//
//   fact_set unknown(table.total_slots());
//   if (rule.evaluate(record, as_of, &unknown) == truth::unknown)
//     unknown.for_each([&](std::uint32_t slot) { std::cout << table.slot_name(slot) << '\n'; });
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace qaf::detail {

class fact_set {
 public:
  fact_set() = default;
  /// A set that can hold slots 0 .. slots-1 (fact_table::total_slots()).
  explicit fact_set(std::size_t slots) : words_((slots + 63) / 64, 0) {}

  /// Slots outside the capacity are ignored.
  void insert(std::uint32_t slot) noexcept {
    if (slot / 64 < words_.size()) words_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }
  bool contains(std::uint32_t slot) const noexcept {
    return slot / 64 < words_.size() && ((words_[slot / 64] >> (slot % 64)) & 1u) != 0;
  }
  void clear() noexcept {
    for (std::uint64_t& w : words_) w = 0;
  }
  bool empty() const noexcept {
    for (const std::uint64_t w : words_) {
      if (w != 0) return false;
    }
    return true;
  }
  std::size_t size() const noexcept {
    std::size_t n = 0;
    for (const std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  /// Adds every slot of `other` (of the same capacity or smaller).
  void merge(const fact_set& other) noexcept {
    for (std::size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) {
      words_[i] |= other.words_[i];
    }
  }
  /// Calls f(slot) for each slot in the set, in increasing order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t w = words_[i];
      while (w != 0) {
        const auto bit = static_cast<std::uint32_t>(std::countr_zero(w));
        f(static_cast<std::uint32_t>(i * 64) + bit);
        w &= w - 1;
      }
    }
  }
  std::vector<std::uint32_t> slots() const {
    std::vector<std::uint32_t> out;
    for_each([&](std::uint32_t s) { out.push_back(s); });
    return out;
  }
  friend bool operator==(const fact_set&, const fact_set&) = default;

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace qaf::detail
