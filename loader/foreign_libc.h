/* SPDX-License-Identifier: MIT */
/*
 * loader/foreign_libc.h - C libraries myld cannot serve: musl's.
 *
 * A C library that is its own loader cannot be loaded by another one:
 * musl's libc.so contains musl's dynamic linker and expects to have
 * started the process.  myld says so, instead of crashing later.
 * (glibc's libc.so.6 only needs its loader's private interface, which
 * the personality in loader/glibc/ speaks.)
 */
#ifndef MYLD_FOREIGN_LIBC_H
#define MYLD_FOREIGN_LIBC_H

/*
 * Before loading anything: die if the program needs "libc.so", musl's C
 * library (glibc's is libc.so.6).  Its PT_INTERP alone proves nothing:
 * a program that uses no C library runs under any loader.
 */
void foreign_libc_refuse_program(void);

/*
 * After loading: die if musl's C library was reached by another way (a
 * library's DT_NEEDED, LD_PRELOAD, a path).  The program itself is not
 * checked: a program without PT_INTERP, as musl's libc.so is, is
 * started as a static one (rtld.c) and never gets here.
 */
void foreign_libc_refuse_libraries(void);

#endif
