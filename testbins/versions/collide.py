#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Give an object's first version need the index of its first version
definition after the base one, in DT_VERNEED and in DT_VERSYM: one index
then names both, which no linker produces (testbins/versions/main_both.c).

  collide.py IN OUT
"""
import os
import struct
import sys

SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM = (0x6ffffffd, 0x6ffffffe,
                                                   0x6fffffff)


def sections(data):
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum = struct.unpack_from('<HH', data, 0x3a)
    for k in range(shnum):
        sh_type, = struct.unpack_from('<I', data, shoff + k * shentsize + 4)
        offset, size = struct.unpack_from('<QQ', data,
                                          shoff + k * shentsize + 0x18)
        yield sh_type, offset, size


def main(src, dst):
    with open(src, 'rb') as f:
        data = bytearray(f.read())
    found = {t: (o, s) for t, o, s in sections(data)}
    vd, _ = found[SHT_GNU_VERDEF]
    vn, _ = found[SHT_GNU_VERNEED]
    vs, vs_size = found[SHT_GNU_VERSYM]
    # The second Verdef (after the base one): its vd_ndx.
    second = vd + struct.unpack_from('<I', data, vd + 16)[0]
    want, = struct.unpack_from('<H', data, second + 4)
    # The first Vernaux of the first Verneed: its vna_other.
    aux = vn + struct.unpack_from('<I', data, vn + 8)[0]
    old, = struct.unpack_from('<H', data, aux + 6)
    struct.pack_into('<H', data, aux + 6, want)
    for at in range(vs, vs + vs_size, 2):
        v, = struct.unpack_from('<H', data, at)
        if v & 0x7fff == old:
            struct.pack_into('<H', data, at, (v & 0x8000) | want)
    with open(dst, 'wb') as f:
        f.write(data)
    os.chmod(dst, 0o755)


if __name__ == '__main__':
    main(*sys.argv[1:])
