#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make a broken ELF file from a good one, for the negative tests.

  mkbad.py truncate N IN OUT      keep the first N bytes
  mkbad.py class32 IN OUT         e_ident[EI_CLASS] = ELFCLASS32
  mkbad.py machine NUM IN OUT     e_machine = NUM (little-endian)
"""
import os
import sys


def main(argv):
    op = argv[1]
    args = argv[2:]
    param = int(args.pop(0)) if op in ('truncate', 'machine') else None
    src, dst = args
    with open(src, 'rb') as f:
        data = bytearray(f.read())
    if op == 'truncate':
        data = data[:param]
    elif op == 'class32':
        data[4] = 1
    elif op == 'machine':
        data[18:20] = param.to_bytes(2, 'little')
    else:
        sys.exit(f'mkbad.py: unknown operation {op}')
    with open(dst, 'wb') as f:
        f.write(data)
    os.chmod(dst, 0o755)


if __name__ == '__main__':
    main(sys.argv)
