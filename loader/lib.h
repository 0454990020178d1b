/* SPDX-License-Identifier: MIT */
/*
 * loader/lib.h - the few libc functions myld needs, written for it.
 *
 * Everything here is pure: no system calls and no global state, so the
 * unit tests link lib.c into an ordinary hosted program.  The compiler
 * may also emit calls to memcpy, memmove, memset and memcmp on its own
 * (for struct copies), which is why those keep their standard names.
 */
#ifndef MYLD_LIB_H
#define MYLD_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/*
 * The length of S, with its last '/' in *LAST_SLASH and its first '$' in
 * *DOLLAR (NULL when it has none), from one scan.
 */
size_t str_scan_name(const char *s, const char **last_slash,
		     const char **dollar);
/*
 * The same for a name in a list such as LD_PRELOAD's, which ends at the
 * first ':', space or NUL.
 */
size_t str_scan_list_name(const char *s, const char **last_slash,
			  const char **dollar);

/*
 * The number of bytes at the start of S before the first A, B or NUL
 * (strcspn with two bytes to stop at).
 */
size_t str_span_until(const char *s, int a, int b);

/* Does S start with PREFIX?  Returns a pointer just past it, or NULL. */
const char *str_skip_prefix(const char *s, const char *prefix);

/*
 * A small vsnprintf.  Conversions: %s %c %d %i %u %x %p %% with the
 * length modifiers l, ll and z, a field width, the 0, -, +, space and #
 * flags (# puts 0x before a nonzero %x, as printf does) and a precision
 * for %s (%.*s, %.12s).  Always NUL-terminates when SIZE > 0; returns
 * the length the output would have had.  tests/unit/test_lib.c checks
 * every directive loader/ uses against the C library's printf.
 */
int fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The same formatter writing into BUF (SIZE bytes, one kept for a NUL):
 * when BUF is full, DRAIN is called with LEN bytes in it, and BUF is
 * reused, so output of any length comes out whole, in chunks.  Without
 * a DRAIN, what does not fit is counted and dropped (fmt_vformat).
 * fmt_vsink appends (LEN grows across calls) and returns the length of
 * its own output; fmt_sink_flush drains what is left.
 */
struct fmt_sink {
	char *buf;
	size_t size;
	size_t len;		/* bytes in BUF now */
	size_t total;		/* bytes produced, drained or not */
	void (*drain)(struct fmt_sink *sink);
	void *context;		/* for DRAIN */
};
size_t fmt_vsink(struct fmt_sink *sink, const char *fmt, va_list ap);
void fmt_sink_flush(struct fmt_sink *sink);

/* Overflow-checked arithmetic: return 1 and store the result, or 0. */
static inline int add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	return !__builtin_add_overflow(a, b, sum);
}

static inline int mul_ok(uint64_t a, uint64_t b, uint64_t *product)
{
	return !__builtin_mul_overflow(a, b, product);
}

#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + (a) - 1, (a))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
