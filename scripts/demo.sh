#!/usr/bin/env bash
# The demo: the bundled packs, then the main job on each pack's example portfolio — a text summary
# at the terminal for one, and for every pack the HTML report a manager opens (demo/<pack>.html)
# — then the calendar.
set -euo pipefail
qaf=${1:-build/bin/qaf}
out=${DEMO_DIR:-demo}

section() { printf '\n== %s\n' "$*"; }

# Each example portfolio is assessed on the date scripts/make_examples.py made it for, so the
# demo shows the same overdue and due work whatever today is.
declare -A as_of=(
  [bolton-children-2024]=2026-11-23
  [bolton-adults-2020]=2020-10-01
  [devon-children-residential]=2026-11-23
  [herefordshire-adults-2018]=2026-11-23
  [coventry-children]=2026-11-23
)
packs=(bolton-children-2024 bolton-adults-2020 devon-children-residential herefordshire-adults-2018
  coventry-children)

section "qaf $("$qaf" --version): bundled rule packs"
"$qaf" packs | awk -F'\t' '{ printf "  %-28s %-8s %s\n", $1, $3, $2 }'

section "Bolton children's services as of ${as_of[bolton-children-2024]}: the portfolio summary (examples/bolton-children-2024.json names its pack)"
"$qaf" assess --portfolio examples/bolton-children-2024.json --as-of "${as_of[bolton-children-2024]}" \
  --format text | sed -n '1,/overdue from before/p'
echo "  ... then a block a provider: $qaf assess --portfolio examples/bolton-children-2024.json --format text"

section "The HTML report of every pack's example portfolio"
mkdir -p "$out"
for pack in "${packs[@]}"; do
  "$qaf" assess --portfolio "examples/$pack.json" --as-of "${as_of[$pack]}" --format html \
    >"$out/$pack.html"
  providers=$(grep -c '<section class="provider"' "$out/$pack.html")
  printf '  %-28s %2d providers  %s\n' "$pack" "$providers" "$(realpath "$out/$pack.html")"
done
echo "  open one in a browser; each prints on A4"

section "Working days: 10 working days after 20 December $(date +%Y) (a deadline across Christmas)"
"$qaf" calendar add-working-days "$(date +%Y)-12-20" 10
