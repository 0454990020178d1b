/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-cpu.h - the CPU description glibc's IFUNC resolvers
 * read from _rtld_global_ro.  One implementation per CPU family
 * (cpu-x86_64.c), chosen by loader/glibc/meson.build.
 */
#ifndef MYLD_GLIBC_CPU_H
#define MYLD_GLIBC_CPU_H

/* Fill the CPU part of _rtld_global_ro, whose start is RTLD_GLOBAL_RO. */
void glibc_cpu_features_init(unsigned char *rtld_global_ro);

#endif
