// qaf packs: the bundled packs, one a line: id, title, version, source.
#include <ostream>

#include "command.hpp"
#include "job_options.hpp"
#include "qaf/pack.hpp"

namespace qaf::cli {

int run_packs(const invocation& call) {
  if (!call.args.empty()) {
    report(call.err, "packs", "qaf.cli.usage", "takes no arguments");
    return exit_failure;
  }
  for (const bundled_pack_summary& p : bundled_packs()) {
    call.out << p.id << '\t' << p.title << '\t' << p.version << '\t' << p.source << '\n';
  }
  return exit_ok;
}

}  // namespace qaf::cli
