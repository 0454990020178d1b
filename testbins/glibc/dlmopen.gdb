# glibc/gdb_dlmopen: gdb on a copy of dlmopen_main whose PT_INTERP is the
# loader under test (see dlmopen.expect), stopped where three copies of
# libdmlib.so and libc.so.6 are loaded, in three namespaces.  Then the
# same from a core file of that moment: gdb reads the lists afresh from
# memory, following r_next, where the live session was told of each
# namespace by the SDT probes.
set breakpoint pending on
break dm_libc_works
run .
info sharedlibrary
gcore dlmopen.core
kill
core-file dlmopen.core
info sharedlibrary
