// "Did you mean ...?": the name a person probably meant when a name is misspelt, for messages
// about facts, keys, enumeration values, functions, activities and members alike.
//
//   "unknown fact 'bed'" + did_you_mean(closest_match("bed", table.names()))
//   // unknown fact 'bed'; did you mean 'beds'?
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qaf::detail {

/// Optimal string alignment distance between byte strings: insertions, deletions, substitutions
/// and transpositions of adjacent characters each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Words longer than this get no suggestion.
inline constexpr std::size_t max_suggested_word = 100;

/// The candidate closest to `word` when it is close enough to be a likely typo (at most 1 edit
/// for words up to 4 characters, 2 up to 8, else a third of the length), else empty. Ties go to
/// the earliest candidate; a candidate equal to `word` is skipped.
template <class Range>
std::string_view closest_match(std::string_view word, const Range& candidates) {
  // No name is a hundred characters long: a longer word is no typo, and comparing it with every
  // candidate would cost its length times theirs.
  if (word.size() > max_suggested_word) return {};
  const std::size_t limit = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : word.size() / 3;
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::string_view c(candidate);
    if (c == word) continue;
    // The difference in length bounds the distance from below: skip what cannot win.
    const std::size_t gap =
        c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_distance) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

/// "; did you mean 'x'?" when `suggestion` is not empty, else "".
std::string did_you_mean(std::string_view suggestion);

}  // namespace qaf::detail
