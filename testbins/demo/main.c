/* SPDX-License-Identifier: MIT */
/*
 * The demo program of the README.  It shows, from the inside, what a
 * dynamic loader did for it: which libraries were initialised in which
 * order, that the program's own definition of a symbol interposed the
 * library's, and where every object landed in memory with which
 * protections (from /proc/self/maps).
 */
#include "rt.h"

void describe_shapes(void);

/* Interposes libshapes.so's shape_count: the program comes first in the
 * lookup scope, so libshapes.so's own call reaches this one. */
int shape_count(void)
{
	return 4;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = rt_strlen(suffix);

	return n >= m && rt_strncmp(s + n - m, suffix, m) == 0;
}

/* Print the lines of /proc/self/maps that belong to the program, the
 * loader or a library (not the anonymous ones, the stack, the vdso). */
static void print_file_mappings(void)
{
	static char maps[16384];
	const char *cursor = maps;
	struct rt_mapping m;

	if (rt_read_file("/proc/self/maps", maps, sizeof(maps)) < 0)
		return;
	while (rt_maps_next(&cursor, &m)) {
		if (m.name_len && m.name[0] == '/' &&
		    (ends_with(m.name, m.name_len, ".so") ||
		     ends_with(m.name, m.name_len, "myld") ||
		     ends_with(m.name, m.name_len, "demo"))) {
			rt_print("  ");
			rt_write(1, m.line, m.line_len);
			rt_puts("");
		}
	}
}

int main(int argc, char **argv)
{
	rt_puts("[main] the program starts; its arguments:");
	for (int i = 0; i < argc; i++) {
		rt_print("  argv[");
		rt_print_dec(i);
		rt_print("] = ");
		rt_puts(argv[i]);
	}
	rt_print("[main] the loader was mapped at AT_BASE = ");
	rt_print_hex(rt_getauxval(7 /* AT_BASE */));
	rt_puts("");
	rt_puts("[main] libshapes.so calls shape_count(); the program's "
		"definition wins, so it lists 4 shapes:");
	describe_shapes();
	rt_puts("[main] every file-backed mapping (r-x code, r-- RELRO and "
		"constants, rw- data; never wx):");
	print_file_mappings();
	return 0;
}
