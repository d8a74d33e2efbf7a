// qaf._qaf: the C++ side of the Python module. It converts types and nothing more; the Pythonic
// surface (argument checking, DataFrames, what-if) is python/qaf/__init__.py.
//
// Results cross as the library's own per-result JSON (occurrence_json, minimum_visits_json,
// rating_json, kpi_result_json, provider_overview_json) turned generically into Python values, so
// a member added to a result appears in Python without a change here. Ratings and KPI results are
// compact by default, as the CLI writes them: reasons name their rules by id, and the pack's
// `rules` and `levels` (rules_json, levels_json) are there once for all of them; explain=true
// writes the rules' text, source and conditions inline, as the CLI's --explain does.
//
// A whole portfolio is one call: the portfolio text is read by the library's readers
// (parse_portfolio_csv / parse_portfolio_json / read_portfolio); then, with the GIL released,
// worker threads evaluate chunks of providers and render their results as JSON while this thread
// takes each finished chunk in input order, and only then holds the GIL to turn it into columns
// (one Python list a member) ready for one DataFrame construction.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

// CPython's date API needs Python.h first, which pybind11 includes.
#include <datetime.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parallel/ordered_pool.hpp"
#include "qaf/qaf.hpp"
#include "render/kpi_render.hpp"
#include "render/provider_overview.hpp"
#include "render/rating_render.hpp"
#include "render/rule_catalogue.hpp"
#include "render/schedule_render.hpp"
#include "schedule/workload.hpp"
#include "summary/provider_assessment.hpp"

namespace py = pybind11;

namespace {

// ---- Errors: raised as qaf.PackError / qaf.InputError (python/qaf/_errors.py) -------------------

/// A pack that did not load; input_error is the other kind, for portfolios and arguments.
struct pack_failure : std::exception {
  explicit pack_failure(std::vector<qaf::diagnostic> d) : diagnostics(std::move(d)) {}
  const char* what() const noexcept override { return "qaf: the pack did not load"; }
  std::vector<qaf::diagnostic> diagnostics;
};

py::list diagnostics_to_python(const std::vector<qaf::diagnostic>& diagnostics) {
  py::list list;
  for (const qaf::diagnostic& d : diagnostics) {
    py::dict item;
    item["code"] = d.code;
    item["file"] = d.file;
    item["pointer"] = d.pointer;
    item["message"] = d.message;
    list.append(std::move(item));
  }
  return list;
}

void raise(const char* class_name, const std::vector<qaf::diagnostic>& diagnostics) {
  const py::object type = py::module_::import("qaf._errors").attr(class_name);
  const py::object error = type(diagnostics_to_python(diagnostics));
  PyErr_SetObject(type.ptr(), error.ptr());
}

qaf::input_error argument_error(std::string code, std::string pointer, std::string message) {
  return qaf::input_error(
      {{std::move(code), "<argument>", std::move(pointer), std::move(message)}});
}

// ---- Values ----------------------------------------------------------------------------------

using json = nlohmann::ordered_json;

qaf::date to_date(std::string_view text, const char* argument) {
  std::string why;
  const std::optional<qaf::date> parsed = qaf::date::try_parse(text, &why);
  if (!parsed) throw argument_error("qaf.date.invalid", argument, why);
  return *parsed;
}

/// As the command line's window check: schedules count working days, which are known only in
/// the years with bank holidays.
qaf::date in_calendar(qaf::date d, const char* argument) {
  const qaf::region where;
  if (d.year() < where.first_year() || d.year() > where.last_year()) {
    throw argument_error("qaf.cli.window", argument,
                         std::string(argument) + " " + d.to_string() + " is outside " +
                             std::to_string(where.first_year()) + "-" +
                             std::to_string(where.last_year()) + ", the years with bank holidays");
  }
  return d;
}

/// Members whose text is a name or prose, never a date, even when it looks like one.
bool is_text_member(std::string_view key) noexcept {
  static constexpr std::string_view names[] = {
      "provider", "id",   "rule",   "activity", "scheme",    "kpi",     "label",
      "summary",  "text", "note",   "message",  "quote",     "section", "document",
      "officer",  "name", "reason", "code",     "condition", "title",   "target"};
  return std::find(std::begin(names), std::end(names), key) != std::end(names);
}

/// "YYYY-MM-DD" that is a real date, as a datetime.date.
std::optional<py::object> as_python_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::optional<qaf::date> d = qaf::date::try_parse(text);
  if (!d) return std::nullopt;
  PyObject* value = PyDate_FromDate(d->year(), d->month(), d->day());
  if (value == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(value);
}

/// A JSON string as Python: a datetime.date when it is a date and `text_member` is false, else str.
py::object string_to_python(const std::string& text, bool text_member) {
  if (!text_member) {
    if (std::optional<py::object> d = as_python_date(text)) return *d;
  }
  return py::str(text);
}

/// Strings made into Python objects once and shared. Results say the same few things over and
/// over (reasons' rule ids, fact names, the members' names of every nested object), and a str or
/// datetime.date shared is one allocation instead of thousands. At most `limit` of each kind are
/// kept, so a portfolio's unique texts (ids, names) cannot grow it without bound.
class shared_strings {
 public:
  py::object get(const std::string& text, bool text_member) {
    auto& seen = text_member ? texts_ : others_;
    const auto found = seen.find(text);
    if (found != seen.end()) return found->second;
    py::object value = string_to_python(text, text_member);
    if (seen.size() < limit) seen.emplace(text, value);
    return value;
  }

 private:
  static constexpr std::size_t limit = 1 << 16;
  std::unordered_map<std::string, py::object> texts_;   // names and prose: always str
  std::unordered_map<std::string, py::object> others_;  // str, or datetime.date for a date
};

/// JSON → Python: null, booleans, numbers, strings, lists and dicts as themselves; a date string
/// as datetime.date unless its member is a name or prose (is_text_member).
py::object to_python(const json& value, std::string_view key, shared_strings& strings) {
  switch (value.type()) {
    case json::value_t::null:
      return py::none();
    case json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case json::value_t::number_float:
      return py::float_(value.get<double>());
    case json::value_t::string:
      return strings.get(value.get_ref<const std::string&>(), is_text_member(key));
    case json::value_t::array: {
      py::list list(value.size());
      std::size_t i = 0;
      for (const auto& item : value) list[i++] = to_python(item, key, strings);
      return list;
    }
    case json::value_t::object: {
      py::dict dict;
      for (const auto& [name, item] : value.items()) {
        dict[strings.get(name, true)] = to_python(item, name, strings);
      }
      return dict;
    }
    default:
      return py::str(value.dump());
  }
}

py::object to_python(const json& value) {
  shared_strings strings;
  return to_python(value, "", strings);
}

/// One column's values as a Python list. Whether the member is text or may hold dates is decided
/// once; a string equal to the one before it (a provider's id on each of its occurrences) is the
/// same object, and others are shared through `strings`.
class column {
 public:
  column(std::string name, std::size_t rows, shared_strings& strings)
      : name_(std::move(name)),
        text_(is_text_member(name_)),
        strings_(&strings),
        values_(rows, py::none()) {}

  const std::string& name() const noexcept { return name_; }
  std::size_t size() const noexcept { return values_.size(); }

  void append(const json& value) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (!last_ || text != last_text_) {
        last_ = strings_->get(text, text_);
        last_text_ = text;
      }
      values_.push_back(last_);
    } else {
      values_.push_back(to_python(value, name_, *strings_));
    }
  }

  void append_none() { values_.push_back(py::none()); }

  /// The values as a list; the column is empty afterwards.
  py::list take() {
    py::list list(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) list[i] = std::move(values_[i]);
    values_.clear();
    return list;
  }

 private:
  std::string name_;
  bool text_;
  shared_strings* strings_;
  std::vector<py::object> values_;
  std::string last_text_;
  py::object last_;
};

/// Result objects gathered as columns: one list a member, in first-seen order, None where an
/// object lacks a member the others have.
class column_table {
 public:
  explicit column_table(shared_strings& strings) : strings_(&strings) {}

  void add(const json& object) {
    std::size_t expected = 0;  // objects from one writer have their members in the same order
    for (const auto& [name, value] : object.items()) {
      std::size_t c = expected;
      if (c >= columns_.size() || columns_[c].name() != name) c = find(name);
      columns_[c].append(value);
      expected = c + 1;
    }
    ++rows_;
    for (column& c : columns_) {
      if (c.size() < rows_) c.append_none();
    }
  }

  /// {"columns": [names], "data": {name: list}, "rows": n}.
  py::dict finish() {
    py::dict data;
    py::list names;
    for (column& c : columns_) {
      names.append(c.name());
      data[py::str(c.name())] = c.take();
    }
    py::dict table;
    table["columns"] = names;
    table["data"] = data;
    table["rows"] = rows_;
    return table;
  }

 private:
  std::size_t find(const std::string& name) {
    const auto found = index_.find(name);
    if (found != index_.end()) return found->second;
    index_.emplace(name, columns_.size());
    columns_.emplace_back(name, rows_, *strings_);
    return columns_.size() - 1;
  }

  shared_strings* strings_;
  std::vector<column> columns_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t rows_ = 0;
};

/// Results as a table (columns, for a DataFrame) or as they are (a list of dicts, each with
/// exactly the members its JSON object has).
class result_table {
 public:
  result_table(bool as_columns, shared_strings& strings)
      : as_columns_(as_columns), strings_(&strings), columns_(strings) {}

  void add(const json& object) {
    if (as_columns_) {
      columns_.add(object);
    } else {
      rows_.append(to_python(object, "", *strings_));
    }
  }

  /// The column table's dict, or {"list": [dicts]}.
  py::dict finish() {
    if (as_columns_) return columns_.finish();
    py::dict table;
    table["list"] = rows_;
    return table;
  }

 private:
  bool as_columns_;
  shared_strings* strings_;
  column_table columns_;
  py::list rows_;
};

/// Python's cyclic garbage collector paused while results are converted, as it was before when it
/// is done. Every list and dict made counts towards its next pass, and a pass walks every object
/// alive: over a portfolio's results, passes that can find nothing (results hold no cycles) took
/// a tenth of the call. Made and ended with the GIL held. (Python 3.9 has no C API for it: there
/// the results are the same, only slower.)
class gc_paused {
 public:
#if PY_VERSION_HEX >= 0x030A0000
  gc_paused() : was_enabled_(PyGC_Disable() != 0) {}
  ~gc_paused() {
    if (was_enabled_) PyGC_Enable();
  }
#else
  gc_paused() = default;
#endif
  gc_paused(const gc_paused&) = delete;
  gc_paused& operator=(const gc_paused&) = delete;

 private:
  bool was_enabled_ = false;
};

// ---- Portfolios --------------------------------------------------------------------------------

/// Reads a portfolio with the library's readers: `kind` is "csv" or "json" text, or "file" (a path
/// read_portfolio opens, CSV when it ends in .csv).
qaf::portfolio read(const qaf::pack& rules, const std::string& kind, const std::string& text,
                    const std::string& file_name) {
  qaf::portfolio_result result;
  if (kind == "csv") {
    result = qaf::parse_portfolio_csv(rules, text, file_name);
  } else if (kind == "json") {
    result = qaf::parse_portfolio_json(rules, text, file_name);
  } else if (kind == "file") {
    result = qaf::read_portfolio(rules, text);
  } else {
    throw std::invalid_argument("portfolio kind must be csv, json or file");
  }
  if (!result) throw qaf::input_error(std::move(result.diagnostics));
  return std::move(*result.portfolio);
}

// ---- Evaluation --------------------------------------------------------------------------------

/// The result tables a call can ask for, each written by one of the library's JSON writers.
enum table_index : std::size_t {
  occurrences,
  minimum_visits,
  ratings,
  kpis,
  overview,
  table_count
};
constexpr std::string_view table_names[table_count] = {"occurrences", "minimum_visits", "ratings",
                                                       "kpis", "overview"};

struct request {
  bool tables[table_count] = {};
  bool schedule = false;  // what the tables need evaluated
  bool rate = false;
  bool evaluate_kpis = false;
  bool explain = false;
  qaf::date as_of;
  qaf::schedule_options window;
  unsigned threads = 1;
};

/// One chunk of consecutive providers, evaluated and rendered on a worker thread.
struct chunk_output {
  std::vector<qaf::detail::provider_schedule> schedules;  // for the workload and warnings
  std::vector<json> rows[table_count];
};

chunk_output evaluate(const qaf::engine& engine, std::span<const qaf::provider> providers,
                      const request& r) {
  chunk_output out;
  for (const qaf::provider& p : providers) {
    qaf::detail::provider_assessment a{
        qaf::detail::describe(p,
                              r.schedule ? engine.schedule(p, r.window) : qaf::schedule_result{}),
        {},
        {}};
    // Explained as the CLI's --explain is: each reason's condition, test by test.
    if (r.rate) a.ratings = engine.rate(p, r.as_of, {.explain = r.explain});
    if (r.evaluate_kpis) a.kpis = engine.evaluate_kpis(p, r.as_of);
    if (r.tables[occurrences]) {
      for (const qaf::occurrence& o : a.schedule.result.occurrences) {
        out.rows[occurrences].push_back(qaf::detail::occurrence_json(o));
      }
    }
    if (r.tables[minimum_visits]) {
      for (const qaf::minimum_visits_check& c : a.schedule.result.minimum_visits) {
        out.rows[minimum_visits].push_back(qaf::detail::minimum_visits_json(p.id, c));
      }
    }
    if (r.tables[ratings]) {
      for (const qaf::rating& rating : a.ratings) {
        out.rows[ratings].push_back(qaf::detail::rating_json(rating, r.explain));
      }
    }
    if (r.tables[kpis]) {
      for (const qaf::kpi_result& k : a.kpis) {
        out.rows[kpis].push_back(qaf::detail::kpi_result_json(k, r.explain));
      }
    }
    if (r.tables[overview]) out.rows[overview].push_back(qaf::detail::provider_overview_json(a));
    if (r.schedule) out.schedules.push_back(std::move(a.schedule));
  }
  return out;
}

py::dict workload_to_python(qaf::detail::workload w) {
  std::sort(w.by_officer.begin(), w.by_officer.end(),
            [](const auto& a, const auto& b) { return a.officer < b.officer; });
  auto rows = [](column_table& table, const std::string* officer,
                 const std::vector<qaf::detail::month_load>& months) {
    for (const qaf::detail::month_load& m : months) {
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
      json row;
      if (officer) row["officer"] = *officer;
      row["month"] = label;
      row["visits"] = m.visits;
      row["outstanding"] = m.outstanding;
      table.add(row);
    }
  };
  shared_strings strings;
  column_table portfolio(strings);
  rows(portfolio, nullptr, w.months);
  column_table officers(strings);
  for (const qaf::detail::officer_load& o : w.by_officer) rows(officers, &o.officer, o.months);
  py::dict result;
  result["months"] = portfolio.finish();
  result["by_officer"] = officers.finish();
  result["overdue_before_window"] = w.overdue_before_window;
  return result;
}

/// Providers a job: small enough that the threads share the work evenly and this thread turns
/// results into Python while they go on, large enough that a job's overhead does not show.
constexpr std::size_t chunk_size = 256;

request make_request(const std::vector<std::string>& tables, const std::string& as_of,
                     const std::optional<std::string>& start, const std::optional<std::string>& end,
                     unsigned threads, bool explain) {
  request r;
  for (const std::string& name : tables) {
    const auto* found = std::find(std::begin(table_names), std::end(table_names), name);
    if (found == std::end(table_names)) {
      throw std::invalid_argument("unknown table " + name +
                                  "; expected occurrences, minimum_visits, ratings, kpis or "
                                  "overview");
    }
    r.tables[found - std::begin(table_names)] = true;
  }
  r.schedule = r.tables[occurrences] || r.tables[minimum_visits] || r.tables[overview];
  r.rate = r.tables[ratings] || r.tables[overview];
  r.evaluate_kpis = r.tables[kpis] || r.tables[overview];
  r.explain = explain;
  r.as_of = in_calendar(to_date(as_of, "as_of"), "as_of");
  if (r.schedule) {
    if (!start || !end) throw std::invalid_argument("a schedule needs start and end");
    r.window = {in_calendar(to_date(*start, "start"), "start"),
                in_calendar(to_date(*end, "end"), "end"), r.as_of};
    if (r.window.to < r.window.from) {
      throw argument_error("qaf.cli.window", "end", "end " + *end + " is before start " + *start);
    }
  }
  r.threads = qaf::detail::worker_count(threads);
  return r;
}

py::dict run(const qaf::engine& engine, const std::string& kind, const std::string& text,
             const std::string& file_name, const std::vector<std::string>& tables,
             const std::string& as_of, const std::optional<std::string>& start,
             const std::optional<std::string>& end, unsigned threads, bool as_columns,
             bool explain) {
  const request r = make_request(tables, as_of, start, end, threads, explain);
  // As the command line: a pack that replaces earlier versions answers with the version in force
  // on as_of.
  const qaf::pack in_force = engine.rules().version_in_force(r.as_of);
  std::optional<qaf::engine> earlier;
  if (in_force.data_ptr() != engine.rules().data_ptr()) earlier.emplace(in_force);
  const qaf::engine& used = earlier ? *earlier : engine;
  const gc_paused paused;
  shared_strings strings;
  std::vector<result_table> results;  // each its own Python lists
  for (std::size_t t = 0; t < table_count; ++t) results.emplace_back(as_columns, strings);
  std::optional<qaf::detail::workload_tally> workload;
  if (r.schedule) workload.emplace(r.window.from, r.window.to);
  std::vector<qaf::occurrence_warning> warnings;
  column_table unknown_facts(strings);
  py::list ids;
  {
    const py::gil_scoped_release release;
    const qaf::portfolio portfolio = read(used.rules(), kind, text, file_name);
    const std::vector<qaf::provider>& providers = portfolio.providers;
    // Called on this thread in input order: the tallies without the GIL, the tables with it.
    auto take = [&](chunk_output&& done) {
      for (const qaf::detail::provider_schedule& s : done.schedules) workload->add(s);
      for (const qaf::occurrence_warning& w : qaf::detail::result_warnings(done.schedules)) {
        const bool seen = std::any_of(warnings.begin(), warnings.end(), [&](const auto& x) {
          return x.code == w.code && x.message == w.message;
        });
        if (!seen) warnings.push_back(w);
      }
      const py::gil_scoped_acquire hold;
      for (std::size_t t = 0; t < table_count; ++t) {
        for (const json& row : done.rows[t]) results[t].add(row);
      }
      for (const qaf::detail::provider_schedule& s : done.schedules) {
        for (const std::string& fact : s.result.unknown_facts) {
          unknown_facts.add({{"provider", s.provider}, {"fact", fact}});
        }
      }
    };
    qaf::detail::ordered_pool<chunk_output> pool(r.threads, 2 * static_cast<std::size_t>(r.threads),
                                                 take);
    for (std::size_t first = 0; first < providers.size(); first += chunk_size) {
      const std::span<const qaf::provider> chunk(providers.data() + first,
                                                 std::min(chunk_size, providers.size() - first));
      pool.submit([&used, chunk, &r] { return evaluate(used, chunk, r); });
    }
    pool.finish();
    const py::gil_scoped_acquire hold;
    for (const qaf::provider& p : providers) ids.append(p.id);
  }
  py::dict result;
  result["provider_ids"] = ids;
  for (std::size_t t = 0; t < table_count; ++t) {
    if (r.tables[t]) result[py::str(std::string(table_names[t]))] = results[t].finish();
  }
  if (r.schedule) {
    result["workload"] = workload_to_python(workload->result());
    py::list warning_list;
    for (const qaf::occurrence_warning& w : warnings) {
      py::dict item;
      item["code"] = w.code;
      item["message"] = w.message;
      warning_list.append(std::move(item));
    }
    result["warnings"] = warning_list;
    result["unknown_facts"] = unknown_facts.finish();
  }
  return result;
}

// ---- Packs -------------------------------------------------------------------------------------

qaf::pack loaded_or_raise(qaf::pack_result loaded) {
  if (!loaded) throw pack_failure(std::move(loaded.diagnostics));
  return std::move(*loaded.pack);
}

py::dict pack_info(const qaf::pack& p) {
  const qaf::pack_info& info = p.info();
  py::dict d;
  d["id"] = info.id;
  d["title"] = info.title;
  d["council"] = info.council;
  d["version"] = info.version;
  d["description"] = info.description;
  d["effective_from"] = info.effective_from.to_string();
  d["effective_to"] = info.effective_to ? py::object(py::str(info.effective_to->to_string()))
                                        : py::object(py::none());
  return d;
}

std::string add_working_days(const std::string& day, int n, const std::string& region_id) {
  std::string why;
  const std::optional<qaf::region> where = qaf::region::try_parse(region_id, &why);
  if (!where) throw argument_error("qaf.cli.value", "region", why);
  const qaf::date start = to_date(day, "date");
  try {
    return qaf::working_calendar(*where).add_working_days(start, n).to_string();
  } catch (const std::out_of_range& e) {
    throw argument_error("qaf.date.range", "date", e.what());
  } catch (const qaf::date_error& e) {
    throw argument_error("qaf.date.range", "date", e.what());
  }
}

}  // namespace

PYBIND11_MODULE(_qaf, m) {
  PyDateTime_IMPORT;
  m.doc() = "qaf's C++ engine; use the qaf package, which wraps this module.";

  // pybind11's translator is a plain function pointer taking the exception_ptr by value.
  // NOLINTNEXTLINE(performance-unnecessary-value-param)
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const pack_failure& e) {
      raise("PackError", e.diagnostics);
    } catch (const qaf::input_error& e) {
      raise("InputError", e.diagnostics());
    }
  });

  m.def("version", [] { return std::string(qaf::version()); });
  m.def("bundled_packs", [] {
    py::list list;
    for (const qaf::bundled_pack_summary& s : qaf::bundled_packs()) {
      py::dict d;
      d["id"] = s.id;
      d["title"] = s.title;
      d["version"] = s.version;
      d["source"] = s.source;
      list.append(std::move(d));
    }
    return list;
  });
  m.def("add_working_days", &add_working_days, py::arg("date"), py::arg("n"), py::arg("region"));

  py::class_<qaf::pack>(m, "Pack")
      .def_property_readonly("info", &pack_info)
      .def_property_readonly("rules",
                             [](const qaf::pack& p) {
                               return to_python(qaf::detail::rules_json(
                                   p, {.classification = true, .scheduling = true, .kpis = true}));
                             })
      .def_property_readonly(
          "levels", [](const qaf::pack& p) { return to_python(qaf::detail::levels_json(p)); })
      .def_property_readonly("json_text",
                             [](const qaf::pack& p) { return std::string(p.json_text()); })
      .def_property_readonly("origin", &qaf::pack::origin)
      .def_property_readonly("activities", [](const qaf::pack& p) {
        py::list list;
        for (const qaf::activity& a : p.activities()) {
          py::dict d;
          d["code"] = a.code;
          d["title"] = a.title;
          d["kind"] = std::string(qaf::to_string(a.kind));
          d["on_site"] = a.on_site;
          list.append(std::move(d));
        }
        return list;
      });
  m.def("load_pack", [](const std::string& id_or_path) {
    qaf::pack_result loaded;
    {
      const py::gil_scoped_release release;
      loaded = qaf::load_pack(id_or_path);
    }
    return loaded_or_raise(std::move(loaded));
  });
  m.def(
      "parse_pack",
      [](const std::string& text, const std::string& file_name) {
        return loaded_or_raise(qaf::parse_pack(text, file_name));
      },
      py::arg("text"), py::arg("file_name"));

  py::class_<qaf::engine>(m, "Engine")
      .def(py::init<qaf::pack>())
      .def_property_readonly("pack", &qaf::engine::rules)
      .def("run", &run, py::arg("kind"), py::arg("text"), py::arg("file_name"), py::arg("tables"),
           py::arg("as_of"), py::arg("start"), py::arg("end"), py::arg("threads"),
           py::arg("as_columns"), py::arg("explain"));
}
