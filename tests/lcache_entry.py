# SPDX-License-Identifier: MIT
"""The launch cache's entry file (loader/launch_cache_format.h), for tests
that craft entries myld must accept: its header, where its bindings lie,
and its checksum, so that a changed entry can be sealed again.  Native
byte order, as myld writes it (little-endian on both of our CPUs)."""

import struct

# magic, version, machine, header_size, total_size, checksum, key_size,
# nobjects, nbindings, strings_size, nlazy, reserved
HEADER = struct.Struct('<8sIHHQQIIIIII')
CHECKSUM_AT = 24
OBJECT_SIZE = 80
BINDING = struct.Struct('<IHH')		# def_sym, def_obj, check
LAZY_SIZE = 16
NO_OBJECT = 0xffff


MIX = 0x9e3779b97f4a7c15


def checksum_add(h, part):
    """lcf_checksum_add: PART's words two a multiplication."""
    mask = (1 << 64) - 1
    words = [w for (w,) in struct.iter_unpack('<Q', part)]
    for i in range(0, len(words) - 1, 2):
        h = (((h ^ words[i]) + words[i + 1]) * MIX) & mask
    if len(words) % 2:
        h = ((h ^ words[-1]) * MIX) & mask
    return h


def checksum(data):
    """lcf_checksum_parts of the entry DATA, after its header: the key
    (padded), the objects, the bindings, the lazy slots and the strings
    (padded), each summed on its own."""
    (_, _, _, hsize, total, _, key_size, nobjects, nbindings,
     strings_size, nlazy, _) = HEADER.unpack_from(data)
    at = [hsize]
    at.append(at[-1] + (key_size + 7) // 8 * 8)
    at.append(at[-1] + nobjects * OBJECT_SIZE)
    at.append(at[-1] + nbindings * BINDING.size)
    at.append(at[-1] + nlazy * LAZY_SIZE)
    at.append(total)
    h = 0x6d796c646c630003
    for start, end in zip(at, at[1:]):
        h = checksum_add(h, bytes(data[start:end]))
    return h ^ (h >> 29)


def bindings(data):
    """(offset of the first binding, their number) in the entry DATA;
    raises AssertionError for a layout this module does not know."""
    (magic, _, _, hsize, total, _, key_size, nobjects, nbindings,
     strings_size, nlazy, _) = HEADER.unpack_from(data)
    at = hsize + (key_size + 7) // 8 * 8 + nobjects * OBJECT_SIZE
    end = at + nbindings * BINDING.size + nlazy * LAZY_SIZE + strings_size
    assert magic == b'MYLDLC\r\n' and hsize == HEADER.size and \
        (end + 7) // 8 * 8 == total, 'not an entry layout the test knows'
    return at, nbindings


def seal(data):
    """Write DATA's checksum into its header, after a change."""
    struct.pack_into('<Q', data, CHECKSUM_AT, checksum(data))
