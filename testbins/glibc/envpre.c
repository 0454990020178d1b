/* SPDX-License-Identifier: MIT */
/* libenvpre.so, preloaded into envmain: its env_whoami() comes first in
 * the global scope, so it interposes on libenvlib.so's, for the program
 * and for libenvlib.so itself.  It calls the definition it hides through
 * dlsym(RTLD_NEXT), which must find libenvlib.so's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

const char *env_whoami(void);

const char *env_whoami(void)
{
    static char buf[128];
    const char *(*next)(void) =
        (const char *(*)(void))dlsym(RTLD_NEXT, "env_whoami");

    snprintf(buf, sizeof buf, "libenvpre, over %s",
             next ? next() : "nothing (RTLD_NEXT found none)");
    return buf;
}

__attribute__((constructor)) static void envpre_init(void)
{
    printf("libenvpre: constructor\n");
}
