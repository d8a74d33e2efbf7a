#include "input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace qaf::detail {
namespace {

// Closes the descriptor on every path out.
class file_descriptor {
 public:
  explicit file_descriptor(int fd) noexcept : fd_(fd) {}
  ~file_descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

std::string_view kind_of(mode_t mode) noexcept {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30) && bytes % (std::uint64_t{1} << 30) == 0) {
    return std::to_string(bytes >> 30) + " GiB";
  }
  return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace

std::optional<std::string> read_input_file(const input_file_request& request,
                                           std::vector<diagnostic>& out) {
  const std::string path(request.path);
  const auto report = [&](std::string code, std::string message) {
    out.push_back({std::move(code), path, "", std::move(message)});
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever.
  const file_descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return report(std::string(request.not_found_code), request.not_found_message);
    }
    return report("qaf.input.unreadable",
                  "cannot open the file for reading: " + std::string(std::strerror(errno)));
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return report("qaf.input.unreadable",
                  "cannot read the file: " + std::string(std::strerror(errno)));
  }
  if (!S_ISREG(status.st_mode)) {
    return report("qaf.input.not_a_file", "this is " + std::string(kind_of(status.st_mode)) +
                                              "; qaf reads only regular files");
  }
  const std::string too_large =
      "the file is larger than the limit of " + size_text(request.max_bytes);
  if (static_cast<std::uint64_t>(status.st_size) > request.max_bytes) {
    return report("qaf.input.too_large", too_large);
  }
  std::string text;
  // Room after the text for a parser's padding (simdjson reads 64 bytes past the end), so that
  // the text need not be copied again to be parsed.
  text.reserve(static_cast<std::size_t>(status.st_size) + input_padding);
  text.resize(static_cast<std::size_t>(status.st_size));
  std::size_t used = 0;
  // The size stat reports is a hint (files under /proc say 0, a file may grow while read): read
  // until end of file, but never past the limit. A file read to its stated size is checked for
  // more with a small read, not by doubling the buffer (which would touch twice the memory).
  for (;;) {
    if (used == text.size() && used != 0) {
      char probe[4096];
      const ssize_t more = ::read(file.get(), probe, sizeof probe);
      if (more < 0) {
        if (errno == EINTR) continue;
        return report("qaf.input.unreadable",
                      "cannot read the file: " + std::string(std::strerror(errno)));
      }
      if (more == 0) break;
      text.append(probe, static_cast<std::size_t>(more));
      used += static_cast<std::size_t>(more);
      if (used > request.max_bytes) return report("qaf.input.too_large", too_large);
    }
    if (used == text.size()) {
      if (used > request.max_bytes) return report("qaf.input.too_large", too_large);
      text.resize(static_cast<std::size_t>(std::min<std::uint64_t>(
          std::max<std::uint64_t>(std::uint64_t{used} * 2, 4096), request.max_bytes + 1)));
    }
    const ssize_t got = ::read(file.get(), text.data() + used, text.size() - used);
    if (got < 0) {
      if (errno == EINTR) continue;
      return report("qaf.input.unreadable",
                    "cannot read the file: " + std::string(std::strerror(errno)));
    }
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  if (used > request.max_bytes) return report("qaf.input.too_large", too_large);
  text.resize(used);
  return text;
}

std::string_view without_utf8_bom(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

}  // namespace qaf::detail
