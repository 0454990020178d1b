# SPDX-License-Identifier: MIT
# The 'pipeline' workload of tests/check_system_workloads.py: coreutils,
# sed and grep in pipelines, in the current (empty) directory.  Every
# line it prints must be the same under myld as natively.
set -eu
seq 1 20000 | sed -e 's/3/three/g' -e 's/^\([0-9]*\)7$/seven:\1/' >a.txt
grep -c three a.txt
grep -E '^seven:' a.txt | cut -d: -f2 | sort -n | tail -n 3
tr '0-9' 'a-j' <a.txt | sort | uniq -c | sort -k1,1nr -k2 | head -n 5
# sort's own shuffle, seeded by a file; and a sort big enough for sort's
# worker threads (--parallel) to merge
sort -R --random-source=a.txt a.txt | sha256sum
cat a.txt a.txt a.txt | sort --parallel=2 -S 64K | uniq -d | wc -l
wc -l -w -c a.txt
sha256sum a.txt | cut -c1-64
od -An -tx1 -N16 a.txt
base64 -w 60 a.txt | tail -n 2
split -l 3000 a.txt part.
ls part.* | wc -l
cat part.* | sha256sum
printf 'pear\napple\nfig\n' | sort | paste -sd,
sed -n '/^seven:1000/,+2p' a.txt | tr 'a-z' 'A-Z'
grep -n -m 2 -w 'three' a.txt || echo "no whole-word three"
