#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""weak_verneed.py IN OUT VERSION: copy the ELF64 little-endian file IN
to OUT with its DT_VERNEED requirement VERSION marked VER_FLG_WEAK, as a
linker would for a version only weak references need (GNU ld does not)."""
import os
import struct
import sys

VER_FLG_WEAK = 2
SHT_GNU_VERNEED = 0x6ffffffe


def main():
    src, dst, want = sys.argv[1], sys.argv[2], sys.argv[3].encode()
    data = bytearray(open(src, 'rb').read())
    assert data[:4] == b'\x7fELF' and data[4] == 2 and data[5] == 1
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum = struct.unpack_from('<HH', data, 0x3a)
    sections = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
                for i in range(shnum)]
    marked = 0
    for (_, stype, _, _, off, _, link, info, _, _) in sections:
        if stype != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]
        at = off
        for _ in range(info):
            _, _, _, aux, nxt = struct.unpack_from('<HHIII', data, at)
            a = at + aux
            while True:
                _, flags, _, name, anext = struct.unpack_from('<IHHII', data, a)
                end = data.index(b'\0', strtab + name)
                if bytes(data[strtab + name:end]) == want:
                    struct.pack_into('<H', data, a + 4, flags | VER_FLG_WEAK)
                    marked += 1
                if not anext:
                    break
                a += anext
            if not nxt:
                break
            at += nxt
    if marked != 1:
        sys.exit(f'{src}: {want.decode()} needed {marked} times, not once')
    open(dst, 'wb').write(data)
    os.chmod(dst, 0o755)


if __name__ == '__main__':
    main()
