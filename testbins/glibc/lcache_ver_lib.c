/* SPDX-License-Identifier: MIT */
/*
 * liblcver.so for lcache_ver.c, built three times with the same source:
 * which versions it defines is its version script's choice.
 */
int lcver_one(void);
int lcver_two(void);

int lcver_one(void)
{
    return 1;
}

int lcver_two(void)
{
    return 2;
}
