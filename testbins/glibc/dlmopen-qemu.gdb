# glibc/gdb_dlmopen under qemu-user: as dlmopen.gdb, but the program
# already waits at its first instruction ("continue", and no argument:
# dlmopen_main then looks in ".", gdb's and the program's directory).
set breakpoint pending on
break dm_libc_works
continue
info sharedlibrary
kill
