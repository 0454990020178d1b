/* SPDX-License-Identifier: MIT */
/*
 * /proc/self/maps for the testbins that check what the loader mapped:
 * reading it whole (the programs have no heap) and decoding its lines,
 * "start-end perms offset dev inode   name".
 */
#include "rt.h"

unsigned long rt_parse_hex(const char **p)
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

long rt_maps_read(char *buf, size_t size)
{
	long n = rt_read_file("/proc/self/maps", buf, size);

	if (n <= 0)
		rt_puts("cannot read /proc/self/maps");
	return n;
}

/* Skip the blanks at P, then the field there; returns its end. */
static const char *skip_field(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	while (p < end && *p != ' ')
		p++;
	return p;
}

int rt_maps_next(const char **cursor, struct rt_mapping *m)
{
	const char *line = *cursor, *end = line, *p = line;

	if (!*line)
		return 0;
	while (*end && *end != '\n')
		end++;
	*cursor = *end ? end + 1 : end;
	m->line = line;
	m->line_len = end - line;

	m->start = rt_parse_hex(&p);
	p++;				/* '-' */
	m->end = rt_parse_hex(&p);
	m->perms = p + 1;
	p = skip_field(p, end);		/* perms */
	p = skip_field(p, end);		/* offset */
	p = skip_field(p, end);		/* dev */
	while (p < end && *p == ' ')
		p++;
	m->inode_zero = p < end && *p == '0' && (p + 1 == end || p[1] == ' ');
	p = skip_field(p, end);		/* inode */
	while (p < end && *p == ' ')
		p++;
	m->name = p;
	m->name_len = end - p;
	return 1;
}

int rt_maps_find(const char *maps, unsigned long addr, struct rt_mapping *m)
{
	while (rt_maps_next(&maps, m))
		if (addr >= m->start && addr < m->end)
			return 1;
	return 0;
}
