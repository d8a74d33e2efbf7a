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
  write_members(fields, nullptr);
}

void result_stream::write_members(const nlohmann::ordered_json& fields, const spliced_list* list) {
  // Written once, so for a person: indented as the members of the document. Only the results,
  // a line each, are compact.
  for (const auto& [name, value] : fields.items()) {
    member_separator();
    out_ << compact_json(name) << ": ";
    const std::string text =
        value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    if (list != nullptr) {
      write_spliced(text, *list, true);
    } else {
      write_indented(text);
    }
  }
}

void result_stream::write_indented(std::string_view text) {
  // Indented once more, as a member of the document, in one pass: inserting at each line feed
  // moved the rest of the text each time, quadratic in a summary that grows with the portfolio.
  std::size_t from = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', from)) {
    out_.write(text.data() + from, static_cast<std::streamsize>(at + 1 - from));
    out_ << "  ";
    from = at + 1;
  }
  out_.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

void result_stream::write_spliced(std::string_view text, const spliced_list& list, bool pretty) {
  const auto write = [&](std::string_view part) {
    if (pretty) {
      write_indented(part);
    } else {
      out_.write(part.data(), static_cast<std::streamsize>(part.size()));
    }
  };
  // The member and its marker as the dump writes them. Quotes inside a string are escaped, so
  // this text can only be the member itself, whatever the names and titles around it say.
  const std::string marker = compact_json(std::string(list.marker));
  const std::string needle = compact_json(std::string(list.name)) + (pretty ? ": " : ":") + marker;
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) {
    write(text);
    return;
  }
  const std::size_t value = at + needle.size() - marker.size();
  write(text.substr(0, value));
  if (list.size == 0) {
    write("[]");
  } else if (!pretty) {
    for (std::size_t i = 0; i < list.size; ++i)
      out_ << (i == 0 ? "[" : ",") << compact_json(list.item(i));
    out_ << ']';
  } else {
    // nlohmann's layout: the items one level deeper than the member's line, the ']' level with it.
    const std::size_t line = text.rfind('\n', at);
    const std::size_t depth = at - (line == std::string_view::npos ? 0 : line + 1);
    // Built by appending: GCC 12 warns, falsely, of overlapping copies in "\n" + text.
    const std::string inner = std::string(1, '\n').append(depth + 2, ' ');
    write("[");
    for (std::size_t i = 0; i < list.size; ++i) {
      if (i != 0) write(",");
      write(inner);
      const std::string item =
          list.item(i).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      std::size_t from = 0;
      for (std::size_t nl = item.find('\n'); nl != std::string::npos; nl = item.find('\n', from)) {
        write(std::string_view(item).substr(from, nl - from));
        write(inner);
        from = nl + 1;
      }
      write(std::string_view(item).substr(from));
    }
    write(std::string(1, '\n').append(depth, ' ').append(1, ']'));
  }
  write(text.substr(value + marker.size()));
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

void result_stream::trailer(const nlohmann::ordered_json& fields, const spliced_list& list) {
  if (format_ == stream_format::jsonl) {
    if (fields.empty()) return;
    write_spliced(compact_json(fields), list, false);
    out_ << '\n';
    return;
  }
  write_members(fields, &list);
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
