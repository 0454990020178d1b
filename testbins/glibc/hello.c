/* SPDX-License-Identifier: MIT */
/* The smallest glibc program: printf through libc's stdio, exit 0.  Also
 * the program the ld_debug and gdb checks of tests/check_glibc_programs.py
 * run (built with -g, so "break main" resolves to this file). */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
