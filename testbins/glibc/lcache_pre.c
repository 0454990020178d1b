/* SPDX-License-Identifier: MIT */
/* liblcpre.so: preloaded, its lc_who comes before both libraries'. */
const char *lc_who(void);

const char *lc_who(void)
{
    return "preload";
}
