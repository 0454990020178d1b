/* SPDX-License-Identifier: MIT */
/* libenvlib.so, for envmain.c; libenvpre.so defines env_whoami too. */
#ifndef ENVLIB_H
#define ENVLIB_H

/* Which copy of the library this is ("main" or "alt"). */
const char *envlib_name(void);
/* "libenvlib" here, something else when a preloaded library interposes. */
const char *env_whoami(void);
/* env_whoami() as the library itself calls it. */
const char *envlib_report(void);

#endif
