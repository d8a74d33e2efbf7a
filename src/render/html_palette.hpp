// The colours of the HTML report, in one place so that a test can hold every pair to WCAG 2.1 AA:
// text at least 4.5:1 against its background (1.4.3), chart marks at least 3:1 against the page
// (1.4.11). Colour never carries meaning alone: every level is also written as text, and every
// chart has a table of its numbers beside it.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace qaf::detail {

/// A colour used on another, and the contrast the pair must reach.
struct colour_pair {
  std::string_view use;         // what it is for: "body text", "level tone 3 badge"
  std::string_view foreground;  // "#rrggbb"
  std::string_view background;
  double minimum = 4.5;  // 4.5 for text, 3 for graphics
};

/// The page and its text.
inline constexpr std::string_view page_background = "#ffffff";
inline constexpr std::string_view page_text = "#1a1a1a";
inline constexpr std::string_view muted_text = "#4d4d4d";
inline constexpr std::string_view header_background = "#e9edf2";
inline constexpr std::string_view alert_text = "#8b1a1a";

/// The tone of a level, least severe (0) to most severe (4): badge text on badge background,
/// and a chart bar on the page.
struct level_tone {
  std::string_view text;
  std::string_view background;
  std::string_view bar;
};
std::span<const level_tone> level_tones() noexcept;

/// Which of the five tones a level at `index` of `count` levels (least severe first) takes: the
/// least severe is always tone 0 and the most severe always tone 4.
std::size_t tone_index(std::size_t index, std::size_t count) noexcept;
const level_tone& tone_of(std::size_t index, std::size_t count) noexcept;

/// The not-assessed badge: no level, so no severity colour.
inline constexpr level_tone not_assessed_tone{"#333333", "#e6e6e6", "#767676"};

/// Officer series in the visits chart, in legend order (repeated past the last); their numbers are
/// written on them in white.
std::span<const std::string_view> series_colours() noexcept;

/// Every pair the report uses, for the contrast test.
std::span<const colour_pair> palette_pairs();

/// WCAG 2.1 contrast ratio of two "#rrggbb" colours, 1 to 21.
double contrast_ratio(std::string_view first, std::string_view second);

}  // namespace qaf::detail
