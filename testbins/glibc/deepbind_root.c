/* SPDX-License-Identifier: MIT */
/* A library that defines who() and asks for it (deepbind_main.c). */
#define _GNU_SOURCE
#include <dlfcn.h>

const char *who(void)
{
    return "library";
}

/* The dependency's, which does not define who() itself. */
const char *dep_who(void);

/* A call through the PLT: bound at the first call (lazily). */
const char *root_calls(void)
{
    return who();
}

/* who's address from the GOT, filled by a relocation at dlopen. */
const char *root_address(void)
{
    const char *(*volatile f)(void) = who;

    return f();
}

const char *dep_calls(void)
{
    return dep_who();
}

/* dlsym(RTLD_DEFAULT) searches the caller's own scope. */
const char *root_default(void)
{
    const char *(*f)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT,
                                                            "who");

    return f ? f() : "(not found)";
}
