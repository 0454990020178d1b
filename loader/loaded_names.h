/* SPDX-License-Identifier: MIT */
/*
 * loader/loaded_names.h - is an object already loaded?  load.c asks
 * before searching for a name (glibc's rule: a name matches an object's
 * name as asked for, or its soname, in the same namespace) and after
 * opening a file (the same device and inode).
 */
#ifndef MYLD_LOADED_NAMES_H
#define MYLD_LOADED_NAMES_H

#include "dso.h"

/* The object of namespace NS that NAME (LEN bytes; IS_PATH: it has a
 * slash) names, or NULL. */
struct dso *loaded_by_name(const char *name, size_t len, int is_path,
			   long ns);

/* The object of namespace NS mapped from the file DEV, INO, or NULL. */
struct dso *loaded_by_file(uint64_t dev, uint64_t ino, long ns);

/* D's name or soname changed: measure and hash them again when asked. */
void loaded_names_forget(struct dso *d);

#endif
