#include "render/html_palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace qaf::detail {
namespace {

constexpr std::array<level_tone, 5> tones = {{
    {"#173d1a", "#dcefd9", "#2e7d32"},  // no concerns, low risk
    {"#2f3a00", "#eef3cc", "#5f6f00"},  // minor
    {"#4a2e00", "#fde7c2", "#9a5b00"},  // moderate
    {"#5a1c00", "#fbd3be", "#b8410a"},  // significant
    {"#5c0000", "#f6c9c9", "#b71c1c"},  // the most severe
}};

constexpr std::array<std::string_view, 8> series = {"#1f4e79", "#9c4a00", "#2e6b30", "#6a1b9a",
                                                    "#b71c1c", "#00695c", "#5d4037", "#37474f"};

double channel(int value) {
  const double c = value / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(std::string_view colour) {
  if (colour.size() != 7 || colour[0] != '#')
    throw std::invalid_argument("not a #rrggbb colour: " + std::string(colour));
  const auto component = [&](std::size_t at) {
    return std::stoi(std::string(colour.substr(at, 2)), nullptr, 16);
  };
  return 0.2126 * channel(component(1)) + 0.7152 * channel(component(3)) +
         0.0722 * channel(component(5));
}

std::vector<colour_pair> all_pairs() {
  std::vector<colour_pair> pairs = {
      {"body text", page_text, page_background, 4.5},
      {"muted text", muted_text, page_background, 4.5},
      {"table header", page_text, header_background, 4.5},
      {"muted text on a table header", muted_text, header_background, 4.5},
      {"overdue and alerts", alert_text, page_background, 4.5},
      {"not assessed badge", not_assessed_tone.text, not_assessed_tone.background, 4.5},
      {"not assessed bar", not_assessed_tone.bar, page_background, 3.0},
  };
  for (const level_tone& t : tones) {
    pairs.push_back({"level badge", t.text, t.background, 4.5});
    pairs.push_back({"level bar", t.bar, page_background, 3.0});
    pairs.push_back({"count on a level bar", page_background, t.bar, 4.5});
  }
  for (const std::string_view s : series) {
    pairs.push_back({"officer series", s, page_background, 3.0});
    pairs.push_back({"count on an officer series", page_background, s, 4.5});
  }
  return pairs;
}

}  // namespace

std::span<const level_tone> level_tones() noexcept { return tones; }

std::size_t tone_index(std::size_t index, std::size_t count) noexcept {
  if (count <= 1) return 0;
  // Spread the levels over the five tones, rounding to the nearest, so that a three-level scheme
  // runs calm, moderate, severe and a five-level one uses every tone.
  const std::size_t at = (index * (tones.size() - 1) + (count - 1) / 2) / (count - 1);
  return std::min(at, tones.size() - 1);
}

const level_tone& tone_of(std::size_t index, std::size_t count) noexcept {
  return tones[tone_index(index, count)];
}

std::span<const std::string_view> series_colours() noexcept { return series; }

std::span<const colour_pair> palette_pairs() {
  static const std::vector<colour_pair> pairs = all_pairs();
  return pairs;
}

double contrast_ratio(std::string_view first, std::string_view second) {
  const double a = luminance(first);
  const double b = luminance(second);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

}  // namespace qaf::detail
