# glibc/gdb under qemu-user (aarch64): like hello.gdb, but gdb is
# connected to qemu's gdb stub (tests/gdb/run_gdb.py --qemu), where the
# program already waits at its first instruction: "continue", not "run".
break main
continue
info sharedlibrary
info threads
continue
