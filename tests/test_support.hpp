// Helpers shared by the test files: reading tests/data and running the built CLI.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "qaf/diagnostic.hpp"
#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::testing {

inline std::filesystem::path data_dir() { return QAF_TEST_DATA_DIR; }
inline std::filesystem::path source_dir() { return QAF_SOURCE_DIR; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// tests/data/packs/complete.json: a small pack that uses every member of the format, loaded once.
inline const qaf::pack& complete_pack() {
  static const qaf::pack pack =
      qaf::load_pack_or_throw((data_dir() / "packs/complete.json").string());
  return pack;
}

/// Diagnostics one a line, code first, for a failing assertion's message.
inline std::string describe(const std::vector<qaf::diagnostic>& diagnostics) {
  std::string text;
  for (const qaf::diagnostic& d : diagnostics) text += "  " + d.code + " " + d.to_string() + '\n';
  return text;
}

/// A provider record with these facts and nothing else.
inline qaf::provider record_with(const char* id,
                                 std::map<std::string, qaf::fact_value, std::less<>> facts) {
  qaf::provider p;
  p.id = id;
  p.facts = std::move(facts);
  return p;
}

struct cli_result {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs the built `qaf` with `arguments` (already shell-quoted), capturing stdout and stderr.
inline cli_result run_cli(const std::string& arguments) {
  static int counter = 0;
  const auto scratch = std::filesystem::temp_directory_path() /
                       ("qaf-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::create_directories(scratch);
  const std::string command = std::string("'") + QAF_CLI_PATH + "' " + arguments + " >'" +
                              (scratch / "out").string() + "' 2>'" + (scratch / "err").string() +
                              "'";
  const int raw = std::system(command.c_str());
  cli_result result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_file(scratch / "out");
  result.err = read_file(scratch / "err");
  std::filesystem::remove_all(scratch);
  return result;
}

}  // namespace qaf::testing
