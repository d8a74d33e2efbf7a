// Reading a pack or portfolio file named by the user: only a regular file, and only up to a
// size limit, read with that bound rather than slurped, so that `--pack /dev/zero`, a FIFO with
// no writer or a directory give a clear diagnostic instead of a hang or exhausted memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/diagnostic.hpp"

namespace qaf::detail {

/// Packs are hand-written rules: the bundled ones are under 200 KiB.
inline constexpr std::uint64_t max_pack_bytes = std::uint64_t{16} << 20;  // 16 MiB
/// Portfolios hold a council's whole provider list; 2 GiB is far beyond any real one.
inline constexpr std::uint64_t max_portfolio_bytes = std::uint64_t{2} << 30;  // 2 GiB

/// Bytes read_input_file reserves after the text, for a parser's padding (SIMDJSON_PADDING).
inline constexpr std::size_t input_padding = 64;

struct input_file_request {
  std::string_view path;
  std::uint64_t max_bytes;
  /// Reported when the file cannot be opened ("qaf.pack.not_found"), with this message.
  std::string_view not_found_code;
  std::string not_found_message;
};

/// The whole content of the regular file at `request.path`, or nullopt after reporting
/// `not_found_code`, qaf.input.not_a_file (a directory, a device, a FIFO, a socket),
/// qaf.input.too_large or qaf.input.unreadable into `out`.
std::optional<std::string> read_input_file(const input_file_request& request,
                                           std::vector<diagnostic>& out);

/// `text` without a leading UTF-8 byte order mark: packs and portfolios alike accept one, as
/// editors on Windows write it.
std::string_view without_utf8_bom(std::string_view text) noexcept;

}  // namespace qaf::detail
