#include "render/result_stream.hpp"

#include <stdexcept>
#include <vector>

namespace qaf::detail {

std::string compact_json(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void append_compact(std::string& out, const nlohmann::ordered_json& value) {
  out += compact_json(value);
}

void result_stream::member_separator() {
  out_ << (first_member_ ? "{\n  " : ",\n  ");
  first_member_ = false;
}

void result_stream::header(const nlohmann::ordered_json& fields) {
  if (format_ == stream_format::jsonl) {
    out_ << compact_json(fields) << '\n';
    return;
  }
  // Written once, so for a person: indented as the members of the document. Only the results,
  // a line each, are compact.
  for (const auto& [name, value] : fields.items()) {
    member_separator();
    const std::string text =
        value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    // Indented once more, as a member of the document, in one pass: inserting at each line feed
    // moved the rest of the text each time, quadratic in a summary that grows with the portfolio.
    out_ << compact_json(name) << ": ";
    std::size_t from = 0;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', from)) {
      out_.write(text.data() + from, static_cast<std::streamsize>(at + 1 - from));
      out_ << "  ";
      from = at + 1;
    }
    out_.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
  }
}

void result_stream::begin_list(std::string_view name) {
  member_separator();
  out_ << compact_json(std::string(name)) << ": [";
  list_empty_ = true;
}

void result_stream::list_chunk(std::string_view rendered, bool continuation) {
  if (rendered.empty()) return;
  if (!continuation) out_ << (list_empty_ ? "\n    " : json_separator);
  out_.write(rendered.data(), static_cast<std::streamsize>(rendered.size()));
  list_empty_ = false;
}

void result_stream::end_list() { out_ << (list_empty_ ? "]" : "\n  ]"); }

void result_stream::lines(std::string_view rendered) {
  out_.write(rendered.data(), static_cast<std::streamsize>(rendered.size()));
}

void result_stream::trailer(const nlohmann::ordered_json& fields) {
  if (format_ == stream_format::jsonl) {
    if (!fields.empty()) out_ << compact_json(fields) << '\n';
    return;
  }
  header(fields);
}

void result_stream::end() {
  if (format_ == stream_format::json) out_ << (first_member_ ? "{}\n" : "\n}\n");
}

spool::spool() : file_(std::tmpfile()) {
  if (file_ == nullptr) throw output_error("cannot create a temporary file for the results");
}

spool::~spool() {
  if (file_ != nullptr) std::fclose(file_);
}

void spool::append(std::string_view chunk) {
  if (chunk.empty()) return;
  const bool failed = (bytes_ != 0 && std::fwrite(result_stream::json_separator.data(), 1,
                                                  result_stream::json_separator.size(),
                                                  file_) != result_stream::json_separator.size()) ||
                      std::fwrite(chunk.data(), 1, chunk.size(), file_) != chunk.size();
  if (failed) throw output_error("cannot write the results to a temporary file");
  bytes_ += chunk.size();
}

void spool::copy_to(result_stream& stream) {
  if (bytes_ == 0) return;
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    throw output_error("cannot read back the temporary file of results");
  }
  std::vector<char> buffer(1 << 20);
  bool first = true;
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file_);
    if (got == 0) break;
    stream.list_chunk(std::string_view(buffer.data(), got), !first);
    first = false;
  }
  if (std::ferror(file_) != 0) throw output_error("cannot read the temporary file of results");
}

}  // namespace qaf::detail
