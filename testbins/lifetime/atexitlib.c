/* SPDX-License-Identifier: MIT */
/* libatexit.so: registers an atexit handler from its constructor.  In a
 * shared library atexit() registers with the library's __dso_handle, and
 * the library's own finaliser (__cxa_finalize) runs such handlers when it
 * is unloaded, not at exit. */
#include <stdio.h>
#include <stdlib.h>

static void handler(void)
{
	printf("libatexit: atexit handler runs\n");
}

__attribute__((constructor)) static void init(void)
{
	atexit(handler);
}

__attribute__((destructor)) static void fini(void)
{
	printf("libatexit: library destructor runs\n");
}

int atexit_lib_value(void)
{
	return 3;
}
