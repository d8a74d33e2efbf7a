// Reading a JSON record straight into the pack's fact slots (read_json_record_bound) gives what
// reading it in full and binding it gives, and leaves every record it is not sure of to the full
// reader, which says what is wrong.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "facts/bound_record.hpp"
#include "input_file.hpp"
#include "portfolio/portfolio_readers.hpp"
#include "rating_support.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::cached_pack;
using qaf::testing::source_dir;

// The text with the padding the readers need after it.
std::string padded(std::string text) {
  const std::size_t size = text.size();
  text.append(qaf::detail::input_padding, ' ');
  text.resize(size);
  return text;
}

struct bound_read {
  bool bound = false;
  qaf::provider record;
  qaf::detail::bound_record facts;
};

bound_read read_bound(const qaf::pack& rules, const std::string& text) {
  const std::string room = padded(text);
  bound_read out;
  out.bound = qaf::detail::read_json_record_bound(rules.data(), room.data(), text.size(),
                                                  out.record, out.facts);
  return out;
}

// The record read in full and bound, as pass 2 did before: the reference.
qaf::detail::bound_record read_in_full(const qaf::pack& rules, const std::string& text,
                                       qaf::provider& record,
                                       std::vector<qaf::diagnostic>& problems) {
  const std::string room = padded(text);
  qaf::detail::diagnostics_sink sink("record.json", problems);
  qaf::detail::json_record read =
      qaf::detail::read_json_record(rules.data(), room.data(), text.size(), "", sink);
  qaf::detail::bound_record facts;
  if (read.record) {
    record = std::move(*read.record);
    qaf::detail::bind_record(rules.data().table, record, facts, problems);
  }
  return facts;
}

// Slot by slot: the same state, and the same value (a string's text, not its place).
void expect_same_slots(const qaf::pack& rules, const qaf::detail::bound_record& bound,
                       const qaf::detail::bound_record& reference, const std::string& what) {
  const qaf::detail::fact_table& table = rules.data().table;
  ASSERT_EQ(bound.size(), reference.size()) << what;
  for (std::uint32_t slot = 0; slot < table.fact_slots(); ++slot) {
    const qaf::detail::slot& a = bound.at(slot);
    const qaf::detail::slot& b = reference.at(slot);
    const std::string name = what + " " + table.slot_name(slot);
    ASSERT_EQ(a.state, b.state) << name;
    if (!a.is_known()) continue;
    if (table.kind(table.fact_of_slot(slot)) == qaf::detail::fact_kind::string) {
      EXPECT_EQ(bound.text(a), reference.text(b)) << name;
    } else {
      EXPECT_EQ(a.bits, b.bits) << name;
    }
  }
}

TEST(RecordBinding, BindsEveryBundledExampleAsTheFullReaderDoes) {
  std::size_t bound_records = 0;
  for (const std::string pack_id :
       {"bolton-children-2024", "bolton-adults-2020", "devon-children-residential",
        "herefordshire-adults-2018", "coventry-children"}) {
    const qaf::pack& rules = cached_pack(pack_id);
    // Each record as text of its own (the examples name their pack, which the split leaves to
    // the full reader).
    const auto document = nlohmann::json::parse(
        qaf::testing::read_file(source_dir() / "examples" / (pack_id + ".json")));
    const nlohmann::json& records = document.at("providers");
    ASSERT_FALSE(records.empty()) << pack_id;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::string text = records[i].dump();
      const std::string what = pack_id + " record " + std::to_string(i);
      std::vector<qaf::diagnostic> problems;
      qaf::provider full;
      const qaf::detail::bound_record reference = read_in_full(rules, text, full, problems);
      ASSERT_TRUE(problems.empty()) << what << qaf::testing::describe(problems);
      const bound_read read = read_bound(rules, text);
      ASSERT_TRUE(read.bound) << what;
      ++bound_records;
      EXPECT_TRUE(read.record.facts.empty()) << what;
      EXPECT_EQ(read.record.id, full.id) << what;
      EXPECT_EQ(read.record.history.size(), full.history.size()) << what;
      EXPECT_EQ(read.record.events.size(), full.events.size()) << what;
      EXPECT_EQ(read.record.returns.size(), full.returns.size()) << what;
      EXPECT_EQ(read.record.overrides.size(), full.overrides.size()) << what;
      EXPECT_EQ(read.record.ratings.size(), full.ratings.size()) << what;
      expect_same_slots(rules, read.facts, reference, what);
    }
  }
  EXPECT_GT(bound_records, 20u);
}

// The record's "name" and facts.name fill one slot: whichever comes last, as in the full reader.
TEST(RecordBinding, TheLastOfNameAndFactsNameCounts) {
  const qaf::pack& rules = cached_pack("herefordshire-adults-2018");
  const std::pair<std::string, std::string> cases[] = {
      {R"({"id": "p1", "name": "A", "facts": {"name": "B"}})", "B"},
      {R"({"id": "p1", "facts": {"name": "B"}, "name": "A"})", "A"}};
  const auto name = rules.data().table.find_slot("name");
  ASSERT_TRUE(name.has_value());
  for (const auto& [text, last] : cases) {
    std::vector<qaf::diagnostic> problems;
    qaf::provider full;
    const qaf::detail::bound_record reference = read_in_full(rules, text, full, problems);
    ASSERT_TRUE(problems.empty()) << text << qaf::testing::describe(problems);
    const bound_read read = read_bound(rules, text);
    ASSERT_TRUE(read.bound) << text;
    expect_same_slots(rules, read.facts, reference, text);
    EXPECT_EQ(read.facts.text(read.facts.at(*name)), last) << text;
  }
}

// Records the bound reader leaves to the full one: each with a problem the full reader reports,
// or (the last three) good records written in a way only the full reader converts.
TEST(RecordBinding, LeavesEveryRecordItDoubtsToTheFullReader) {
  const qaf::pack& rules = cached_pack("herefordshire-adults-2018");
  const std::vector<std::string> reported = {
      R"({"facts": {"beds": 4}})",                         // no id
      R"({"id": "p1", "facts": {"bedz": 4}})",             // unknown fact
      R"({"id": "p1", "facts": {"beds": 4, "beds": 5}})",  // a fact twice
      R"({"id": "p1", "facts": {"key_question_ratings": {}, "key_question_ratings": {}}})",
      R"({"id": "p1", "facts": {"beds": "four"}})",                            // wrong kind
      R"({"id": "p1", "facts": {"beds": -1}})",                                // below the minimum
      R"({"id": "p1", "facts": {"beds": 18446744073709551615}})",              // too large
      R"({"id": "p1", "facts": {"beds": [4]}})",                               // a list
      R"({"id": "p1", "facts": {"beds": null}})",                              // null, not nullable
      R"({"id": "p1", "facts": {"regulator_rating": "goood"}})",               // not a value
      R"({"id": "p1", "facts": {"monitoring_start": "2024-02-30"}})",          // no such day
      R"({"id": "p1", "facts": {"key_question_ratings": {"saef": "good"}}})",  // no such key
      R"({"id": "p1", "facts": {"key_question_ratings": {"safe": 1}}})",       // not a value
      R"({"id": "p1", "facts": {"id": "p2"}})",                                // facts.id differs
      R"({"id": "p1", "facts": []})",                                       // facts not an object
      R"({"id": "p1", "name": 7})",                                         // a name not a string
      R"({"id": "p1", "facts": {}, "colour": "red"})",                      // unknown member
      R"({"id": "p1", "facts": {}} {})",                                    // text after the record
      R"({"id": "p1", "name": "A", "facts": {"name": "B", "name": "C"}})",  // facts.name twice
      R"({"id": "p1", "facts": {)",                                         // malformed
  };
  for (const std::string& text : reported) {
    EXPECT_FALSE(read_bound(rules, text).bound) << text;
    std::vector<qaf::diagnostic> problems;
    qaf::provider full;
    read_in_full(rules, text, full, problems);
    // Malformed text is read_json_record's fault rather than a diagnostic: read it again to see.
    const std::string room = padded(text);
    qaf::detail::diagnostics_sink sink("record.json", problems);
    const bool malformed =
        qaf::detail::read_json_record(rules.data(), room.data(), text.size(), "", sink).malformed;
    EXPECT_TRUE(malformed || !problems.empty()) << text;
  }
  // Good records only the full reader converts: pass 2 reads them the full way too.
  for (const std::string text :
       {R"({"id": "p1", "facts": {"beds": 4.0}})", R"({"id": "p1", "facts": {"id": "p1"}})"}) {
    EXPECT_FALSE(read_bound(rules, text).bound) << text;
    std::vector<qaf::diagnostic> problems;
    qaf::provider full;
    read_in_full(rules, text, full, problems);
    EXPECT_TRUE(problems.empty()) << text << qaf::testing::describe(problems);
  }
}

}  // namespace
