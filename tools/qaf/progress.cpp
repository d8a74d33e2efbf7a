#include "progress.hpp"

#include <unistd.h>

#include <utility>

namespace qaf::cli {
namespace {

using namespace std::chrono_literals;
constexpr auto quiet_for = 1s;        // runs shorter than this never show progress
constexpr auto redraw_every = 200ms;  // at most five updates a second

}  // namespace

bool stderr_is_terminal() noexcept { return isatty(STDERR_FILENO) == 1; }

progress::progress(std::ostream& err, bool shown, std::string command, std::size_t total,
                   std::string what)
    : err_(err),
      shown_(shown),
      command_(std::move(command)),
      total_(total),
      what_(std::move(what)),
      started_(std::chrono::steady_clock::now()),
      last_drawn_(started_) {}

progress::~progress() {
  if (drawn_) err_ << "\r\x1b[K" << std::flush;  // erase the line: the result follows clean
}

void progress::step() {
  ++done_;
  if (!shown_ || (done_ % 64 != 0 && done_ != total_)) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - started_ < quiet_for || now - last_drawn_ < redraw_every) return;
  last_drawn_ = now;
  draw();
}

void progress::draw() {
  err_ << "\rqaf " << command_ << ": " << done_ << " of " << total_ << ' ' << what_ << std::flush;
  drawn_ = true;
}

}  // namespace qaf::cli
