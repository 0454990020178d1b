/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache_file.h - what launch_cache.c,
 * launch_cache_file.c and launch_cache_objects.c share, and nothing else
 * includes: the state of one start-up's cache, the functions that read
 * and write its file, and those that describe the objects loaded.
 */
#ifndef MYLD_LAUNCH_CACHE_FILE_H
#define MYLD_LAUNCH_CACHE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "launch_cache.h"
#include "launch_cache_format.h"

#define LC_PATH_MAX 4096

struct launch_cache {
	enum launch_cache_mode began;	/* what launch_cache_begin chose */
	/* launch_cache_check ran; it found the cache off (or an entry
	 * that matches the objects loaded: launch_cache_entry_matched). */
	int checked, off;
	int versions_warned;	/* launch_cache_versions_warned */
	/* Settings (lc_file_settings); the paths are in lc_paths. */
	size_t dir_len;
	int create_dir;			/* MYLD_LAUNCH_CACHE=1 */
	int dir_missing;
	uint64_t euid;
	/* The key, and the objects loaded now with their identities. */
	char *key;
	size_t key_size;		/* with its NUL */
	struct dso **objects;
	struct lcf_object *ids;
	size_t nobjects;
	struct lcf_object program_id;	/* for a program the kernel mapped */
	const uint8_t *loader_build_id;	/* myld's own, in its image */
	size_t loader_build_id_len;
	/* Replaying: the entry read (launch_cache_reel runs over its
	 * bindings). */
	void *entry;
	struct lcf_view view;
	int parsed;			/* view is filled: lcf_parse passed */
	int missed;
	void (*on_miss)(void);	/* launch_cache_start's */
	/* Recording: launch_cache_tape runs over BINDINGS. */
	struct lcf_binding *bindings;
	int unrecordable;
	/* What lc_file_write writes: the start-up's bindings (recorded, or
	 * the entry's), the entry's lazy slots, those bound since. */
	const struct lcf_binding *out_bindings;
	size_t nbindings;
	const struct lcf_lazy *old_lazy;
	size_t nold_lazy;
	struct lcf_lazy *lazy;
	size_t nlazy, lazy_cap;
	size_t nlazy_written;		/* of LAZY, by the last write */
	long recorder;			/* the process LAZY's first slot was
					 * bound in: it alone writes at exit */
	/* Kept from the first write for the next: the paths (zero-padded
	 * to 8 bytes), and the checksum up to the bindings included. */
	char *strings;
	size_t strings_size;
	uint64_t sum_to_key;		/* made with the key's hash */
	uint64_t sum_to_bindings;
	int sum_to_bindings_known;
	long tmp_pid;			/* the process lc_paths.tmp names */
	/* Replaying one lazy slot's answer (LAUNCH_CACHE_REPLAY_ONE). */
	const struct lcf_binding *one;
};

extern struct launch_cache lc;

/* lc's paths, apart from it (COLD_BUFFER): most starts write none. */
struct launch_cache_paths {
	/* $XDG_CACHE_HOME/myld (lc.dir_len bytes), then the program's
	 * entry's name in it (lc_file_name). */
	char file[LC_PATH_MAX];
	char tmp[LC_PATH_MAX];		/* the file written, then renamed */
};
extern struct launch_cache_paths lc_paths;

/* Read the settings from S's environment into lc: returns 0, or -1
 * when the cache is off, with the reason in WHY. */
int lc_file_settings(const struct launch_cache_start *s, char *why,
		     size_t size);

/* Name lc.file after the key's hash. */
void lc_file_name(uint64_t hash);

/* The entry's bytes (mem_alloc), *LEN of them; NULL when there is no
 * entry or it may not be used, with the reason in WHY. */
void *lc_file_read(size_t *len, char *why, size_t size);

/* Write the entry (lc.out_bindings and the lazy slots), atomically. */
void lc_file_write(void);

/* launch_cache_objects.c: D's build-id in memory (its length, *ID
 * pointing at it; 0 for none). */
size_t lc_build_id_of(const struct dso *d, const uint8_t **id);

/* Number the start-up objects (lc.objects) and note each one's identity
 * (lc.ids); -1 when there are too many for the format. */
int lc_list_objects(void);

/* Does the entry V describe the objects loaded now?  If not, WHY says
 * which differs. */
int lc_entry_matches(const struct lcf_view *v, char *why, size_t size);

/* D's path, for the entry and the messages. */
static inline const char *path_of(const struct dso *d)
{
	return d->path ? d->path : "";
}

#endif
