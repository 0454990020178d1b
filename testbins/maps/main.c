/* SPDX-License-Identifier: MIT */
/*
 * maps: reads /proc/self/maps and checks the protections the loader left:
 * no mapping both writable and executable, and the RELRO pages (ours and
 * a library's) read-only.
 */
#include "rt.h"

const void *maps_lib_table(void);

/* In a PIE this needs RELATIVE relocations too: .data.rel.ro. */
static const char *const table[] = {"one", "two"};

static char maps[65536];

/* The first mapping both writable and executable, printed; 0 if none. */
static int any_wx(void)
{
	const char *cursor = maps;
	struct rt_mapping m;

	while (rt_maps_next(&cursor, &m)) {
		if (m.perms[1] == 'w' && m.perms[2] == 'x') {
			rt_print("W+X mapping: ");
			rt_write(1, m.line, m.line_len);
			rt_puts("");
			return 1;
		}
	}
	return 0;
}

static void check_ro(const char *what, const void *addr)
{
	struct rt_mapping m;

	rt_print(what);
	if (!rt_maps_find(maps, (unsigned long)addr, &m))
		rt_puts(": not mapped?");
	else if (m.perms[1] == 'w')
		rt_puts(": relro WRITABLE");
	else
		rt_puts(": relro read-only");
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	if (rt_maps_read(maps, sizeof(maps)) <= 0)
		return 1;
	if (!any_wx())
		rt_puts("no wx mapping");
	check_ro("program table", table);
	check_ro("library table", maps_lib_table());
	return 0;
}
