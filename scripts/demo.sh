#!/usr/bin/env bash
# The demo: what qaf answers today, from the command-line tool at $1.
set -euo pipefail
qaf=${1:-build/bin/qaf}
year=$(date +%Y)
next=$((year + 1))

echo "== qaf $("$qaf" --version)"
echo
echo "== England and Wales bank holidays, $next"
"$qaf" calendar holidays "$next"
echo
today=$(date +%F)
echo "== Working-day deadlines from today ($today)"
for n in 1 5 10 20; do
  printf '  within %2s working days: %s\n' "$n" "$("$qaf" calendar add-working-days "$today" "$n")"
done
echo
echo "== A deadline that crosses Christmas: 10 working days after ${year}-12-20"
"$qaf" calendar add-working-days "${year}-12-20" 10
