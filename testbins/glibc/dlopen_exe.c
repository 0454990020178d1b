/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlopen_exe.c - dlopen of files that are programs, not
 * libraries: each argument is a path; prints dlerror's reason without
 * the path (which differs between the test's copies).  glibc refuses a
 * program linked at a fixed address (ET_EXEC) and a position-
 * independent one (DF_1_PIE), whatever it is named.
 *
 * The argument EMPTY asks for the empty name instead: glibc's loader
 * gives the program's own handle, the one dlopen(NULL) gives (its link
 * map for the program is named "").
 *
 * The argument MODES checks dlopen's modes: a mode without RTLD_LAZY
 * or RTLD_NOW, or with a bit dlopen does not know, is refused, the
 * program's own handle included; dlmopen does not check unknown bits.
 * (glibc 2.36 asserts on __RTLD_SPROF, and on a refused dlmopen into a
 * new namespace, so neither is asked here.)
 *
 * The argument DLSYM looks up a symbol nobody defines through
 * RTLD_DEFAULT, RTLD_NEXT and dlvsym: dlerror names the object the
 * search was for, the caller (the program, shown as "(program)").
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static void show_open(const char *what, void *h)
{
	const char *why = dlerror();

	printf("%s: %s, %s\n", what, h ? "handle" : "NULL",
	       why ? why : "no error");
}

static void modes(void)
{
	show_open("dlopen(NULL, 0)", dlopen(NULL, 0));
	show_open("dlopen(NULL, RTLD_NOW | 0x80000)",
		  dlopen(NULL, RTLD_NOW | 0x80000));
	show_open("dlopen(\"\", 0)", dlopen("", 0));
	show_open("dlopen(libm, RTLD_NOW | 0x80000)",
		  dlopen("libm.so.6", RTLD_NOW | 0x80000));
	/* Unknown bits first: RTLD_NOLOAD's quiet NULL is not reached. */
	show_open("dlopen(libm, 0x1234567)", dlopen("libm.so.6", 0x1234567));
	show_open("dlopen(libm, 0x80000)", dlopen("libm.so.6", 0x80000));
	show_open("dlmopen(LM_ID_BASE, NULL, 0)", dlmopen(LM_ID_BASE, NULL, 0));
	show_open("dlmopen(LM_ID_BASE, libm, RTLD_NOW | 0x80000)",
		  dlmopen(LM_ID_BASE, "libm.so.6", RTLD_NOW | 0x80000));
}

static void show_sym(const char *what, void *p, const char *argv0)
{
	const char *why = dlerror();
	size_t n = strlen(argv0);

	if (why && !strncmp(why, argv0, n) && why[n] == ':')
		printf("%s: %s, (program)%s\n", what, p ? "found" : "NULL",
		       why + n);
	else
		printf("%s: %s, %s\n", what, p ? "found" : "NULL",
		       why ? why : "no error");
}

static void dlsym_errors(const char *argv0)
{
	show_sym("dlsym(RTLD_DEFAULT)",
		 dlsym(RTLD_DEFAULT, "dlopen_exe_nowhere"), argv0);
	show_sym("dlsym(RTLD_NEXT)", dlsym(RTLD_NEXT, "dlopen_exe_nowhere"),
		 argv0);
	show_sym("dlvsym(RTLD_DEFAULT)",
		 dlvsym(RTLD_DEFAULT, "dlopen_exe_nowhere", "V_1"), argv0);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "DLSYM")) {
			dlsym_errors(argv[0]);
			continue;
		}
		if (!strcmp(argv[i], "MODES")) {
			modes();
			continue;
		}
		if (!strcmp(argv[i], "EMPTY")) {
			void *h = dlopen("", RTLD_NOW);

			printf("(empty name): %s\n",
			       !h ? dlerror()
			       : h == dlopen(NULL, RTLD_NOW) ? "the program"
							     : "another object");
			continue;
		}
		const char *base = strrchr(argv[i], '/');
		void *h = dlopen(argv[i], RTLD_NOW);
		const char *why = h ? "loaded" : dlerror();
		size_t n = strlen(argv[i]);

		/* "<path>: <reason>" */
		if (!h && why && !strncmp(why, argv[i], n) && why[n] == ':')
			why += n + 2;
		printf("%s: %s\n", base ? base + 1 : argv[i], why ? why : "?");
	}
	return 0;
}
