#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Invariants of the built loader, checked on the binary itself:
#   - it is ET_DYN (a self-relocating position-independent object);
#   - it has no PT_INTERP and no DT_NEEDED: it depends on nothing, and in
#     particular on no libc;
#   - its only dynamic relocations are relative ones (RELATIVE or RELR),
#     the only kind boot.c knows how to apply before myld is relocated;
#   - no DT_TEXTREL, no undefined dynamic symbols, and no PT_LOAD that is
#     both writable and executable;
#   - it exports exactly the symbols listed in its export map
#     (loader/exports.map, or loader/glibc/exports-glibc.map); the
#     version nodes' own ABS symbols are not exports.
#
# usage: check-myld-binary.sh MYLD EXPORTS_MAP
set -eu
set -f	# names are not patterns

myld=$1
exports_map=$2
readelf=${READELF:-readelf}
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

header=$($readelf -hW "$myld")
phdrs=$($readelf -lW "$myld")
dynamic=$($readelf -dW "$myld")
relocs=$($readelf -rW "$myld")
dynsyms=$($readelf --dyn-syms -W "$myld")

echo "$header" | grep -Eq 'Type:[[:space:]]+DYN' ||
	fail "not ET_DYN"
echo "$phdrs" | grep -Eq '^[[:space:]]+INTERP[[:space:]]' &&
	fail "has a PT_INTERP"
echo "$phdrs" | grep -Eq '^[[:space:]]+DYNAMIC[[:space:]]' ||
	fail "has no PT_DYNAMIC (it could not relocate itself)"
echo "$dynamic" | grep -q '(NEEDED)' &&
	fail "has DT_NEEDED entries: $(echo "$dynamic" | grep '(NEEDED)')"
echo "$dynamic" | grep -q '(TEXTREL)' && fail "has DT_TEXTREL"
echo "$dynamic" | grep -Eq '\(FLAGS\).*TEXTREL' && fail "has DF_TEXTREL"

# Every PT_LOAD flag field: "RW " and "R E" are fine, "RWE" is not.
echo "$phdrs" | awk '$1 == "LOAD" { print $(NF-1) }' | grep -q 'WE' &&
	fail "a PT_LOAD is writable and executable"

# Relocation entries are the lines that start with an offset; .relr.dyn
# lists bare offsets and is relative by construction.
bad_relocs=$(echo "$relocs" |
	awk '/^Relocation section/ { relr = ($3 ~ /relr/); next }
	     !relr && /^[0-9a-f]+[[:space:]]+[0-9a-f]+[[:space:]]+R_/ { print $3 }' |
	grep -Ev '^R_(X86_64|AARCH64)_RELATIVE$' || true)
[ -z "$bad_relocs" ] ||
	fail "non-relative relocations: $(echo "$bad_relocs" | sort | uniq -c | tr '\n' ' ')"

# Symbol lines: "Num: Value Size Type Bind Vis Ndx Name".
undefined=$(echo "$dynsyms" |
	awk '$1 ~ /^[0-9]+:$/ && $1 != "0:" && $7 == "UND" { print $8 }')
[ -z "$undefined" ] || fail "undefined dynamic symbols: $undefined"

exported=$(echo "$dynsyms" |
	awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $7 != "ABS" && ($5 == "GLOBAL" || $5 == "WEAK") { sub(/@.*/, "", $8); print $8 }' |
	sort -u)
# The names the version script lists: its lines of the form "name;".
listed=$(sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);[[:space:]]*$/\1/p' \
	"$exports_map" | sort -u)
if [ "$exported" != "$listed" ]; then
	fail "exported symbols differ from exports.map: exported [$(echo $exported)], listed [$(echo $listed)]"
fi

if [ $failures -ne 0 ]; then
	echo "$failures invariant(s) broken in $myld"
	exit 1
fi
echo "ok: $myld is a self-contained ET_DYN with only relative relocations"
