#!/usr/bin/env bash
# One command for the comparison in docs/performance.md: builds qaf (Release), installs
# zen-engine into a virtual environment, generates the same synthetic portfolios for every tool,
# runs qaf, ZEN (sequential and async) and the two plain-Python versions on them, checks that
# every tool finds the same level for every provider, and prints wall time and peak memory with
# their ratios to qaf's.
#
#   bench/compare/run.sh [PROVIDERS]      # default 200000 (Bolton children's assess: half)
#
# Work files go to build-bench/compare (several GB at 1M providers); nothing is committed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${1:-200000}
assess_count=$((count / 2))
build="$root/build-bench"
work="$build/compare"
as_of=2024-06-30
pack=herefordshire-adults-2018
python=${PYTHON:-python3}

PYTHON=$python "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DQAF_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target qaf_cli qaf_generate_portfolio >/dev/null
qaf="$build/bin/qaf"
generate="$build/bin/qaf_generate_portfolio"

venv="$build/compare-venv"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -c "import zen" 2>/dev/null ||
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check zen-engine

mkdir -p "$work"
echo "generating $count $pack providers and $assess_count bolton-children-2024 providers"
"$generate" "$pack" "$count" json >"$work/hf.json"
"$generate" "$pack" "$count" jsonl >"$work/hf.jsonl"
"$generate" "$pack" "$count" csv >"$work/hf.csv"
"$generate" bolton-children-2024 "$assess_count" json >"$work/bc.json"
"$generate" bolton-children-2024 "$assess_count" jsonl >"$work/bc.jsonl"

results="$work/results.tsv"
: >"$results"
# run NAME INPUT COMMAND...: wall seconds and peak resident memory of one run, output discarded
# into $work/NAME.out.
run() {
  local name=$1 input=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out"
  read -r wall kb <"$work/$name.time"
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$((kb / 1024))" "$(($(stat -c %s "$input") / 1048576))" \
    >>"$results"
}

run "qaf rate json" "$work/hf.json" "$qaf" rate --pack $pack --portfolio "$work/hf.json" --as-of $as_of
run "qaf rate jsonl" "$work/hf.jsonl" "$qaf" rate --pack $pack --portfolio "$work/hf.jsonl" \
  --as-of $as_of --format jsonl
run "qaf rate csv" "$work/hf.csv" "$qaf" rate --pack $pack --portfolio "$work/hf.csv" \
  --as-of $as_of --format csv
run "qaf rate json 1 thread" "$work/hf.json" "$qaf" rate --pack $pack --portfolio "$work/hf.json" \
  --as-of $as_of --threads 1
# The same information as the plain-Python "same output" run writes: each reason's text, source
# and condition inline.
run "qaf rate json --explain" "$work/hf.json" "$qaf" rate --pack $pack --portfolio "$work/hf.json" \
  --as-of $as_of --explain
run "qaf validate" "$work/hf.json" "$qaf" validate $pack --portfolio "$work/hf.json"
run "qaf assess bolton json" "$work/bc.json" "$qaf" assess --pack bolton-children-2024 \
  --portfolio "$work/bc.json" --as-of $as_of
run "qaf assess bolton jsonl" "$work/bc.jsonl" "$qaf" assess --pack bolton-children-2024 \
  --portfolio "$work/bc.jsonl" --as-of $as_of --format jsonl
run "python json.load alone" "$work/hf.json" "$venv/bin/python" -c \
  "import json, sys; json.load(open(sys.argv[1]))" "$work/hf.json"
run "python lean" "$work/hf.json" "$venv/bin/python" "$here/peer_python.py" lean "$work/hf.json" \
  $as_of "$work/python-lean.json"
run "python same output" "$work/hf.json" "$venv/bin/python" "$here/peer_python.py" rich \
  "$work/hf.json" $as_of "$work/python-rich.json" "$root/packs/$pack.json"
run "zen sequential" "$work/hf.json" "$venv/bin/python" "$here/peer_zen.py" sequential \
  "$work/hf.json" $as_of "$work/zen-sequential.json"
run "zen async" "$work/hf.json" "$venv/bin/python" "$here/peer_zen.py" async "$work/hf.json" \
  $as_of "$work/zen-async.json"

"$venv/bin/python" "$here/agree.py" "$work/hf.jsonl" "$work/qaf rate jsonl.out" "$work/python-lean.json" \
  "$work/zen-sequential.json" "$work/zen-async.json"
"$venv/bin/python" "$here/report.py" "$results"
