/* SPDX-License-Identifier: MIT */
/*
 * loader/ldconfig.h - the system's library configuration, as glibc's
 * ldconfig leaves it: /etc/ld.so.cache, and /etc/ld.so.conf with its
 * include files.  ldconfig.c does the file-system work (reading,
 * mapping, listing directories for include patterns); the parsing
 * itself is pure and lives in path.c, where the unit tests reach it.
 */
#ifndef MYLD_LDCONFIG_H
#define MYLD_LDCONFIG_H

#define LDCONFIG_CACHE_PATH "/etc/ld.so.cache"

/*
 * Is there a cache myld can read?  It is mapped the first time and the
 * mapping is kept: dlopen may need it later.
 */
int ldconfig_cache_usable(void);

/*
 * The path the cache gives for the soname NAME, for this ABI, or NULL.
 * Only after ldconfig_cache_usable said yes.  The string lies in the
 * mapping, which is never unmapped.
 */
const char *ldconfig_cache_lookup(const char *name);

/*
 * The directories of /etc/ld.so.conf and the files it includes, as one
 * ':'-separated list, read the first time; NULL when there are none.
 */
const char *ldconfig_conf_dirs(void);

#endif
