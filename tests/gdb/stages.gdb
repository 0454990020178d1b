# hello: every loading stage is a function gdb can stop in, in order.
break stage_map_program
break stage_load_dependencies
break stage_setup_tls
break stage_relocate
break stage_initialise
break stage_hand_off
break main
run
bt 1
continue
bt 1
continue
bt 1
continue
bt 1
continue
bt 1
continue
bt 1
continue
bt 1
continue
