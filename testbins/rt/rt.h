/* SPDX-License-Identifier: MIT */
/*
 * rt: the tiny runtime of the test programs.  The testbins link no libc
 * (glibc's libc.so.6 needs glibc's own ld.so), so this provides the start
 * code's C half, raw syscalls and a few print helpers.  Programs link the
 * whole runtime; shared libraries link only the helpers, as hidden symbols,
 * so each library can print by itself without needing another library.
 */
#ifndef RT_H
#define RT_H

#include <stddef.h>

/* Set by rt_start before constructors run; valid in main and later. */
extern int rt_argc;
extern char **rt_argv;
extern char **rt_envp;
/* Was the stack pointer 16-byte aligned when the loader jumped to _start? */
extern int rt_entry_sp_aligned;

long rt_write(int fd, const void *buf, size_t len);
__attribute__((noreturn)) void rt_exit(int status);

void rt_print(const char *s);          /* no newline */
void rt_puts(const char *s);           /* adds a newline */
void rt_print_dec(long v);
void rt_print_hex(unsigned long v);    /* "0x..." */
void rt_eprint(const char *s);         /* to stderr, no newline */

size_t rt_strlen(const char *s);
int rt_strcmp(const char *a, const char *b);
int rt_strncmp(const char *a, const char *b, size_t n);
char *rt_strstr(const char *hay, const char *needle);

/* Value of auxv entry TYPE, or 0 when absent (like getauxval). */
unsigned long rt_getauxval(unsigned long type);
/* Value of environment variable NAME, or NULL. */
const char *rt_getenv(const char *name);

/*
 * Read at most SIZE-1 bytes of file PATH into BUF and NUL-terminate it.
 * Reads until EOF, so it works on /proc files.  Returns the length, or -1.
 */
long rt_read_file(const char *path, char *buf, size_t size);

/* The compiler may emit calls to these even with -ffreestanding. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Signature the loader and rt use for ELF init/fini-array entries. */
typedef void (*rt_initfn)(int argc, char **argv, char **envp);

#endif
