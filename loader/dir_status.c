/* SPDX-License-Identifier: MIT */
/*
 * loader/dir_status.c - the search directories known to exist or not
 * (see dir_status.h).  Owns one table, which only grows: what is learnt
 * about a place holds for the life of the process.
 */
#include "dir_status.h"
#include "alloc.h"
#include "lib.h"
#include "path.h"
#include "sys.h"

enum { UNKNOWN, EXISTS, MISSING };

struct dir_status {
	uint32_t hash;
	uint32_t len;
	const char *dir;
	unsigned char state[];	/* one per place */
};

static struct dir_status **entries;
static size_t nentries, capacity;

static uint32_t dir_hash(const char *s, size_t len)
{
	uint32_t h = 5381;

	while (len--)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Room for one more entry. */
static void make_room(void)
{
	if (nentries < capacity)
		return;
	size_t cap = capacity ? 2 * capacity : 16;
	struct dir_status **grown = mem_alloc(cap * sizeof(*grown));

	if (nentries)
		memcpy(grown, entries, nentries * sizeof(*grown));
	mem_free(entries);
	entries = grown;
	capacity = cap;
}

struct dir_status *dir_status_of(const char *dir, size_t len,
				 unsigned nslots)
{
	uint32_t hash = dir_hash(dir, len);

	for (size_t i = 0; i < nentries; i++)
		if (entries[i]->hash == hash && entries[i]->len == len &&
		    !memcmp(entries[i]->dir, dir, len))
			return entries[i];
	make_room();
	/* The entry, its places (zeroed: UNKNOWN), then its directory's
	 * name. */
	struct dir_status *d = mem_alloc(sizeof(*d) + nslots + len + 1);
	char *name = (char *)d->state + nslots;

	memcpy(name, dir, len);
	name[len] = '\0';
	d->hash = hash;
	d->len = (uint32_t)len;
	d->dir = name;
	entries[nentries++] = d;
	return d;
}

int dir_slot_missing(const struct dir_status *d, unsigned slot)
{
	return d->state[slot] == MISSING;
}

void dir_slot_exists(struct dir_status *d, unsigned slot)
{
	d->state[slot] = EXISTS;
}

void dir_slot_learn(struct dir_status *d, unsigned slot, const char *path,
		    size_t len)
{
	char buf[PATH_MAX_LEN];
	struct stat st;

	/* A relative place (of an empty or relative element of a list) is
	 * never judged, as glibc's loader never judges one: the current
	 * directory may change before the next search. */
	if (d->state[slot] != UNKNOWN || len >= sizeof(buf) || !len ||
	    path[0] != '/')
		return;
	memcpy(buf, path, len);
	buf[len] = '\0';
	long r = sys_stat(buf, &st);
	d->state[slot] = !SYS_FAILED(r) && S_ISDIR(st.st_mode) ? EXISTS
							       : MISSING;
}
