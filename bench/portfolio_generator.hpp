// A deterministic generator of synthetic portfolios for any pack, shared by the benchmarks and
// by bench/compare (through bench/generate_portfolio.cpp), so that every measurement reads the
// same records. Record i depends only on (pack, i): chunks can be generated in any order.
//
// Each record carries every fact the pack declares (the core vocabulary and the pack's own),
// drawn so that most providers are unremarkable and some are not: an enumeration takes its
// first value three times in four, a boolean is true one time in seven, a count is 0 three times
// in four; one record in ten leaves one or two facts out (unknown evidence). Two history
// records in the two years before 2024-06-30 name the pack's activities.
#pragma once

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/pack.hpp"

namespace qaf::bench {

/// splitmix64: a small, fast, well-mixed generator whose whole state is one number.
class random_stream {
 public:
  explicit random_stream(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// 0 to n-1.
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool one_in(std::size_t n) { return below(n) == 0; }

 private:
  std::uint64_t state_;
};

enum class portfolio_format { json, jsonl, csv };

class portfolio_generator {
 public:
  explicit portfolio_generator(const qaf::pack& rules) : pack_(rules) {
    for (const fact_declaration& f : rules.facts()) {
      if (f.name == "id") continue;
      facts_.push_back(&f);
    }
  }

  /// The as_of date the generated histories lead up to.
  static qaf::date as_of() { return qaf::date::parse("2024-06-30"); }

  /// Record `index` as one line of JSON (no newline).
  std::string record_json(std::size_t index) const {
    random_stream random(0x5EED0000ULL + index);
    const std::size_t left_out_a = random.one_in(10) ? random.below(facts_.size()) : facts_.size();
    const std::size_t left_out_b = left_out_a < facts_.size() && random.one_in(2)
                                       ? random.below(facts_.size())
                                       : facts_.size();
    std::string out = "{\"id\":\"p" + std::to_string(index) + "\",\"facts\":{";
    bool first = true;
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      const std::string value = fact_json(*facts_[i], random, index);
      if (i == left_out_a || i == left_out_b) continue;
      out += first ? "\"" : ",\"";
      first = false;
      out += facts_[i]->name + "\":" + value;
    }
    out += "},\"history\":[";
    const std::span<const activity> activities = pack_.activities();
    for (int h = 0; h < 2 && !activities.empty(); ++h) {
      const activity& a = activities[random.below(activities.size())];
      const qaf::date on = qaf::add_days(as_of(), -static_cast<int>(1 + random.below(730)));
      out += (h == 0 ? "" : ",");
      out += "{\"activity\":\"" + a.code + "\",\"date\":\"" + on.to_string() + "\"}";
    }
    out += "]}";
    return out;
  }

  /// A CSV header row: id, every scalar fact, each key of an object fact, last_<ACTIVITY>.
  std::string csv_header() const {
    std::string out = "id";
    for (const fact_declaration* f : facts_) {
      if (f->type == "object") {
        for (const std::string& key : f->keys) out += "," + f->name + "." + key;
      } else {
        out += "," + f->name;
      }
    }
    return out + "\r\n";
  }

  /// Record `index` as a CSV row, drawn the same way as record_json (not the same draws);
  /// history is left out.
  std::string record_csv(std::size_t index) const {
    random_stream random(0x5EED0000ULL + index);
    const std::size_t left_out_a = random.one_in(10) ? random.below(facts_.size()) : facts_.size();
    const std::size_t left_out_b = left_out_a < facts_.size() && random.one_in(2)
                                       ? random.below(facts_.size())
                                       : facts_.size();
    std::string out = std::to_string(index).insert(0, 1, 'p');
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      const fact_declaration& f = *facts_[i];
      random_stream copy = random;
      const std::string value = fact_json(f, random, index);
      const bool left_out = i == left_out_a || i == left_out_b;
      if (f.type == "object") {
        for (const std::string& key : f.keys) {
          out += ",";
          if (!left_out) out += object_value(f, copy, key);
        }
        continue;
      }
      out += ",";
      if (left_out || value == "null") continue;
      out += value.front() == '"' ? value.substr(1, value.size() - 2) : value;
    }
    return out + "\r\n";
  }

  /// `count` records in `format` to `out`.
  void write(std::ostream& out, std::size_t count, portfolio_format format) const {
    if (format == portfolio_format::csv) {
      out << csv_header();
      for (std::size_t i = 0; i < count; ++i) out << record_csv(i);
      return;
    }
    if (format == portfolio_format::json) out << "{\"providers\": [\n";
    for (std::size_t i = 0; i < count; ++i) {
      out << record_json(i);
      if (format == portfolio_format::json && i + 1 < count) out << ',';
      out << '\n';
    }
    if (format == portfolio_format::json) out << "]}\n";
  }

 private:
  // Appends rather than "\"" + text: GCC 12 warns, falsely, of overlapping copies (-Wrestrict).
  static std::string quoted(std::string_view text) {
    std::string out(1, '"');
    return out.append(text).append(1, '"');
  }

  // An object fact's value for one key, drawn like an enumeration.
  static std::string object_value(const fact_declaration& f, random_stream& random,
                                  const std::string&) {
    if (f.values.empty()) return {};
    return random.below(4) != 0 ? f.values[std::min<std::size_t>(1, f.values.size() - 1)]
                                : f.values[random.below(f.values.size())];
  }

  std::string fact_json(const fact_declaration& f, random_stream& random, std::size_t index) const {
    if (f.name == "name") return quoted("Provider " + std::to_string(index));
    if (f.name == "officer") return quoted("officer " + std::to_string(index % 40));
    if (f.type == "boolean") return random.one_in(7) ? "true" : "false";
    if (f.type == "integer") return std::to_string(random.below(4) != 0 ? 0 : 1 + random.below(3));
    if (f.type == "number") return std::to_string(random.below(100));
    if (f.type == "string") return quoted("text " + std::to_string(random.below(1000)));
    if (f.type == "date") {
      if (f.name == "monitoring_start") {
        return quoted(
            qaf::add_days(qaf::date::parse("2016-01-04"), static_cast<int>(random.below(2900)))
                .to_string());
      }
      if (f.nullable && !random.one_in(12)) return "null";
      return quoted(qaf::add_days(as_of(), -static_cast<int>(1 + random.below(400))).to_string());
    }
    if (f.type == "enum") {
      if (f.values.empty()) return "null";
      return quoted(random.below(4) != 0 ? f.values.front()
                                         : f.values[random.below(f.values.size())]);
    }
    if (f.type == "object") {
      std::string out = "{";
      for (const std::string& key : f.keys) {
        out +=
            (out.size() == 1 ? "\"" : ",\"") + key + "\":" + quoted(object_value(f, random, key));
      }
      return out + "}";
    }
    return "null";
  }

  const qaf::pack& pack_;
  std::vector<const fact_declaration*> facts_;
};

}  // namespace qaf::bench
