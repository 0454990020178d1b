# hello-lazy: docs/tutorial.md section 3, watching PLT slots being bound.
# `finish` out of lazy_bind finds the slot bound; a software watchpoint on
# the second slot stops at the write, with the old and new values.
break main
run
x/gx &'hello_greeting@got.plt'
break lazy_bind
continue
finish
x/gx &'hello_greeting@got.plt'
info symbol *(void **)&'hello_greeting@got.plt'
delete
set can-use-hw-watchpoints 0
watch *(void **)&'hello_answer@got.plt'
continue
delete
continue
