# docs/gdb/myld.py on the tls testbin (a program and four libraries with
# TLS): each command's output, and two cross-checks against independent
# sources: the LOAD segments of "myld objects" against /proc/PID/maps,
# and the counts of "myld relocs" against readelf -r on the files.
source @SRC@/docs/gdb/myld.py
break main
run
myld objects
myld relocs
myld tls
myld symbol gd_write_p_shared
python
import re, subprocess
objects = gdb.execute('myld objects', to_string=True)
pid = gdb.selected_inferior().pid
maps = []
with open(f'/proc/{pid}/maps') as f:
    for line in f:
        rng, perms = line.split()[:2]
        lo, hi = (int(x, 16) for x in rng.split('-'))
        maps.append((lo, hi, perms[:3]))
checked = bad = 0
relro = []
for m in re.finditer(r'GNU_RELRO +0x([0-9a-f]+)-0x([0-9a-f]+)', objects):
    relro.append((int(m.group(1), 16) & ~0xfff, int(m.group(2), 16)))
for m in re.finditer(r'LOAD +0x([0-9a-f]+)-0x([0-9a-f]+) ([-rwx]{3})',
                     objects):
    lo = int(m.group(1), 16) & ~0xfff
    perms = m.group(3)
    if any(a <= lo < b for a, b in relro):
        perms = perms.replace('w', '-')     # made read-only after relocation
    hit = [p for a, b, p in maps if a <= lo < b]
    checked += 1
    if hit != [perms]:
        bad += 1
        print(f'MISMATCH: {lo:#x} {perms} in maps as {hit}')
print(f'maps check: {checked} LOAD segments, {bad} mismatches')
relocs = gdb.execute('myld relocs', to_string=True)
checked = bad = 0
for block in re.split(r'\n(?=\[\d+\] )', relocs):
    m = re.match(r'\[\d+\] (\S+)', block)
    if not m or m.group(1).endswith('/myld'):
        continue
    path = m.group(1)
    mine = {t: int(n) for t, n in re.findall(r'^    (R_\w+) +(\d+)', block,
                                              re.M)}
    out = subprocess.run(['readelf', '-rW', path], capture_output=True,
                         text=True).stdout
    theirs = {}
    for t in re.findall(r'^[0-9a-f]+ +[0-9a-f]+ +(R_\w+)', out, re.M):
        theirs[t] = theirs.get(t, 0) + 1
    checked += 1
    if mine != theirs:
        bad += 1
        print(f'MISMATCH: {path}: {mine} != readelf {theirs}')
print(f'readelf check: {checked} objects, {bad} mismatches')
end
continue
