/* SPDX-License-Identifier: MIT */
/* A dependency of libdbroot_*.so that calls who() and does not define
 * it (deepbind_main.c). */
const char *who(void);

const char *dep_who(void)
{
    return who();
}
