// Helpers shared by the test files: reading tests/data and running the built CLI.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace qaf::testing {

inline std::filesystem::path data_dir() { return QAF_TEST_DATA_DIR; }
inline std::filesystem::path source_dir() { return QAF_SOURCE_DIR; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
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
