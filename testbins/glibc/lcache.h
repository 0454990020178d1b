/* SPDX-License-Identifier: MIT */
/* The launch-cache case (tests/check_launch_cache.py): see lcache_main.c. */
#ifndef LCACHE_H
#define LCACHE_H

const char *lc_who(void);
const char *lc_first_marker(void);
const char *lc_fast(void);
extern __thread int lc_tls;
extern int lc_counter;

#endif
