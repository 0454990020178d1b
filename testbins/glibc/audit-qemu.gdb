# glibc/gdb_audit under qemu-user: as audit.gdb, but the program already
# waits at its first instruction ("continue"), and LD_AUDIT is in the
# guest's environment through qemu's -E (check_glibc_programs.py).
set breakpoint pending on
break startup_search_value
continue
info sharedlibrary libauditor
info sharedlibrary libaudited
info sharedlibrary libstartupsearch
info sharedlibrary libc\.so
kill
