// Progress on stderr for long runs: "qaf assess: 41200 of 100000 providers". Shown only when
// stderr is a terminal and only once a run has taken more than a second, so that short runs,
// pipes, files and tests see nothing; each update rewrites one line, which is cleared at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace qaf::cli {

class progress {
 public:
  /// `shown` says whether to draw at all: pass stderr_is_terminal(). `total` is the number of
  /// steps; `what` names them ("providers").
  progress(std::ostream& err, bool shown, std::string command, std::size_t total, std::string what);
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  /// Clears the line, if one was drawn.
  ~progress();

  /// One more step done. Cheap: it reads the clock only every 64 steps.
  void step();

 private:
  void draw();

  std::ostream& err_;
  bool shown_;
  std::string command_;
  std::size_t total_;
  std::string what_;
  std::size_t done_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
};

/// Whether file descriptor 2 is a terminal.
bool stderr_is_terminal() noexcept;

}  // namespace qaf::cli
