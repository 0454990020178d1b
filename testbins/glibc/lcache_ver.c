/* SPDX-License-Identifier: MIT */
/*
 * lcache_ver: the launch cache's version check (tests/check_launch_cache.py,
 * case versions).  It needs LCVER_1 of liblcver.so (lcver_one) and,
 * weakly, LCVER_2 (lcver_two, a weak reference): weak_verneed.py marks
 * that requirement VER_FLG_WEAK after linking, as GNU ld does not.  The
 * library's other builds (lcache_v2/, lcache_v3/) lack LCVER_2 (a
 * warning) or LCVER_1 (an error).
 */
#include <stdio.h>

int lcver_one(void);
extern int lcver_two(void) __attribute__((weak));

int main(void)
{
    printf("lcver_one: %d\nlcver_two: %s\n", lcver_one(),
           lcver_two ? "present" : "absent");
    return 0;
}
