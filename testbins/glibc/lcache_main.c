/* SPDX-License-Identifier: MIT */
/*
 * The program of the launch-cache case (tests/check_launch_cache.py).
 * It needs liblcfirst.so then liblcsecond.so, found through
 * LD_LIBRARY_PATH, and prints what its symbol references bound to:
 *
 *   lc_who       defined by liblcsecond.so; by liblcfirst.so too in its
 *                second build (lcache_v2/), which then comes first in
 *                the search: a cache that missed the rebuild would keep
 *                sending the call to liblcsecond.so;
 *   lc_fast      an IFUNC of liblcsecond.so: its resolver must run again
 *                on every start, cached or not;
 *   lc_tls       a TLS variable of liblcsecond.so (a DTPMOD/DTPOFF or
 *                TPOFF relocation against another object);
 *   lc_counter   data of liblcsecond.so, referenced by address;
 *   lc_absent    a weak reference that nothing defines.
 *
 * liblcpre.so, when preloaded, defines lc_who over both.
 *
 * Every call is through a lazy PLT slot.  With the argument "late",
 * LC_FAST=tuned is set before lc_fast's first call: its resolver,
 * which reads the environment, says "tuned" only if it runs at that
 * call (as glibc's loader runs it), not at start-up.  With "fork", a
 * child makes the first call to lc_who and exits normally before the
 * parent goes on: the launch cache's entry must be written at exit by
 * the parent alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lcache.h"

extern void lc_absent(void) __attribute__((weak));

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "late"))
        setenv("LC_FAST", "tuned", 1);
    if (argc > 1 && !strcmp(argv[1], "fork")) {
        pid_t child = fork();

        if (child == 0) {
            lc_who();
            exit(0);
        }
        waitpid(child, NULL, 0);
    }
    lc_tls += 41;
    lc_counter += 1;
    printf("lc_who: %s\n", lc_who());
    printf("lc_first_marker: %s\n", lc_first_marker());
    printf("lc_fast: %s\n", lc_fast());
    printf("lc_tls: %d\n", lc_tls);
    printf("lc_counter: %d\n", lc_counter);
    printf("lc_absent: %s\n", lc_absent ? "defined" : "null");
    return 0;
}
