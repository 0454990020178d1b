# docs/gdb/myld.py, "myld symbol", on the versions testbin (lazy binding):
# two references to vfoo bound by version (V1 and V2), and the PLT slot
# of vfoo@V1 before and after its first call.
source @SRC@/docs/gdb/myld.py
break main
run
myld symbol vfoo
myld symbol vbar
myld symbol no_such_symbol
# Past the first call, vfoo_old() (vfoo@V1): its slot is bound now.
next 2
myld symbol vfoo
continue
