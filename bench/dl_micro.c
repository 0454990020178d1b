/* SPDX-License-Identifier: MIT */
/*
 * dl_micro LIB CHAIN N M: CPU time, in nanoseconds per operation of the
 * process's CPU clock, of
 *   - N dlsym calls: a symbol of LIB through its handle, one of libc
 *     through RTLD_DEFAULT, and dlvsym of LIB's versioned symbol;
 *   - N dlopen/dlclose pairs of LIB while a handle keeps it loaded (a
 *     reference count taken and given back);
 *   - M dlopen/dlclose cycles that load and unload: LIB with RTLD_NOW,
 *     LIB with RTLD_LAZY, and CHAIN (which needs two more libraries,
 *     three objects in all) with RTLD_NOW.
 * Built and run by bench/dl_micro.py, under myld and under glibc's
 * loader.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* CPU ns per dlopen(PATH, MODE) + dlclose, over M cycles. */
static double cycles(const char *path, int mode, long m)
{
	double t0 = cpu_ns();

	for (long i = 0; i < m; i++) {
		void *h = dlopen(path, mode);
		if (!h) {
			fprintf(stderr, "dl_micro: %s\n", dlerror());
			exit(1);
		}
		dlclose(h);
	}
	return (cpu_ns() - t0) / m;
}

int main(int argc, char **argv)
{
	if (argc != 5)
		return 2;
	const char *lib = argv[1], *chain = argv[2];
	long n = atol(argv[3]), m = atol(argv[4]);
	void *keep = dlopen(lib, RTLD_NOW);
	if (!keep)
		return 1;
	volatile void *sink;
	double t0 = cpu_ns();
	for (long i = 0; i < n; i++)
		sink = dlsym(keep, "micro_value");
	double t1 = cpu_ns();
	for (long i = 0; i < n; i++)
		sink = dlsym(RTLD_DEFAULT, "strlen");
	double t2 = cpu_ns();
	for (long i = 0; i < n; i++)
		sink = dlvsym(keep, "micro_versioned", "MICRO_1");
	double t3 = cpu_ns();
	if (!sink)
		return 1;
	double loaded = cycles(lib, RTLD_NOW, n);
	dlclose(keep);
	double now = cycles(lib, RTLD_NOW, m);
	double lazy = cycles(lib, RTLD_LAZY, m);
	double three = cycles(chain, RTLD_NOW, m);
	printf("dlsym(handle) %.0f ns\ndlsym(RTLD_DEFAULT) %.0f ns\n"
	       "dlvsym(handle) %.0f ns\n"
	       "dlopen+dlclose, already loaded %.0f ns\n"
	       "dlopen+dlclose %.0f ns\n"
	       "dlopen+dlclose RTLD_LAZY %.0f ns\n"
	       "dlopen+dlclose of 3 libraries %.0f ns\n",
	       (t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n, loaded, now,
	       lazy, three);
	return 0;
}
