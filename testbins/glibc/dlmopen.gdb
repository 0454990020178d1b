# glibc/gdb_dlmopen: gdb on a copy of dlmopen_main whose PT_INTERP is the
# loader under test (see dlmopen.expect), stopped where three copies of
# libdmlib.so and libc.so.6 are loaded, in three namespaces.
set breakpoint pending on
break dm_libc_works
run .
info sharedlibrary
kill
