// Links against the installed qaf and checks that the public API answers.
#include <qaf/qaf.hpp>

#include <cstring>
#include <iostream>

int main() {
  if (std::strcmp(qaf::version(), QAF_VERSION_STRING) != 0) {
    std::cerr << "version mismatch: library " << qaf::version() << ", header " << QAF_VERSION_STRING
              << '\n';
    return 1;
  }
  // 2024-12-24 is a Tuesday; Christmas Day and Boxing Day are bank holidays.
  const qaf::date due = qaf::add_working_days(qaf::date::parse("2024-12-24"), 1);
  if (due.to_string() != "2024-12-27") {
    std::cerr << "expected 2024-12-27, got " << due.to_string() << '\n';
    return 1;
  }
  std::cout << "qaf " << qaf::version() << " ok\n";
  return 0;
}
