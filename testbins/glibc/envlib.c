/* SPDX-License-Identifier: MIT */
/* libenvlib.so: built twice, with ENVLIB_NAME "main" (next to envmain)
 * and "alt" (in envalt/), same soname. */
#include <stdio.h>

#include "envlib.h"

const char *envlib_name(void)
{
    return ENVLIB_NAME;
}

const char *env_whoami(void)
{
    return "libenvlib";
}

/* The call goes through the PLT (the library is built with -fPIC and
 * default visibility): a preloaded definition interposes here too. */
const char *envlib_report(void)
{
    return env_whoami();
}

__attribute__((constructor)) static void envlib_init(void)
{
    printf("libenvlib (%s): constructor\n", ENVLIB_NAME);
}
