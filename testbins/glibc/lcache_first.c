/* SPDX-License-Identifier: MIT */
/*
 * liblcfirst.so, built twice with the same soname: here without
 * lc_who, in lcache_v2/ with it.  The two define a function of the same
 * name length each (lc_xho or lc_who) and the same strings, so that the
 * two files come out the same size: the test can then rewrite one as
 * the other in place and give it back its old modification time.
 */
#include "lcache.h"

#ifdef LC_V2
const char *lc_who(void)
#else
const char *lc_xho(void);
const char *lc_xho(void)
#endif
{
    return "first";
}

const char *lc_first_marker(void)
{
    return "first-marker";
}
