/* SPDX-License-Identifier: MIT */
/*
 * loader/search_places.c - the places a directory of a search list is
 * tried in (its glibc-hwcaps and legacy subdirectories, then itself),
 * which of them dir_status.c knows to be missing, and LD_DEBUG=libs's
 * "search path=" line listing them.  load.c's search walks the same
 * places in the same order.
 */
#include "search_places.h"
#include "alloc.h"
#include "dir_status.h"
#include "hwcaps.h"
#include "dso.h"
#include "lib.h"
#include "load.h"
#include "trace.h"

/*
 * The subdirectories, ':'-separated: glibc-hwcaps/<name> for this CPU's
 * names, with --glibc-hwcaps-prepend and -mask, then the legacy ones for
 * PLATFORM (AT_PLATFORM's string) and HWCAP (AT_HWCAP).  In a block from
 * mem_alloc that is kept.
 */
static const char *build_subdirs(const char *platform, uint64_t hwcap)
{
	const char *prepend = load_config.hwcaps_prepend;
	const char *mask = load_config.hwcaps_mask;
	const char *builtin = arch_hwcaps_subdirs(), *elem, *rest;
	const char *legacy[HWCAPS_LEGACY_MAX];
	size_t nlegacy = arch_legacy_hwcaps(legacy, platform, hwcap);
	size_t names_size = (prepend ? strlen(prepend) : 0) +
			    strlen(builtin) + 2;
	size_t legacy_size = 4, count = 1, len, at = 0;
	char *names = mem_alloc(names_size);

	for (size_t i = 0; i < nlegacy; i++)
		legacy_size += strlen(legacy[i]) + 1;
	/* Each of the 2^(n+1) - 1 subsets has at most all the names. */
	legacy_size *= (size_t)2 << nlegacy;
	if (hwcaps_build_list(prepend, builtin, arch_hwcaps_subdirs_active(),
			      mask, names, names_size) < 0)
		names[0] = '\0';
	for (const char *p = names; *p; p++)
		count += *p == ':';
	size_t size = strlen(names) + count * sizeof(HWCAPS_DIR) + legacy_size;
	char *list = mem_alloc(size);

	/* The glibc-hwcaps names become subdirectories of HWCAPS_DIR. */
	for (const char *p = names; (elem = path_next(p, 0, &len, &rest));
	     p = rest) {
		at += fmt_format(list + at, size - at, "%s%s%.*s",
				 at ? ":" : "", HWCAPS_DIR, (int)len, elem);
	}
	mem_free(names);
	if (at)
		list[at++] = ':';
	if (hwcaps_legacy_list(legacy, nlegacy, list + at, size - at) < 0)
		list[at ? at - 1 : 0] = '\0';
	return list;
}

const char *places_subdirs(void)
{
	if (!load_config.hwcaps_subdirs)
		load_config.hwcaps_subdirs =
			build_subdirs(load_config.platform, load_config.hwcap);
	return load_config.hwcaps_subdirs;
}

/*
 * The places a directory of a search list is tried in: its glibc-hwcaps
 * and legacy subdirectories (places_subdirs), then itself, which is the
 * last place.  Each is a slot of the directory's entry in dir_status.h.
 * The list is parsed once into slot I's name, as every search asks.
 */
static struct place_sub {
	const char *name;	/* NULL: the directory itself */
	size_t len;
} *subs_table;
static const char *subs_parsed;	/* the list subs_table was made from */
static unsigned subs_count;	/* places_count()'s answer for it */

static void parse_subdirs(const char *subs)
{
	const char *elem, *rest;
	size_t len;
	unsigned n = 1, i = 0;

	for (const char *p = subs; *p; p++)
		n += *p == ':';
	n += *subs != '\0';
	mem_free(subs_table);
	subs_table = mem_alloc(n * sizeof(*subs_table));
	for (const char *p = subs; i + 1 < n &&
				   (elem = path_next(p, 0, &len, &rest));
	     p = rest, i++)
		subs_table[i] = (struct place_sub){ elem, len };
	subs_count = n;
	subs_parsed = subs;
}

unsigned places_count(void)
{
	const char *subs = places_subdirs();

	if (subs != subs_parsed)
		parse_subdirs(subs);
	return subs_count;
}

/*
 * Place SLOT (below places_count()) of DIR (DIRLEN bytes) in OUT
 * (PATH_MAX_LEN bytes): DIR/<subdirectory>, or DIR itself for the last
 * slot.  Returns its length, or -1 if too long.
 */
long places_path(const char *dir, size_t dirlen, unsigned slot, char *out)
{
	const struct place_sub *sub = &subs_table[slot];

	if (!sub->name) {
		if (dirlen >= PATH_MAX_LEN)
			return -1;
		memcpy(out, dir, dirlen);
		out[dirlen] = '\0';
		return (long)dirlen;
	}
	long n = path_join(dir, dirlen, "", out, PATH_MAX_LEN);
	if (n < 0 || (size_t)n + sub->len >= PATH_MAX_LEN)
		return -1;
	memcpy(out + n, sub->name, sub->len);
	out[n + sub->len] = '\0';
	return n + (long)sub->len;
}

/*
 * The directory ELEM (LEN bytes) of a search list, expanded with TOK
 * into DIR (PATH_MAX_LEN bytes), without trailing slashes, as glibc
 * keeps it: its length, or -1.
 */
long places_expand_dir(const char *elem, size_t len,
		       const struct path_tokens *tok, char *dir)
{
	long n = path_expand(elem, len, tok, dir, PATH_MAX_LEN);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return n;
}

/*
 * Call VISIT(CTX, PLACE, LEN) for each place of each directory of LIST
 * (expanded with TOK) that is not known to be missing.  Returns how many
 * there were; without VISIT, 1 at the first (whether there is one).
 */
static unsigned visit_places(const char *list, const struct path_tokens *tok,
			     void (*visit)(void *, const char *, long),
			     void *ctx)
{
	unsigned nplaces = places_count(), count = 0;
	char dir[PATH_MAX_LEN], place[PATH_MAX_LEN], seen[PATH_MAX_LEN];
	size_t seen_len = 0;
	const char *elem, *rest;
	size_t len;

	for (; (elem = path_next_dir(list, !load_config.secure, &len, &rest));
	     list = rest) {
		long dirlen = places_expand_dir(elem, len, tok, dir);
		/* Each directory once per list, as search_list. */
		if (dirlen < 0 || path_seen_before(seen, &seen_len,
						   sizeof(seen), dir, dirlen))
			continue;
		struct dir_status *known = dir_status_of(dir, dirlen, nplaces);

		for (unsigned slot = 0; slot < nplaces; slot++) {
			if (dir_slot_missing(known, slot))
				continue;
			long n = places_path(dir, dirlen, slot, place);
			if (n < 0)
				continue;
			count++;
			if (!visit)
				return count;
			visit(ctx, place, n);
		}
	}
	return count;
}

/* A trace line of places, ':'-separated. */
struct places_line {
	struct trace_line line;
	unsigned count;
};

/* visit_places's visitor for the trace: one more place on the line. */
static void trace_place(void *ctx, const char *place, long len)
{
	struct places_line *p = ctx;

	trace_line_add(&p->line, "%s%.*s", p->count++ ? ":" : "", (int)len,
		       place);
}

/*
 * Is LIST, an object's RPATH or RUNPATH, left out of the search?  glibc
 * drops such a list once a search found none of its places: from then
 * on it is neither searched nor shown.
 */
int places_list_dropped(const char *list, const struct path_tokens *tok,
			const char *why)
{
	if (strcmp(why, "RPATH") && strcmp(why, "RUNPATH"))
		return 0;
	return !visit_places(list, tok, NULL, NULL);
}

/*
 * LD_DEBUG=libs's line for a list searched: each directory's places that
 * are not known to be missing, and whose list it is.
 */
void places_trace_list(const char *list, const struct path_tokens *tok,
		       struct dso *owner, const char *why)
{
	struct places_line p = { .count = 0 };

	trace_line_begin(&p.line);
	trace_line_add(&p.line, " search path=");
	visit_places(list, tok, trace_place, &p);
	if (owner && (!strcmp(why, "RPATH") || !strcmp(why, "RUNPATH")))
		trace_line_add(&p.line, "\t\t(%s from file %s)", why,
			       owner->path);
	else
		trace_line_add(&p.line, "\t\t(%s)", why);
	trace_line_end(&p.line);
}

