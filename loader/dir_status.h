/* SPDX-License-Identifier: MIT */
/*
 * loader/dir_status.h - which search directories exist, learnt once per
 * process as the library search goes, as glibc's loader does.
 *
 * Each directory of a search list is tried in several places: its
 * glibc-hwcaps and legacy subdirectories, then itself (load.c).  Each
 * of those places is a slot of the directory's entry.  When a candidate
 * cannot be opened in a place whose state is unknown, stat tells whether
 * the place exists; one that does not (or is not a directory) is never
 * tried again, by any later search, nor shown in LD_DEBUG's search
 * paths.  Most places do not exist, so this keeps each to one failed
 * open and one stat per process.  As with glibc, a directory created
 * later is not noticed.
 *
 * Called under the loader lock, or before there are threads.
 */
#ifndef MYLD_DIR_STATUS_H
#define MYLD_DIR_STATUS_H

#include <stddef.h>

struct dir_status;

/*
 * The entry of DIR (LEN bytes, as expanded from a search list), with
 * NSLOTS places, made on first use.  NSLOTS must be the same on every
 * call.
 */
struct dir_status *dir_status_of(const char *dir, size_t len,
				 unsigned nslots);

/* Is place SLOT of D known not to exist? */
int dir_slot_missing(const struct dir_status *d, unsigned slot);

/* A file was opened in place SLOT of D: it exists. */
void dir_slot_exists(struct dir_status *d, unsigned slot);

/*
 * No candidate could be opened in place SLOT of D, the directory PATH
 * (LEN bytes, not necessarily NUL-terminated): unless its state is
 * known, learn it with stat.  A relative PATH is never learnt: it
 * stays to be tried, since the current directory may change.
 */
void dir_slot_learn(struct dir_status *d, unsigned slot, const char *path,
		    size_t len);

#endif
