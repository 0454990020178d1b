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
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
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
