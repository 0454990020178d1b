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
