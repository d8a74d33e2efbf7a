// qaf_generate_portfolio PACK COUNT json|jsonl|csv > FILE: writes a synthetic portfolio of COUNT
// providers for PACK (a bundled id or a path) with bench/portfolio_generator.hpp, so that
// bench/compare and anyone reproducing docs/performance.md read the very same records.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "portfolio_generator.hpp"
#include "qaf/pack.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: qaf_generate_portfolio PACK COUNT json|jsonl|csv > FILE\n";
    return 1;
  }
  const std::string_view format = argv[3];
  qaf::bench::portfolio_format chosen = qaf::bench::portfolio_format::json;
  if (format == "jsonl") {
    chosen = qaf::bench::portfolio_format::jsonl;
  } else if (format == "csv") {
    chosen = qaf::bench::portfolio_format::csv;
  } else if (format != "json") {
    std::cerr << "qaf_generate_portfolio: the format is json, jsonl or csv, not '" << format
              << "'\n";
    return 1;
  }
  char* end = nullptr;
  const unsigned long long count = std::strtoull(argv[2], &end, 10);
  if (end == argv[2] || *end != '\0') {
    std::cerr << "qaf_generate_portfolio: COUNT is a number, not '" << argv[2] << "'\n";
    return 1;
  }
  try {
    const qaf::pack rules = qaf::load_pack_or_throw(argv[1]);
    std::ios::sync_with_stdio(false);
    qaf::bench::portfolio_generator(rules).write(std::cout, static_cast<std::size_t>(count),
                                                 chosen);
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "qaf_generate_portfolio: " << e.what() << '\n';
    return 1;
  }
}
