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

/* Print the lines of /proc/self/maps that belong to a file. */
static void print_file_mappings(void)
{
	static char maps[16384];
	long n = rt_read_file("/proc/self/maps", maps, sizeof(maps));

	if (n < 0)
		return;
	for (char *line = maps; *line;) {
		char *end = line;
		while (*end && *end != '\n')
			end++;
		size_t len = end - line;
		/* Skip anonymous mappings, the stack, the vdso. */
		if (len && line[len - 1] != ']' && rt_strstr(line, " /") &&
		    rt_strstr(line, " /") < end &&
		    (ends_with(line, len, ".so") || ends_with(line, len, "myld") ||
		     ends_with(line, len, "demo"))) {
			rt_write(1, "  ", 2);
			rt_write(1, line, len);
			rt_write(1, "\n", 1);
		}
		line = *end ? end + 1 : end;
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
