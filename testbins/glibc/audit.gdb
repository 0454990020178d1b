# glibc/gdb_audit: gdb on a copy of audit_main whose PT_INTERP is the
# loader under test (see audit.expect), with testbins/glibc/auditor.c as
# LD_AUDIT (found through the program's RUNPATH), stopped in the program's
# first call.  The auditor's namespace is made before the program's
# libraries are loaded; gdb must follow both namespaces through the SDT
# probes without giving up on them.
set breakpoint pending on
set environment LD_AUDIT libauditor.so
break startup_search_value
run
info sharedlibrary libauditor
info sharedlibrary libaudited
info sharedlibrary libstartupsearch
info sharedlibrary libc\.so
kill
