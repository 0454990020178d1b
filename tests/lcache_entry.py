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


def checksum(data):
    """lcf_checksum of DATA."""
    mask = (1 << 64) - 1
    h = 0x6d796c646c630002
    for (word,) in struct.iter_unpack('<Q', data[:len(data) // 8 * 8]):
        h = ((h ^ word) * 0x9e3779b97f4a7c15) & mask
    if len(data) % 8:
        tail = data[len(data) // 8 * 8:].ljust(8, b'\0')
        h = ((h ^ struct.unpack('<Q', tail)[0]) * 0x9e3779b97f4a7c15) & mask
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
    hsize = HEADER.size
    total = HEADER.unpack_from(data)[4]
    struct.pack_into('<Q', data, CHECKSUM_AT, checksum(bytes(data[hsize:total])))
