/* SPDX-License-Identifier: MIT */
/*
 * loader/lib.c - string functions and the formatter.  See lib.h.
 *
 * The string functions are simple byte loops: they run on short names
 * and paths.  The memory functions work a word at a time when they can.
 */
#include "lib.h"

/*
 * Word-at-a-time copies and fills: start-up copies and clears a few
 * kilobytes (the initial stack in command mode, decoded dynamic
 * sections, TLS images), enough for byte loops to show in profiles.
 * The may_alias types let these words overlay any object; the
 * unaligned one is for the ends of a block, both CPUs myld runs on
 * allowing unaligned accesses to ordinary memory.
 */
typedef uint64_t __attribute__((may_alias)) word_t;
typedef uint64_t __attribute__((may_alias, aligned(1))) uword_t;

static int words_aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & 7) == 0;
}

/*
 * Copy N >= 8 bytes forwards a word at a time, the last word possibly
 * overlapping the one before: only for blocks that do not overlap.
 */
static void copy_words(unsigned char *d, const unsigned char *s, size_t n)
{
	uint64_t last = *(const uword_t *)(s + n - 8);
	unsigned char *end = d + n - 8;

	for (; n >= 32; n -= 32, d += 32, s += 32) {
		uint64_t a = ((const uword_t *)s)[0], b = ((const uword_t *)s)[1];
		uint64_t c = ((const uword_t *)s)[2], e = ((const uword_t *)s)[3];

		((uword_t *)d)[0] = a;
		((uword_t *)d)[1] = b;
		((uword_t *)d)[2] = c;
		((uword_t *)d)[3] = e;
	}
	for (; n >= 8; n -= 8, d += 8, s += 8)
		*(uword_t *)d = *(const uword_t *)s;
	*(uword_t *)end = last;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (n >= 8) {
		copy_words(d, s, n);
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d + n <= s || s + n <= d)
		return memcpy(dst, src, n);
	if (d < s) {
		/* Forwards: each word is read before anything is written
		 * over it. */
		if (words_aligned(d, s))
			for (; n >= 8; n -= 8, d += 8, s += 8)
				*(word_t *)d = *(const word_t *)s;
		while (n--)
			*d++ = *s++;
		return dst;
	}
	if (words_aligned(d + n, s + n))
		for (; n >= 8; n -= 8)
			*(word_t *)(d + n - 8) = *(const word_t *)(s + n - 8);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * 0x0101010101010101ull;

	if (n >= 8) {
		/* The first and last words unaligned, aligned ones between. */
		unsigned char *end = d + n;

		*(uword_t *)d = w;
		*(uword_t *)(end - 8) = w;
		d = (unsigned char *)(((uintptr_t)d + 8) & ~(uintptr_t)7);
		for (; d + 32 <= end; d += 32) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
		}
		for (; d + 8 <= end; d += 8)
			*(word_t *)d = w;
		return dst;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

const char *str_skip_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

/* The formatter writes through this, so it can count past the end. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* S (N bytes) in a field of WIDTH: padded on the left with PAD, or on
 * the right with spaces when WIDTH is negative (the '-' flag). */
static void put_padded(struct out *o, const char *s, size_t n, int width,
		       char pad)
{
	int right = width < 0;

	if (right)
		width = -width;
	for (int i = (int)n; !right && i < width; i++)
		put(o, pad);
	for (size_t k = 0; k < n; k++)
		put(o, s[k]);
	for (int i = (int)n; right && i < width; i++)
		put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, int negative, unsigned base,
		       int width, char pad)
{
	char digits[24];
	size_t n = 0;

	do {
		digits[sizeof(digits) - 1 - n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative) {
		if (pad == '0') {
			put(o, '-');
			width--;
		} else {
			digits[sizeof(digits) - 1 - n++] = '-';
		}
	}
	put_padded(o, digits + sizeof(digits) - n, n, width, pad);
}

int fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, longs = 0, precision = -1, alternate = 0;
		int left = 0;

		for (;; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else if (*fmt == '#')
				alternate = 1;
			else if (*fmt == '-')
				left = 1;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (left) {
			width = -width;
			pad = ' ';
		}
		if (fmt[0] == '.' && fmt[1] == '*') {
			precision = va_arg(ap, int);
			fmt += 2;
		}
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z')
				longs++;
			else
				break;
		}

		uint64_t u;
		int64_t d;
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (!s)
				s = "(null)";
			n = strlen(s);
			if (precision >= 0 && (size_t)precision < n)
				n = precision;
			put_padded(&o, s, n, width, ' ');
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i':
			d = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_number(&o, d < 0 ? -(uint64_t)d : (uint64_t)d,
				   d < 0, 10, width, pad);
			break;
		case 'u':
		case 'x':
			u = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			if (alternate && *fmt == 'x' && u) {
				put(&o, '0');
				put(&o, 'x');
				width += width < 0 ? 2 : -2;
			}
			put_number(&o, u, 0, *fmt == 'u' ? 10 : 16, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uintptr_t)va_arg(ap, void *), 0, 16,
				   width, pad);
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			/* An unknown conversion is a bug in myld: show it. */
			put(&o, '%');
			if (!*fmt)
				goto done;
			put(&o, *fmt);
		}
	}
done:
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
