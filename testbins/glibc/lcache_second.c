/* SPDX-License-Identifier: MIT */
/* liblcsecond.so of the launch-cache case: see lcache_main.c. */
#include <stdlib.h>

#include "lcache.h"

__thread int lc_tls = 1;
int lc_counter = 100;

const char *lc_who(void)
{
    return "second";
}

static const char *fast_plain(void)
{
    return "plain";
}

static const char *fast_tuned(void)
{
    return "tuned";
}

/* The resolver decides at every start, from the environment: a cached
 * start that skipped it would keep the first start's answer. */
static const char *(*resolve_fast(void))(void)
{
    extern char **environ;

    for (char **e = environ; e && *e; e++)
        if (!__builtin_strcmp(*e, "LC_FAST=tuned"))
            return fast_tuned;
    return fast_plain;
}

const char *lc_fast(void) __attribute__((ifunc("resolve_fast")));
