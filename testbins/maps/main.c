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

/*
 * Permissions ("rwxp") of the mapping containing ADDR, or NULL.  Lines
 * look like "start-end perms offset dev inode path".
 */
static const char *perms_of(unsigned long addr)
{
	for (const char *line = maps; *line;) {
		const char *p = line;
		unsigned long start = parse_hex(&p);
		unsigned long end = (p++, parse_hex(&p));

		if (addr >= start && addr < end)
			return p + 1;
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
	}
	return NULL;
}

static int any_wx(void)
{
	for (const char *line = maps; *line;) {
		const char *p = line;

		while (*p != ' ')
			p++;
		if (p[2] == 'w' && p[3] == 'x') {
			rt_print("W+X mapping: ");
			rt_write(1, line, rt_strstr(line, "\n") - line + 1);
			return 1;
		}
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
	}
	return 0;
}

static void check_ro(const char *what, const void *addr)
{
	const char *perms = perms_of((unsigned long)addr);

	rt_print(what);
	if (!perms)
		rt_puts(": not mapped?");
	else if (perms[1] == 'w')
		rt_puts(": relro WRITABLE");
	else
		rt_puts(": relro read-only");
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	if (rt_read_file("/proc/self/maps", maps, sizeof(maps)) <= 0) {
		rt_puts("cannot read /proc/self/maps");
		return 1;
	}
	if (!any_wx())
		rt_puts("no wx mapping");
	check_ro("program table", table);
	check_ro("library table", maps_lib_table());
	return 0;
}
