// Rule packs: a council's quality assurance framework as data, loaded once and checked before it
// runs. A pack is addressed by the id of a bundled pack or by the path of a pack JSON file.
//
//   qaf::pack_result loaded = qaf::load_pack("bolton-children-2024");
//   if (!loaded) {
//     for (const qaf::diagnostic& d : loaded.diagnostics) std::cerr << d << '\n';
//     return 1;
//   }
//   const qaf::pack& pack = *loaded.pack;
//   std::cout << pack.info().title << " v" << pack.info().version << '\n';
//   for (const qaf::activity& a : pack.activities()) std::cout << a.code << ' ' << a.title << '\n';
//
// Loading reports every mistake, not only the first, each as a diagnostic with a stable code
// (docs/errors.md) and the JSON Pointer of the offending value. The format is described in
// docs/pack-format.md and schemas/pack.schema.json.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"

namespace qaf {

namespace detail {
struct pack_data;
}  // namespace detail

/// Where a rule comes from: a document the pack lists in `sources`, and the section.
struct source_ref {
  std::string document;
  std::string section;
  std::string quote;  // optional verbatim words from the source; empty when not given
};

/// A document a pack was written from.
struct source_document {
  std::string id;
  std::string title;
  std::string publisher;
  std::string date;  // as precise as the document says: YYYY, YYYY-MM or YYYY-MM-DD
  std::string file;
};

struct pack_info {
  std::string id;
  std::string title;
  std::string council;
  std::string version;
  std::string description;
  date effective_from;
  std::optional<date> effective_to;  // none: in force until replaced
  std::vector<source_document> sources;
  /// The version this pack replaces, as the pack names it: a bundled pack id or a path (relative
  /// to this pack's file). Empty for a first version. See pack::version_in_force.
  std::string previous;
};

enum class activity_kind { visit, data_return, survey, meeting, decision, self_assessment, review };

/// The name the pack format and results use: "visit", "return", "self_assessment", ...
std::string_view to_string(activity_kind kind) noexcept;

struct activity {
  std::string code;  // unique in the pack: "QMC-1"
  std::string title;
  activity_kind kind = activity_kind::visit;
  bool on_site = false;  // a physical visit, which counts towards minimum visits
  source_ref source;
  /// The outcomes a completion may record ("good", "requires_improvement", "poor"), a closed
  /// set; empty when the activity records none. Conditions read the latest with outcome('CODE').
  std::vector<std::string> outcomes = {};
};

struct service_type {
  std::string id;  // lower snake case: "childrens_home"
  std::string title;
  source_ref source;
};

/// A fact a provider record may carry: the core vocabulary and the pack's own declarations.
struct fact_declaration {
  std::string name;
  std::string type;                 // boolean, integer, number, string, date, enum, object
  std::vector<std::string> values;  // enum and object facts: the allowed values
  std::vector<std::string> keys;    // object facts: the allowed keys
  bool nullable = false;
  bool core = false;  // part of the shared vocabulary rather than declared by the pack
  std::string description;
};

/// A loaded, checked and compiled rule pack.
///
/// Immutable once loaded. Copies share the same compiled state, so a pack is cheap to pass by
/// value, and every const member may be called from many threads at once.
class pack {
 public:
  const pack_info& info() const noexcept;
  std::span<const activity> activities() const noexcept;
  /// The activity with this code, or nullptr.
  const activity* find_activity(std::string_view code) const noexcept;
  std::span<const service_type> service_types() const noexcept;
  /// Every fact a record may carry under this pack: the core vocabulary first, then the pack's.
  std::span<const fact_declaration> facts() const noexcept;
  /// The pack's JSON text as it was loaded.
  std::string_view json_text() const noexcept;
  /// Where the pack came from: the bundled id or the file path given to load_pack.
  const std::string& origin() const noexcept;

  /// The versions this pack replaces (its `previous`, that one's `previous`, ...), newest first;
  /// each ends before the next begins (the loader checks it). Empty for a first version.
  std::vector<pack> earlier_versions() const;
  /// The version in force on `day`: this pack when it has begun by then, else the latest
  /// earlier version that had; the earliest version when `day` precedes them all. Replaying last
  /// year's portfolio as of a date last year uses last year's rules:
  ///
  ///   const qaf::pack current = qaf::load_pack_or_throw("ashvale-2026.json");
  ///   const qaf::engine then(current.version_in_force(qaf::date::parse("2025-06-30")));
  pack version_in_force(date day) const;

  /// For the engine: the compiled form. Not part of the stable API.
  const detail::pack_data& data() const noexcept { return *data_; }
  const std::shared_ptr<const detail::pack_data>& data_ptr() const noexcept { return data_; }
  explicit pack(std::shared_ptr<const detail::pack_data> data) noexcept;

 private:
  std::shared_ptr<const detail::pack_data> data_;
};

/// A pack, or the reasons there is none. Diagnostics may also hold warnings when a pack loads.
struct pack_result {
  std::optional<qaf::pack> pack;
  std::vector<diagnostic> diagnostics;

  explicit operator bool() const noexcept { return pack.has_value(); }
};

/// Loads a bundled pack by id ("bolton-children-2024") or, when `id_or_path` is not a bundled
/// id, the pack JSON file at that path.
pack_result load_pack(std::string_view id_or_path);

/// Loads a pack from JSON text; `file_name` is what diagnostics call the input.
pack_result parse_pack(std::string_view json_text, std::string_view file_name);

/// As load_pack, but throws input_error carrying the diagnostics when the pack does not load.
pack load_pack_or_throw(std::string_view id_or_path);

/// A bundled pack's identity, as `qaf packs` lists them.
struct bundled_pack_summary {
  std::string id;
  std::string title;
  std::string version;
  std::string source;  // the title of the pack's first source document
};

/// Every pack compiled into the library, in id order.
std::vector<bundled_pack_summary> bundled_packs();

}  // namespace qaf
