# init_order: breakpoints in library constructors (an init_array function
# and a DT_INIT function), and a backtrace from inside one that ends at
# myld's _start with nothing after it.
break io_b_dt_init
break init
run
info symbol $pc
bt
echo ---end of backtrace---\n
delete 2
continue
info symbol $pc
bt
echo ---end of backtrace---\n
info sharedlibrary
continue
