#!/bin/bash
# Output bytes of every sample and docs example, to diff two builds:
#   scripts/bench/golden.sh OUTDIR [REPO]   (REPO: the checkout whose bin/comp.js and dist/ run; default: this one)
#   diff -r OUT_A OUT_B
# `comp run` in text/json/csv, `comp explain` on two (rep, period) pairs per plan, `comp check` on
# every plan, and data-error runs: the CRM sample's data with bad cells, quotes, CRLF, a BOM and
# a last line without a line break (made here, deterministically), so data errors are compared too.
set -u
out=$(realpath -m "$1"); repo=$(realpath "${2:-$(dirname "$0")/../..}")
here=$(realpath "$(dirname "$0")/../..")
mkdir -p "$out"; cd "$here"
comp() { node "$repo/bin/comp.js" "$@"; }
for p in samples/*/plan.comp docs/examples/*/plan.comp; do
  d=$(dirname "$p"); n=$(echo "$d" | tr / _)
  comp check "$p" > "$out/$n.check" 2>&1; echo "rc=$?" >> "$out/$n.check"
  [ -d "$d/data" ] || continue
  for f in table csv json; do comp run "$p" --data "$d/data" --format $f > "$out/$n.$f" 2>&1; echo "rc=$?" >> "$out/$n.$f"; done
  tail -n +2 "$out/$n.csv" | grep -v '^rc=' | cut -d, -f1,2 | sort -u | awk 'NR%7==1' | head -2 | while IFS=, read -r rep per; do
    comp explain "$p" --data "$d/data" --rep "$rep" --period "$per" > "$out/$n.explain.$rep.$per" 2>&1; echo "rc=$?" >> "$out/$n.explain.$rep.$per"
  done
done
# bad data: the CRM sample's files, altered
bad=$(mktemp -d); trap 'rm -rf "$bad"' EXIT
src=samples/crm/data
mk() { rm -rf "$bad/$1"; mkdir -p "$bad/$1"; cp "$src"/* "$bad/$1/"; }
mk cells;  sed -i -e '5s/,Won,/,Wonn,/' -e '9s/2017-0/2017-1/' -e '12s/,[0-9]*$/,12x/' -e '20s/^[^,]*,/,/' "$bad/cells/sales_pipeline.csv"
mk crlf;   sed -i -e 's/$/\r/' -e '7s/,Won,/,Wo n,/' "$bad/crlf/sales_pipeline.csv"
mk bom;    sed -i -e '1s/^/\xef\xbb\xbf/' -e '3s/,[0-9]*$/,1.5.5/' "$bad/bom/sales_pipeline.csv"; printf '%s' "$(cat "$bad/bom/reps.csv")" > "$bad/bom/reps.csv"
mk quotes; sed -i -e '4s/,Won,/,"Won",/' -e '6s/,Won,/,"W""on",/' -e '8s/,Won,/,W"on,/' "$bad/quotes/sales_pipeline.csv"
mk multiline; sed -i -e '4s/,Won,/,"Wo\nn",/' -e '10s/,Won,/,"Lost\r\nX",/' -e '14s/$/,extra/' "$bad/multiline/sales_pipeline.csv"
mk unclosed; sed -i -e '30s/,Won,/,"Won,/' "$bad/unclosed/sales_pipeline.csv"
mk utf8;   sed -i -e '5s/,Won,/,Wön,/' -e '6s/^\([^,]*\),/\1é€😀,/' -e '7s/,[0-9]*$/,1é2/' "$bad/utf8/sales_pipeline.csv"; printf '\xff\xfe,x\n' >> "$bad/utf8/sales_pipeline.csv"
for k in cells crlf bom quotes multiline unclosed utf8; do
  for f in table json; do comp run samples/crm/plan.comp --data "$bad/$k" --format $f 2>&1 | sed "s#$bad#BAD#g" > "$out/bad_$k.$f"; echo "rc=${PIPESTATUS[0]}" >> "$out/bad_$k.$f"; done
done
echo "$(ls "$out" | wc -l) outputs in $out"
