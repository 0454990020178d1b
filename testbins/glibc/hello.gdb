# glibc/gdb: gdb on a copy of hello whose PT_INTERP is the loader under
# test (tests/check_glibc_programs.py runs it through tests/gdb/run_gdb.py
# in interp mode; see hello.expect).
break main
run
info sharedlibrary
info threads
continue
