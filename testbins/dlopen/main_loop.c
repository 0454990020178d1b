/* SPDX-License-Identifier: MIT */
/*
 * dlopen: 1000 rounds of dlopen, dlsym, a call and dlclose of
 * libdl_lp1.so (which needs libdl_lp2.so, with dynamic TLS).  After a
 * first round, which may fill caches, the rounds must leak nothing:
 * /proc/self/maps has the same number of lines and the same total size
 * of anonymous mappings (where myld's allocator gets its memory) before
 * and after, and every constructor had its destructor.
 */
#include "dltest.h"

#define ROUNDS 1000

static long inits, finis;

void loop_note(int what)
{
	if (what > 0)
		inits++;
	else
		finis++;
}

/* Lines of /proc/self/maps, and bytes of anonymous mappings: those
 * with inode 0 and no name (not [stack], [vvar] and the like). */
static void measure(long *lines, unsigned long *anon)
{
	const char *cursor = maps_read();
	struct rt_mapping m;

	*lines = 0;
	*anon = 0;
	while (rt_maps_next(&cursor, &m)) {
		if (m.inode_zero && m.name_len == 0)
			*anon += m.end - m.start;
		(*lines)++;
	}
}

static int round_trip(void)
{
	void *h = dlopen("libdl_lp1.so", RTLD_NOW);
	if (!h) {
		show_dlerror("dlopen failed");
		return -1;
	}
	int (*f)(void) = (int (*)(void))dlsym(h, "lp1_value");
	int v = f ? f() : -1;
	if (dlclose(h) != 0)
		return -1;
	return v;
}

int main(void)
{
	long lines0, lines1;
	unsigned long anon0, anon1;

	check("first round", round_trip() == 42);
	measure(&lines0, &anon0);
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++)
		bad += round_trip() != 42;
	measure(&lines1, &anon1);
	check("every round returned 42", bad == 0);
	check("constructors ran 2002 times", inits == 2 * (ROUNDS + 1));
	check("destructors ran 2002 times", finis == 2 * (ROUNDS + 1));
	check("libdl_lp1.so unmapped", !maps_has("libdl_lp1.so"));
	check("libdl_lp2.so unmapped", !maps_has("libdl_lp2.so"));
	check("same number of mappings", lines0 == lines1);
	check("same size of anonymous mappings", anon0 == anon1);
	if (lines0 != lines1 || anon0 != anon1) {
		rt_print("lines ");
		rt_print_dec(lines0);
		rt_print(" -> ");
		rt_print_dec(lines1);
		rt_print(", anonymous bytes ");
		rt_print_dec((long)anon0);
		rt_print(" -> ");
		rt_print_dec((long)anon1);
		rt_puts("");
	}
	return 0;
}
