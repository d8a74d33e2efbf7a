// libFuzzer: any bytes given to the pack loader yield a pack or diagnostics, never a crash, and
// every diagnostic has a code and a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qaf/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const qaf::pack_result loaded = qaf::parse_pack(text, "fuzz.json");
  if (!loaded && loaded.diagnostics.empty()) __builtin_trap();
  for (const qaf::diagnostic& d : loaded.diagnostics) {
    if (d.code.empty() || d.message.empty()) __builtin_trap();
  }
  return 0;
}
