#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`myld tls` (docs/gdb/myld.py) under qemu's gdb stub, which shows no
thread-pointer register: the thread pointer it prints must be the one
myld set, read from arch_set_tp's argument at a breakpoint.

usage: qemu_tls.py GDB WRAPPER MYLD PROG SOURCE_ROOT"""
import os
import re
import shlex
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from timeouts import scaled  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def main():
    gdb, wrapper, myld, prog, root = sys.argv[1:6]
    wrapper = shlex.split(wrapper)
    port = str(free_port())
    qemu = subprocess.Popen(wrapper + ['-g', port, myld,
                                       './' + os.path.basename(prog)],
                            cwd=os.path.dirname(prog),
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    sysroot = next((wrapper[i + 1] for i, a in enumerate(wrapper[:-1])
                    if a == '-L'), '/')
    cmds = [f'set sysroot {sysroot}', f'file {myld}',
            f'target remote 127.0.0.1:{port}', 'break arch_set_tp',
            'continue', 'delete', 'break stage_initialise', 'continue',
            f'source {root}/docs/gdb/myld.py', 'myld tls', 'kill']
    try:
        args = [gdb, '-batch', '-nx']
        for c in cmds:
            args += ['-ex', c]
        out = subprocess.run(args, capture_output=True, text=True,
                             timeout=scaled(120)).stdout
    finally:
        qemu.kill()
        qemu.wait()
    print(out)
    truth = re.search(r'arch_set_tp \(tp=(0x[0-9a-f]+)\)', out)
    shown = re.search(r'^thread pointer: (0x[0-9a-f]+) \(from ', out, re.M)
    if not truth or not shown or int(truth[1], 16) != int(shown[1], 16):
        print(f'FAIL: myld set {truth and truth[1]}, `myld tls` says '
              f'{shown and shown[1]}')
        return 1
    print('1 passed, 0 failed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
