#!/usr/bin/env bash
# The demo: the main job on the bundled example portfolios — what is due and overdue, how each
# provider is rated, and whether Devon's providers meet their targets — then the calendar.
set -euo pipefail
qaf=${1:-build/bin/qaf}
today=$(date +%F)

section() { printf '\n== %s\n' "$*"; }

section "qaf $("$qaf" --version): bundled rule packs"
"$qaf" packs | awk -F'\t' '{ printf "  %-28s %-8s %s\n", $1, $3, $2 }'

section "Bolton children's services, as of $today (examples/portfolio.json)"
"$qaf" assess --pack bolton-children-2024 --portfolio examples/portfolio.json --as-of "$today" --format text

section "Bolton adult services from a CSV portfolio, as of 2020-10-01 (examples/portfolio-bolton-adults.csv)"
"$qaf" assess --pack bolton-adults-2020 --portfolio examples/portfolio-bolton-adults.csv --as-of 2020-10-01 --format text

section "Devon children's residential: KPI targets and consequences (examples/portfolio-devon.json)"
"$qaf" assess --pack devon-children-residential --portfolio examples/portfolio-devon.json --as-of "$today" --format text

section "Working days: 10 working days after 20 December $(date +%Y) (a deadline across Christmas)"
"$qaf" calendar add-working-days "$(date +%Y)-12-20" 10
