/* SPDX-License-Identifier: MIT */
/*
 * The libraries of dlinfo_main.c: one source, built several ways.
 *
 *   DI_TLS_ADDR=f DI_TLS_INIT=n  a thread-local int, the library's only
 *                 TLS (so its address starts the library's TLS block),
 *                 and f() returning that address in the calling thread;
 *   DI_CALLS=g    a call to g(), a dependency's, which keeps the
 *                 DT_NEEDED on it (the toolchain links with --as-needed);
 *   DI_DEFINE=h   h(), for a library that depends on this one;
 *   DI_OPENER=o   o(path, mode), which dlopen()s PATH: its caller.
 */
#ifdef DI_TLS_ADDR
/* static: a reference to it cannot bind to another library's. */
static __thread int di_tls_var = DI_TLS_INIT;

int *DI_TLS_ADDR(void)
{
	return &di_tls_var;
}
#endif

#ifdef DI_CALLS
int DI_CALLS(void);

__attribute__((visibility("hidden"))) int di_call_dependency(void)
{
	return DI_CALLS();
}
#endif

#ifdef DI_DEFINE
int DI_DEFINE(void)
{
	return 1;
}
#endif

#ifdef DI_OPENER
#include <dlfcn.h>

void *DI_OPENER(const char *path, int mode)
{
	/* Not a tail call: dlopen's caller must be this library. */
	void *volatile handle = dlopen(path, mode);

	return handle;
}
#endif
