#include "portfolio/record_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "diagnostic_limits.hpp"
#include "input_file.hpp"
#include "pack/json_reader.hpp"
#include "portfolio/csv_portfolio.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "portfolio/record_check.hpp"
#include "portfolio/text_encoding.hpp"
#include "schedule/fact_timeline.hpp"

namespace qaf::detail {

bool is_json_lines(std::string_view path) {
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

namespace {

// The text with room for the parser's padding after it, read past by simdjson but never used.
void pad(std::string& text) {
  const std::size_t size = text.size();
  text.append(input_padding, ' ');
  text.resize(size);
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Whether a record dates a change of its facts: check_changes then compares the changes with the
// record's facts by name, which only the full reader keeps.
bool dates_changes(const provider& record) {
  return std::any_of(record.events.begin(), record.events.end(), [](const event& e) {
    return e.type == "facts_changed" || e.type == "regulator_rating_changed";
  });
}

}  // namespace

record_source::record_source(const pack& rules, std::string path, kind k, std::optional<date> as_of)
    : pack_(rules), path_(std::move(path)), kind_(k), as_of_(as_of) {}

std::unique_ptr<record_source> record_source::checked_loaded(std::unique_ptr<record_source> source,
                                                             std::vector<diagnostic>& problems) {
  if (!source->as_of_) return source;
  for (std::size_t i = 0; i < source->loaded_.size(); ++i) {
    for (diagnostic d : check_changes(source->loaded_[i], *source->as_of_)) {
      d.file = source->path_;
      d.pointer = "/providers/" + std::to_string(i) + d.pointer;
      problems.push_back(std::move(d));
    }
  }
  if (!problems.empty()) return nullptr;
  return source;
}

record_source::~record_source() {
  if (file_ != nullptr) std::fclose(file_);
  std::free(line_buffer_);
}

std::unique_ptr<record_source> record_source::open(const pack& rules, const std::string& path,
                                                   std::vector<diagnostic>& problems,
                                                   std::optional<date> as_of) {
  if (path.ends_with(".csv")) {
    std::optional<std::string> text = read_input_file(
        {path, max_portfolio_bytes, "qaf.portfolio.not_found", "no file has this path"}, problems);
    if (!text) return nullptr;
    std::unique_ptr<record_source> source(new record_source(rules, path, kind::csv, as_of));
    source->text_ = std::move(*text);
    try {
      source->csv_ = csv_portfolio::open(source->pack_.data(), source->text_);
    } catch (const std::exception&) {
      source->csv_ = nullptr;  // the full check below says what went wrong
    }
    if (!source->csv_) {
      // Not UTF-8, or no good header: the full check says why, as read_portfolio does.
      problems = check_csv_portfolio(source->pack_.data(), source->text_, path, as_of);
      if (problems.empty()) {
        problems.push_back(internal_error(path, "a CSV header read two ways"));
      }
      return nullptr;
    }
    source->position_ = source->csv_->body_start();
    return source;
  }
  if (is_json_lines(path)) {
    // Only a regular file: a second pass reads it again, and a FIFO would hang (input_file.hpp).
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) {
        problems.push_back({"qaf.portfolio.not_found", path, "", "no file has this path"});
      } else {
        problems.push_back(
            {"qaf.input.unreadable", path, "",
             "cannot open the file for reading: " + std::string(std::strerror(errno))});
      }
      return nullptr;
    }
    if (!S_ISREG(status.st_mode)) {
      problems.push_back({"qaf.input.not_a_file", path, "",
                          "this is not a regular file; qaf reads only regular files"});
      return nullptr;
    }
    std::unique_ptr<record_source> source(new record_source(rules, path, kind::lines, as_of));
    source->file_ = std::fopen(path.c_str(), "rb");
    if (source->file_ == nullptr) {
      problems.push_back(
          {"qaf.input.unreadable", path, "",
           "cannot open the file for reading: " + std::string(std::strerror(errno))});
      return nullptr;
    }
    return source;
  }
  std::optional<std::string> text = read_input_file(
      {path, max_portfolio_bytes, "qaf.portfolio.not_found", "no file has this path"}, problems);
  if (!text) return nullptr;
  if (text->capacity() - text->size() < input_padding) pad(*text);
  std::unique_ptr<record_source> source(new record_source(rules, path, kind::document, as_of));
  source->text_ = std::move(*text);
  const std::string_view body = without_utf8_bom(source->text_);
  const std::size_t skipped = source->text_.size() - body.size();
  std::optional<std::vector<std::string_view>> split =
      first_invalid_utf8(body) ? std::nullopt
                               : split_json_records(source->text_.data() + skipped, body.size());
  if (!split) {
    // Not a well-formed portfolio around its records: the full reader says why, or (should it
    // accept what the split did not) reads the records itself.
    portfolio_result read = parse_portfolio_json(rules, source->text_, path);
    if (!read) {
      problems = std::move(read.diagnostics);
      return nullptr;
    }
    source->kind_ = kind::loaded;
    source->loaded_ = std::move(read.portfolio->providers);
    source->text_ = std::string();
    return checked_loaded(std::move(source), problems);
  }
  source->records_ = std::move(*split);
  return source;
}

bool record_source::next(record_chunk& chunk, std::size_t count) {
  chunk.text.clear();
  chunk.records.clear();
  chunk.positions.clear();
  chunk.loaded.clear();
  chunk.rows = {};
  chunk.row_count = 0;
  switch (kind_) {
    case kind::csv: {
      std::size_t rows = 0;
      const std::size_t end = csv_->rows_end(position_, count, rows);
      chunk.rows = csv_->rows(position_, end);
      chunk.first_row = csv_row_ + 1;
      chunk.row_count = rows;
      position_ = end;
      csv_row_ += rows;
      break;
    }
    case kind::loaded:
      while (position_ < loaded_.size() && chunk.loaded.size() < count) {
        chunk.loaded.push_back(std::move(loaded_[position_++]));
      }
      break;
    case kind::document:
      while (position_ < records_.size() && chunk.records.size() < count) {
        chunk.positions.push_back(position_);
        chunk.records.push_back(records_[position_++]);
      }
      break;
    case kind::lines: {
      // Lines are copied into the chunk first, then viewed: the text may move while it grows.
      std::vector<std::pair<std::size_t, std::size_t>> spans;
      while (spans.size() < count) {
        const ssize_t got = ::getline(&line_buffer_, &line_capacity_, file_);
        if (got < 0) break;
        ++line_;
        std::string_view line(line_buffer_, static_cast<std::size_t>(got));
        if (line_ == 1) line = without_utf8_bom(line);
        if (blank(line)) continue;
        spans.emplace_back(chunk.text.size(), line.size());
        chunk.positions.push_back(line_);
        chunk.text.append(line);
        // Each line is followed by padding of its own, so a parser never reads the next line.
        chunk.text.append(input_padding, ' ');
      }
      for (const auto& [at, size] : spans) chunk.records.emplace_back(chunk.text.data() + at, size);
      break;
    }
  }
  return chunk.size() > 0;
}

void record_source::rewind() {
  position_ = csv_ ? csv_->body_start() : 0;
  csv_row_ = 1;
  line_ = 0;
  if (file_ != nullptr) std::rewind(file_);
}

chunk_check record_source::check(const record_chunk& chunk) const {
  chunk_check out;
  diagnostics_sink sink(path_, out.problems);
  if (kind_ == kind::csv) {
    csv_->check(chunk.rows, chunk.first_row, as_of_, sink, out.ids);
    return out;
  }
  bound_record bound;  // the facts of the record being checked, its storage reused
  for (std::size_t i = 0; i < chunk.records.size(); ++i) {
    const std::string_view text = chunk.records[i];
    const std::string pointer = kind_ == kind::lines
                                    ? std::to_string(chunk.positions[i]) + ":"
                                    : "/providers/" + std::to_string(chunk.positions[i]);
    // "line:column" in the file, from "1:column" in the line.
    const auto in_file = [&](std::size_t byte) {
      const std::string at = line_and_column(text, byte);
      return std::to_string(chunk.positions[i]) + at.substr(at.find(':'));
    };
    if (kind_ == kind::lines) {
      if (const auto bad = first_invalid_utf8(text)) {
        sink.error("qaf.portfolio.encoding", in_file(*bad),
                   "the text is not valid UTF-8 here; save the file as UTF-8");
        continue;
      }
    }
    // A good record is read straight into the fact slots, its facts checked as they are bound,
    // then the rest of it checked as check_record would; any other is read the full way below,
    // which reports exactly what is wrong.
    provider record;
    if (read_json_record_bound(pack_.data(), text.data(), text.size(), record, bound) &&
        !(as_of_ && dates_changes(record))) {
      const std::size_t problems_before = out.problems.size();
      check_record_parts(
          pack_.data(), record,
          [&](std::string_view relative) { return pointer + std::string(relative); }, sink);
      // As below: a record with a problem is not read, so its id is not counted as used.
      if (out.problems.size() == problems_before)
        out.ids.emplace_back(std::move(record.id), pointer + "/id");
      continue;
    }
    const std::size_t problems_before = out.problems.size();
    json_record read = read_json_record(pack_.data(), text.data(), text.size(), pointer, sink);
    if (read.malformed) {
      sink.error("qaf.json.syntax", kind_ == kind::lines ? in_file(read.fault.byte) : pointer,
                 "malformed JSON: " + read.fault.reason);
      continue;
    }
    if (!read.record) continue;
    out.ids.emplace_back(read.record->id, pointer + "/id");
    if (as_of_ && out.problems.size() == problems_before) {
      for (diagnostic d : check_changes(*read.record, *as_of_)) {
        d.file = path_;
        d.pointer = pointer + d.pointer;
        out.problems.push_back(std::move(d));
      }
    }
  }
  return out;
}

std::vector<provider> record_source::read(record_chunk& chunk) const {
  if (kind_ == kind::csv) return csv_->read(chunk.rows);
  std::vector<provider> out = std::move(chunk.loaded);
  out.reserve(chunk.records.size());
  std::vector<diagnostic> ignored;
  diagnostics_sink sink(path_, ignored);
  for (std::size_t i = 0; i < chunk.records.size(); ++i) {
    json_record read = read_json_record(pack_.data(), chunk.records[i].data(),
                                        chunk.records[i].size(), "", sink, /*check=*/false);
    if (!read.record) throw std::logic_error("a record that passed its check could not be read");
    out.push_back(std::move(*read.record));
  }
  return out;
}

std::vector<checked_record> record_source::read_bound(record_chunk& chunk) const {
  std::vector<checked_record> out;
  out.reserve(chunk.size());
  std::vector<diagnostic> ignored;  // pass 1 found nothing, so binding finds nothing either
  if (kind_ == kind::csv) {
    for (provider& p : csv_->read(chunk.rows)) {
      checked_record& r = out.emplace_back();
      bind_record(pack_.data().table, p, r.facts, ignored);
      r.record = std::move(p);
    }
    return out;
  }
  for (provider& p : chunk.loaded) {
    checked_record& r = out.emplace_back();
    bind_record(pack_.data().table, p, r.facts, ignored);
    r.record = std::move(p);
  }
  chunk.loaded.clear();
  diagnostics_sink sink(path_, ignored);
  for (std::size_t i = 0; i < chunk.records.size(); ++i) {
    const std::string_view text = chunk.records[i];
    checked_record& r = out.emplace_back();
    if (read_json_record_bound(pack_.data(), text.data(), text.size(), r.record, r.facts)) continue;
    // A record written unusually (4.0 for an integer, say): read in full, then bound.
    json_record read =
        read_json_record(pack_.data(), text.data(), text.size(), "", sink, /*check=*/false);
    if (!read.record) throw std::logic_error("a record that passed its check could not be read");
    r.record = std::move(*read.record);
    bind_record(pack_.data().table, r.record, r.facts, ignored);
  }
  return out;
}

std::vector<diagnostic> record_source::explain(std::vector<diagnostic> found) const {
  if (kind_ == kind::document) {
    portfolio_result read = parse_portfolio_json(pack_, text_, path_);
    if (!read.diagnostics.empty()) return std::move(read.diagnostics);
  }
  if (kind_ == kind::csv) {
    std::vector<diagnostic> exact = check_csv_portfolio(pack_.data(), text_, path_, as_of_);
    if (!exact.empty()) return exact;
  }
  cap_diagnostics(found);
  return found;
}

void id_register::add(const chunk_check& checked, std::vector<diagnostic>& problems,
                      const std::string& file) {
  for (const auto& [id, where] : checked.ids) {
    if (id.empty()) continue;
    const auto [it, inserted] = first_.emplace(id, where);
    if (!inserted) {
      problems.push_back({"qaf.portfolio.duplicate_id", file, where,
                          "provider id '" + id + "' is already used at " + it->second});
    }
  }
}

}  // namespace qaf::detail
