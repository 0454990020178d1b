/* SPDX-License-Identifier: MIT */
/*
 * loader/hidden.h - included before anything else in every file of myld
 * (loader/meson.build passes -include).
 *
 * -fvisibility=hidden hides what myld defines, but a declaration of a
 * function or variable of another file still looks as if it could come
 * from another object, and on aarch64 the compiler reaches such symbols
 * through GOT entries that the linker keeps (each one a relocation
 * boot.c applies, and each call an extra load).  This pragma makes
 * declarations hidden too.  The symbols myld exports say so on their
 * definitions (EXPORT, visibility("default")).
 */
#pragma GCC visibility push(hidden)

/*
 * For a declaration, in another file, of a symbol myld exports: the
 * linker gives a symbol the most restrictive visibility of all its
 * declarations, so one hidden declaration would take it out of the
 * dynamic symbol table (tests/check-myld-binary.sh would say so).
 */
#define MYLD_EXPORTED __attribute__((visibility("default")))

/*
 * A large zero-initialised buffer that most runs never write: made a
 * common symbol, which the linker (GNU ld) places after every object's
 * .bss, so that it does not sit between the small variables every run
 * writes and spread them over more pages (each page of .bss first
 * written is a page fault).  A common symbol has external linkage: give
 * it a name no other file uses, or the linker would merge the two.
 */
#define COLD_BUFFER __attribute__((common))
