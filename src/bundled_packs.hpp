// The rule packs compiled into the library (packs/*.json, embedded by cmake/embed_packs.cmake).
#pragma once

#include <span>
#include <string_view>

namespace qaf::detail {

struct bundled_pack {
  std::string_view id;    // the file name without ".json"
  std::string_view json;  // the file's text, byte for byte
};

/// Every bundled pack, in file-name order.
std::span<const bundled_pack> bundled_packs() noexcept;

}  // namespace qaf::detail
