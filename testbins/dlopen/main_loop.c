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

static unsigned long parse_hex(const char **p)
{
	unsigned long v = 0;

	for (;; (*p)++) {
		char c = **p;
		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (c - 'a' + 10);
		else
			return v;
	}
}

/* Lines of /proc/self/maps, and bytes of anonymous mappings: those
 * with inode 0 and no name (not [stack], [vvar] and the like). */
static void measure(long *lines, unsigned long *anon)
{
	const char *m = maps_read();

	*lines = 0;
	*anon = 0;
	for (const char *line = m; *line;) {
		const char *p = line;
		unsigned long start = parse_hex(&p);
		p++;
		unsigned long end = parse_hex(&p);
		/* " perms offset dev inode", then spaces and the name */
		for (int field = 0; field < 3; field++) {
			while (*p == ' ')
				p++;
			while (*p && *p != ' ' && *p != '\n')
				p++;
		}
		while (*p == ' ')
			p++;
		int inode_zero = p[0] == '0' && (p[1] == ' ' || p[1] == '\n');
		while (*p && *p != ' ' && *p != '\n')
			p++;
		while (*p == ' ')
			p++;
		if (inode_zero && (*p == '\n' || !*p))
			*anon += end - start;
		(*lines)++;
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
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
