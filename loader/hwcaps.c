/* SPDX-License-Identifier: MIT */
/*
 * loader/hwcaps.c - the order in which glibc-hwcaps subdirectories are
 * tried (see hwcaps.h).  Pure string work, unit-tested on the host; the
 * CPU's own names and what it supports come from arch/<cpu>/hwcaps.c.
 */
#include "hwcaps.h"
#include "lib.h"

/* The next non-empty element of the ':'-list at *S; NULL at the end. */
static const char *next_name(const char **s, size_t *len)
{
	const char *p = *s;

	while (*p == ':')
		p++;
	if (!*p)
		return NULL;
	const char *end = strchr(p, ':');
	if (!end)
		end = p + strlen(p);
	*len = (size_t)(end - p);
	*s = end;
	return p;
}

int hwcaps_list_names(const char *list, const char *name, size_t len)
{
	const char *elem;
	size_t n;

	if (!list)
		return 1;
	while ((elem = next_name(&list, &n)))
		if (n == len && !memcmp(elem, name, len))
			return 1;
	return 0;
}

/* Append NAME (LEN bytes) to OUT at *AT, after SEP unless OUT is
 * empty. */
static int append_after(char *out, size_t outsz, size_t *at, char sep,
			const char *name, size_t len)
{
	size_t seplen = *at ? 1 : 0;

	if (*at + seplen + len + 1 > outsz)
		return -1;
	if (seplen)
		out[(*at)++] = sep;
	memcpy(out + *at, name, len);
	*at += len;
	out[*at] = '\0';
	return 0;
}

/* Append NAME (LEN bytes) to OUT at *AT, ':'-separated. */
static int append(char *out, size_t outsz, size_t *at, const char *name,
		  size_t len)
{
	return append_after(out, outsz, at, ':', name, len);
}

long hwcaps_build_list(const char *prepend, const char *builtin,
		       uint32_t active, const char *mask, char *out,
		       size_t outsz)
{
	const char *elem;
	size_t at = 0, n;

	if (!outsz)
		return -1;
	out[0] = '\0';
	while (prepend && (elem = next_name(&prepend, &n)))
		if (append(out, outsz, &at, elem, n))
			return -1;
	for (unsigned bit = 0; builtin && (elem = next_name(&builtin, &n));
	     bit++)
		if (bit < 32 && (active >> bit & 1) &&
		    hwcaps_list_names(mask, elem, n) &&
		    append(out, outsz, &at, elem, n))
			return -1;
	return (long)at;
}

long hwcaps_legacy_list(const char *const *names, size_t count, char *out,
			size_t outsz)
{
	const char *all[HWCAPS_LEGACY_MAX + 1];
	size_t at = 0, n = count + 1;

	if (!outsz || count > HWCAPS_LEGACY_MAX)
		return -1;
	out[0] = '\0';
	for (size_t i = 0; i < count; i++)
		all[i] = names[i];
	all[count] = "tls";
	/*
	 * Bit I of a subset stands for ALL[I]; glibc tries the subsets
	 * from the full one down, leaving out the empty one (the directory
	 * itself, which the search tries last anyway).
	 */
	for (uint32_t subset = (1u << n) - 1; subset; subset--) {
		char sep = ':';

		for (size_t i = n; i-- > 0;)
			if (subset >> i & 1) {
				if (append_after(out, outsz, &at, sep, all[i],
						 strlen(all[i])))
					return -1;
				sep = '/';
			}
	}
	return (long)at;
}
