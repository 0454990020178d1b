/* SPDX-License-Identifier: MIT */
/*
 * dlopen: helpers shared by the programs of this scenario.  Every check
 * prints one line, "<what>: ok" or "<what>: FAIL ...", so the expected
 * files read as a list of the behaviours checked; dlerror() texts are
 * printed as they are (the library directory shows as @DIR@ in the
 * expected files).
 */
#ifndef DLTEST_H
#define DLTEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* RTLD_DEFAULT, RTLD_NEXT, dladdr, dlinfo */
#endif
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>

#include "rt.h"

static inline void check(const char *what, int ok)
{
	rt_print(what);
	rt_puts(ok ? ": ok" : ": FAIL");
}

/* Print "WHAT: <dlerror() text>" ("(null)" when there is none). */
static inline void show_dlerror(const char *what)
{
	const char *e = dlerror();

	rt_print(what);
	rt_print(": ");
	rt_puts(e ? e : "(null)");
}

/* /proc/self/maps, read whole (static: these programs have no heap). */
static char dlt_maps[1 << 18];

static inline const char *maps_read(void)
{
	rt_maps_read(dlt_maps, sizeof(dlt_maps));
	return dlt_maps;
}

/* Is a file named BASE (exactly, after a '/') mapped? */
static inline int maps_has(const char *base)
{
	const char *m = maps_read();
	size_t n = rt_strlen(base);

	for (const char *p = m; (p = rt_strstr(p, base)); p++)
		if (p > m && p[-1] == '/' && (p[n] == '\n' || p[n] == ' '))
			return 1;
	return 0;
}

static inline void str_hex(char *buf, unsigned long v)
{
	char tmp[17];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	*buf++ = '0';
	*buf++ = 'x';
	while (n)
		*buf++ = tmp[--n];
	*buf = 0;
}

static inline int str_ends(const char *s, const char *suffix)
{
	size_t a = rt_strlen(s), b = rt_strlen(suffix);

	return a >= b && rt_strcmp(s + a - b, suffix) == 0;
}

#endif
