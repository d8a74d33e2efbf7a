// qaf._qaf: the C++ side of the Python module. It converts types and nothing more; the Pythonic
// surface (argument checking, DataFrames, what-if) is python/qaf/__init__.py.
//
// Results cross as the library's own per-result JSON (occurrence_json, rating_json,
// kpi_result_json) turned generically into Python values, so a member added to a result appears
// in Python without a change here. Ratings and KPI results cross with their rules' detail inline
// (explain=true: rule text, source, condition in every row), as the CLI's --explain writes them,
// so a DataFrame row stands on its own without a separate rules table. A whole portfolio is one
// call: the portfolio text is read by the library's readers (parse_portfolio_csv /
// parse_portfolio_json / read_portfolio), the providers are evaluated on worker threads with the
// GIL released, and the results come back in input order as columns (one list a member), ready for
// a pandas DataFrame.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

// CPython's date API needs Python.h first, which pybind11 includes.
#include <datetime.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "qaf/qaf.hpp"
#include "render/kpi_render.hpp"
#include "render/rating_render.hpp"
#include "render/schedule_render.hpp"
#include "schedule/workload.hpp"

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

/// JSON → Python: null, booleans, numbers, strings, lists and dicts as themselves; a date string
/// as datetime.date unless its member is a name or prose (is_text_member).
py::object to_python(const nlohmann::ordered_json& value, std::string_view key) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(value.get<double>());
    case nlohmann::json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (!is_text_member(key)) {
        if (std::optional<py::object> d = as_python_date(text)) return *d;
      }
      return py::str(text);
    }
    case nlohmann::json::value_t::array: {
      py::list list;
      for (const auto& item : value) list.append(to_python(item, key));
      return list;
    }
    case nlohmann::json::value_t::object: {
      py::dict dict;
      for (const auto& [name, item] : value.items()) dict[py::str(name)] = to_python(item, name);
      return dict;
    }
    default:
      return py::str(value.dump());
  }
}

/// Result objects gathered as columns: one list a member, in first-seen order, None where an
/// object lacks a member the others have.
class column_table {
 public:
  void add(const nlohmann::ordered_json& object) {
    for (const auto& [name, value] : object.items()) {
      const std::size_t c = column(name);
      columns_[c].append(to_python(value, name));
      lengths_[c] = rows_ + 1;
    }
    ++rows_;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (lengths_[c] < rows_) {
        columns_[c].append(py::none());
        lengths_[c] = rows_;
      }
    }
  }

  /// {"columns": [names], "data": {name: list}, "rows": n}.
  py::dict finish() const {
    py::dict data;
    py::list names;
    for (std::size_t c = 0; c < names_.size(); ++c) {
      names.append(names_[c]);
      data[py::str(names_[c])] = columns_[c];
    }
    py::dict table;
    table["columns"] = names;
    table["data"] = data;
    table["rows"] = rows_;
    return table;
  }

 private:
  std::size_t column(const std::string& name) {
    const auto found = index_.find(name);
    if (found != index_.end()) return found->second;
    py::list filled;
    for (std::size_t r = 0; r < rows_; ++r) filled.append(py::none());
    index_.emplace(name, names_.size());
    names_.push_back(name);
    columns_.push_back(std::move(filled));
    lengths_.push_back(rows_);
    return names_.size() - 1;
  }

  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<py::list> columns_;
  std::vector<std::size_t> lengths_;
  std::size_t rows_ = 0;
};

/// Results as a table (columns, for a DataFrame) or as they are (a list of dicts, each with
/// exactly the members its JSON object has).
class result_table {
 public:
  explicit result_table(bool as_columns) : as_columns_(as_columns) {}

  void add(const nlohmann::ordered_json& object) {
    if (as_columns_) {
      columns_.add(object);
    } else {
      rows_.append(to_python(object, ""));
    }
  }

  /// The column table's dict, or {"list": [dicts]}.
  py::dict finish() const {
    if (as_columns_) return columns_.finish();
    py::dict table;
    table["list"] = rows_;
    return table;
  }

 private:
  bool as_columns_;
  column_table columns_;
  py::list rows_;
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

struct request {
  bool schedule = false;
  bool rate = false;
  bool kpis = false;
  qaf::date as_of;
  qaf::schedule_options window;
  unsigned threads = 1;
};

/// One provider's results, already in their JSON form.
struct provider_output {
  std::optional<qaf::detail::provider_schedule> schedule;
  std::vector<nlohmann::ordered_json> occurrences;
  std::vector<nlohmann::ordered_json> minimum_visits;
  std::vector<nlohmann::ordered_json> ratings;
  std::vector<nlohmann::ordered_json> kpis;
};

/// A schedule's minimum-visit checks as the objects of the schedule document's `minimum_visits`.
std::vector<nlohmann::ordered_json> minimum_visits_json(const qaf::detail::provider_schedule& s) {
  std::vector<nlohmann::ordered_json> checks;
  for (const qaf::minimum_visits_check& c : s.result.minimum_visits) {
    checks.push_back(qaf::detail::minimum_visits_json(s.provider, c));
  }
  return checks;
}

provider_output evaluate(const qaf::engine& engine, const qaf::provider& p, const request& r) {
  provider_output out;
  if (r.schedule) {
    out.schedule = qaf::detail::describe(p, engine.schedule(p, r.window));
    for (const qaf::occurrence& o : out.schedule->result.occurrences) {
      out.occurrences.push_back(qaf::detail::occurrence_json(o));
    }
    out.minimum_visits = minimum_visits_json(*out.schedule);
  }
  if (r.rate) {
    // Explained as the CLI's --explain is: each reason's condition, test by test.
    for (const qaf::rating& rating : engine.rate(p, r.as_of, {.explain = true})) {
      out.ratings.push_back(qaf::detail::rating_json(rating, /*explain=*/true));
    }
  }
  if (r.kpis) {
    for (const qaf::kpi_result& k : engine.evaluate_kpis(p, r.as_of)) {
      out.kpis.push_back(qaf::detail::kpi_result_json(k, /*explain=*/true));
    }
  }
  return out;
}

/// Evaluates providers [first, last) on `threads` threads; outputs[i - first] for provider i.
void evaluate_range(const qaf::engine& engine, const std::vector<qaf::provider>& providers,
                    std::size_t first, std::size_t last, const request& r,
                    std::vector<provider_output>& outputs) {
  outputs.assign(last - first, {});
  std::atomic<std::size_t> next{first};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < last; i = next++) {
      try {
        outputs[i - first] = evaluate(engine, providers[i], r);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = last;
      }
    }
  };
  const std::size_t wanted = std::min<std::size_t>(r.threads, last - first);
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < wanted; ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
}

/// Adds one chunk's workload to the running total: the same months for every chunk (the window's),
/// officers merged by name.
void add_workload(qaf::detail::workload& total, const qaf::detail::workload& part) {
  if (total.months.empty()) {
    total = part;
    return;
  }
  auto add_months = [](std::vector<qaf::detail::month_load>& into,
                       const std::vector<qaf::detail::month_load>& from) {
    for (std::size_t m = 0; m < into.size() && m < from.size(); ++m) {
      into[m].visits += from[m].visits;
      into[m].outstanding += from[m].outstanding;
    }
  };
  add_months(total.months, part.months);
  total.overdue_before_window += part.overdue_before_window;
  for (const qaf::detail::officer_load& o : part.by_officer) {
    auto same =
        std::find_if(total.by_officer.begin(), total.by_officer.end(),
                     [&](const qaf::detail::officer_load& t) { return t.officer == o.officer; });
    if (same == total.by_officer.end()) {
      total.by_officer.push_back(o);
    } else {
      add_months(same->months, o.months);
      same->overdue_before_window += o.overdue_before_window;
    }
  }
}

py::dict workload_to_python(qaf::detail::workload w) {
  std::sort(w.by_officer.begin(), w.by_officer.end(),
            [](const auto& a, const auto& b) { return a.officer < b.officer; });
  auto rows = [](column_table& table, const std::string* officer,
                 const std::vector<qaf::detail::month_load>& months) {
    for (const qaf::detail::month_load& m : months) {
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
      nlohmann::ordered_json row;
      if (officer) row["officer"] = *officer;
      row["month"] = label;
      row["visits"] = m.visits;
      row["outstanding"] = m.outstanding;
      table.add(row);
    }
  };
  column_table portfolio;
  rows(portfolio, nullptr, w.months);
  column_table officers;
  for (const qaf::detail::officer_load& o : w.by_officer) rows(officers, &o.officer, o.months);
  py::dict result;
  result["months"] = portfolio.finish();
  result["by_officer"] = officers.finish();
  result["overdue_before_window"] = w.overdue_before_window;
  return result;
}

/// The portfolio is evaluated in chunks: each chunk on every thread with the GIL released, then
/// turned into Python with it held, so that memory stays bounded by a chunk's results.
constexpr std::size_t chunk_size = 4096;

py::dict run(const qaf::engine& engine, const std::string& kind, const std::string& text,
             const std::string& file_name, const std::vector<std::string>& parts,
             const std::string& as_of, const std::optional<std::string>& start,
             const std::optional<std::string>& end, unsigned threads, bool as_columns) {
  request r;
  for (const std::string& part : parts) {
    if (part == "schedule") {
      r.schedule = true;
    } else if (part == "rate") {
      r.rate = true;
    } else if (part == "kpis") {
      r.kpis = true;
    } else {
      throw std::invalid_argument("unknown part " + part + "; expected schedule, rate or kpis");
    }
  }
  r.as_of = in_calendar(to_date(as_of, "as_of"), "as_of");
  if (r.schedule) {
    if (!start || !end) throw std::invalid_argument("a schedule needs start and end");
    r.window = {in_calendar(to_date(*start, "start"), "start"),
                in_calendar(to_date(*end, "end"), "end"), r.as_of};
    if (r.window.to < r.window.from) {
      throw argument_error("qaf.cli.window", "end", "end " + *end + " is before start " + *start);
    }
  }
  r.threads = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;

  std::optional<qaf::portfolio> portfolio;
  {
    const py::gil_scoped_release release;
    portfolio = read(engine.rules(), kind, text, file_name);
  }
  const std::vector<qaf::provider>& providers = portfolio->providers;
  result_table occurrences(as_columns);
  result_table minimum_visits(as_columns);
  result_table ratings(as_columns);
  result_table kpis(as_columns);
  qaf::detail::workload workload;
  std::vector<qaf::occurrence_warning> warnings;
  std::vector<std::pair<std::string, std::string>> unknown;  // provider, fact
  std::vector<provider_output> outputs;
  for (std::size_t first = 0; first < providers.size(); first += chunk_size) {
    const std::size_t last = std::min(providers.size(), first + chunk_size);
    {
      const py::gil_scoped_release release;
      evaluate_range(engine, providers, first, last, r, outputs);
      if (r.schedule) {
        std::vector<qaf::detail::provider_schedule> schedules;
        for (provider_output& o : outputs) schedules.push_back(std::move(*o.schedule));
        add_workload(workload,
                     qaf::detail::summarise_workload(schedules, r.window.from, r.window.to));
        for (const qaf::occurrence_warning& w : qaf::detail::result_warnings(schedules)) {
          const bool seen = std::any_of(warnings.begin(), warnings.end(), [&](const auto& x) {
            return x.code == w.code && x.message == w.message;
          });
          if (!seen) warnings.push_back(w);
        }
        for (const qaf::detail::provider_schedule& s : schedules) {
          for (const std::string& fact : s.result.unknown_facts) {
            unknown.emplace_back(s.provider, fact);
          }
        }
      }
    }
    for (const provider_output& o : outputs) {
      for (const auto& item : o.occurrences) occurrences.add(item);
      for (const auto& item : o.minimum_visits) minimum_visits.add(item);
      for (const auto& item : o.ratings) ratings.add(item);
      for (const auto& item : o.kpis) kpis.add(item);
    }
  }
  py::dict result;
  py::list ids;
  for (const qaf::provider& p : providers) ids.append(p.id);
  result["provider_ids"] = ids;
  if (r.schedule) {
    result["occurrences"] = occurrences.finish();
    result["minimum_visits"] = minimum_visits.finish();
    result["workload"] = workload_to_python(std::move(workload));
    py::list warning_list;
    for (const qaf::occurrence_warning& w : warnings) {
      py::dict item;
      item["code"] = w.code;
      item["message"] = w.message;
      warning_list.append(std::move(item));
    }
    result["warnings"] = warning_list;
    column_table unknown_facts;
    for (const auto& [provider, fact] : unknown) {
      unknown_facts.add({{"provider", provider}, {"fact", fact}});
    }
    result["unknown_facts"] = unknown_facts.finish();
  }
  if (r.rate) result["ratings"] = ratings.finish();
  if (r.kpis) result["kpis"] = kpis.finish();
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
      .def("run", &run, py::arg("kind"), py::arg("text"), py::arg("file_name"), py::arg("parts"),
           py::arg("as_of"), py::arg("start"), py::arg("end"), py::arg("threads"),
           py::arg("as_columns"));
}
