# hello: set stop-on-solib-events 1 stops at myld's load events.
set stop-on-solib-events 1
run
info sharedlibrary
continue
info sharedlibrary
continue
