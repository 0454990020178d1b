// SPDX-License-Identifier: MIT
// A failed dlopen of a C++ library with an STB_GNU_UNIQUE symbol (an
// inline function's static local) and an undefined symbol, then dlopens
// of libraries sharing that static.  The failed library's definition may
// have been chosen as the one instance before the failure: once it is
// unmapped, nothing may still point into it.  Twice over, and the two
// good libraries must share one instance.
//
// A C++ program, so that libstdc++ is loaded at start-up and the failed
// dlopen maps (and unmaps) libuniq_bad.so alone.  After the failure the
// program fills the top free gaps of the address space with inaccessible
// pages (the kernel hands out the highest gap first, and the hole
// libuniq_bad.so left is among them), so that the next library is not
// mapped where it was: a stale pointer into it then faults instead of
// reading the newcomer's bytes.
#include "common.h"
#include <string>
#include <sys/mman.h>

#define FILLER_PAGES 64

static void fill_holes()
{
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < FILLER_PAGES; i++)
        if (mmap(nullptr, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                 0) == MAP_FAILED)
            lt_fail("mmap of a filler page failed");
}

static void try_bad(int attempt)
{
	char path[4096];

	if (dlopen(lt_path(path, sizeof(path), "libuniq_bad.so"), RTLD_NOW))
		lt_fail("dlopen libuniq_bad.so succeeded");
	const char *e = dlerror();
	printf("attempt %d: dlopen(libuniq_bad.so) failed, the message names "
	       "the missing symbol: %s\n", attempt,
	       e && strstr(e, "lt_function_nobody_defines") ? "yes" : "no");
	printf("attempt %d: libuniq_bad.so loaded after the failure: %s\n",
	       attempt, lt_loaded("libuniq_bad.so") ? "yes" : "no");
	fill_holes();
}

int main(int argc, char **argv)
{
	std::string started("started");   // needs libstdc++ at start-up
	lt_start(argc, argv);
	for (int attempt = 1; attempt <= 2; attempt++) {
		try_bad(attempt);
		void *good = lt_open("libuniq_good.so", RTLD_NOW);
		void *good2 = lt_open("libuniq_good2.so", RTLD_LAZY);
		auto entry = (int *(*)(void))lt_sym(good, "uniq_good");
		auto entry2 = (int *(*)(void))lt_sym(good2, "uniq_good2");
		int *p = entry(), *q = entry2();
		*p += 21;
		printf("attempt %d: the two good libraries share one "
		       "instance: %s, value %d\n", attempt,
		       p == q ? "yes" : "no", *q);
		/* Both stay (STB_GNU_UNIQUE makes its definer NODELETE under
		 * glibc), and the value with them: attempt 2 sees 42. */
		lt_close(good2, "libuniq_good2.so");
		lt_close(good, "libuniq_good.so");
	}
	return started.size() != 7;
}
