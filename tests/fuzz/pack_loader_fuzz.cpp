// libFuzzer: any bytes given to the pack loader yield a pack or diagnostics, never a crash or an
// exception; every diagnostic has a code and a message, prints without control characters
// (a condition's message alone keeps line feeds), and no code is reported more than the cap.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "diagnostic_limits.hpp"
#include "qaf/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const qaf::pack_result loaded = qaf::parse_pack(text, "fuzz.json");
  if (!loaded && loaded.diagnostics.empty()) __builtin_trap();
  std::map<std::string, std::size_t> per_code;
  for (const qaf::diagnostic& d : loaded.diagnostics) {
    if (d.code.empty() || d.message.empty()) __builtin_trap();
    if (d.code != "qaf.input.omitted" &&
        ++per_code[d.code] > qaf::detail::max_diagnostics_per_code) {
      __builtin_trap();
    }
    for (const char c : d.to_string()) {
      const auto byte = static_cast<unsigned char>(c);
      if ((byte < 0x20 && c != '\n') || byte == 0x7f) __builtin_trap();
    }
  }
  return 0;
}
