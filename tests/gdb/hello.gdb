# hello: break main, the library list, a breakpoint in a library function.
# Run in both modes by run_gdb.py (see hello.expect).
break main
run
info inferiors
info sharedlibrary
break hello_greeting
continue
bt
continue
