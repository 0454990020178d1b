/* SPDX-License-Identifier: MIT */
/*
 * rt: the tiny runtime of the test programs.  The testbins link no libc
 * (glibc's libc.so.6 needs glibc's own ld.so), so this provides the start
 * code's C half, raw syscalls, print helpers, a /proc/self/maps reader
 * and a thread-pointer check.  Programs link the
 * whole runtime; shared libraries link only the helpers, as hidden symbols,
 * so each library can print by itself without needing another library.
 */
#ifndef RT_H
#define RT_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * One line each: "WHAT: V", "WHAT: S", and "WHAT: yes" or "WHAT: NO".
 * The expected files of most scenarios are lists of such lines.
 */
void rt_show_dec(const char *what, long v);
void rt_show_str(const char *what, const char *s);
void rt_show_yes(const char *what, int ok);

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

/*
 * /proc/self/maps (maps.c).  rt_maps_read reads it whole into BUF and
 * returns its length, or prints "cannot read /proc/self/maps" and returns
 * 0 or -1.  rt_maps_next decodes the line at *CURSOR into M and moves
 * *CURSOR to the next line, returning 0 at the end; rt_maps_find finds
 * the mapping holding ADDR.  M points into the text read.
 */
struct rt_mapping {
	unsigned long start, end;
	const char *perms;	/* "rwxp": 4 characters, not NUL-terminated */
	int inode_zero;		/* no file behind it: anonymous or special */
	const char *name;	/* path, "[stack]"...; name_len 0 for none */
	size_t name_len;
	const char *line;	/* the whole line, without its newline */
	size_t line_len;
};
long rt_maps_read(char *buf, size_t size);
int rt_maps_next(const char **cursor, struct rt_mapping *m);
int rt_maps_find(const char *maps, unsigned long addr, struct rt_mapping *m);
/* Lower-case hex digits at *P, as maps has them; *P moves past them. */
unsigned long rt_parse_hex(const char **p);

/*
 * Is the thread pointer set up as this CPU's TLS variant requires, with
 * the program's own TLS block, which holds OWN_TLS_VAR, on the right side
 * of it?  Per CPU: <cpu>/thread_pointer.c.
 */
int rt_thread_pointer_ok(const void *own_tls_var);

/*
 * P as an integer the compiler cannot trace back to an object, so that
 * it cannot fold a check of the address (an alignment, a TLS placement)
 * to a constant.
 */
static inline uintptr_t rt_opaque(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	__asm__("" : "+r"(v));
	return v;
}

/* The compiler may emit calls to these even with -ffreestanding. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Signature the loader and rt use for ELF init/fini-array entries. */
typedef void (*rt_initfn)(int argc, char **argv, char **envp);

#endif
