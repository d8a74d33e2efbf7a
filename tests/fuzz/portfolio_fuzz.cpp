// libFuzzer: any bytes read as a CSV or a JSON portfolio against a pack that uses every section
// yield records or diagnostics, never a crash. The first byte chooses the format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace {

const qaf::pack& rules() {
  static const qaf::pack pack = qaf::load_pack_or_throw(QAF_FUZZ_PACK);
  return pack;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const qaf::portfolio_result read = (data[0] & 1) != 0
                                         ? qaf::parse_portfolio_csv(rules(), text, "fuzz.csv")
                                         : qaf::parse_portfolio_json(rules(), text, "fuzz.json");
  if (!read && read.diagnostics.empty()) __builtin_trap();
  if (read) {
    for (const qaf::provider& p : read.portfolio->providers) {
      if (!qaf::check_provider(rules(), p).empty()) __builtin_trap();  // readers check records
    }
  }
  return 0;
}
