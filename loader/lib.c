/* SPDX-License-Identifier: MIT */
/*
 * loader/lib.c - string functions and the formatter.  See lib.h.
 *
 * The string and memory functions work a word at a time where they
 * can: start-up runs them on many short names and paths.
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
	/*
	 * Overlapping: four words are read before any of them is written.
	 * Forwards, what is written lies below S + 32, where the next
	 * reads start; backwards, above D + N - 32, where they end.  (The
	 * command-mode stack rewrite moves a few hundred bytes this way.)
	 */
	if (d < s) {
		if (words_aligned(d, s)) {
			for (; n >= 32; n -= 32, d += 32, s += 32) {
				word_t a = ((const word_t *)s)[0];
				word_t b = ((const word_t *)s)[1];
				word_t c = ((const word_t *)s)[2];
				word_t e = ((const word_t *)s)[3];

				((word_t *)d)[0] = a;
				((word_t *)d)[1] = b;
				((word_t *)d)[2] = c;
				((word_t *)d)[3] = e;
			}
			for (; n >= 8; n -= 8, d += 8, s += 8)
				*(word_t *)d = *(const word_t *)s;
		}
		while (n--)
			*d++ = *s++;
		return dst;
	}
	if (words_aligned(d + n, s + n)) {
		for (; n >= 32; n -= 32) {
			const word_t *from = (const word_t *)(s + n - 32);
			word_t *to = (word_t *)(d + n - 32);
			word_t a = from[0], b = from[1], c = from[2], e = from[3];

			to[0] = a;
			to[1] = b;
			to[2] = c;
			to[3] = e;
		}
		for (; n >= 8; n -= 8)
			*(word_t *)(d + n - 8) = *(const word_t *)(s + n - 8);
	}
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
		/* 64 bytes a turn: mem_alloc zeroes each dso and link map
		 * (over a kilobyte) at every dlopen. */
		for (; d + 64 <= end; d += 64) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
			((word_t *)d)[4] = w;
			((word_t *)d)[5] = w;
			((word_t *)d)[6] = w;
			((word_t *)d)[7] = w;
		}
		if (d + 32 <= end) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
			d += 32;
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

	/* A word of each at a time (the launch cache compares its key and
	 * build-ids, a hundred bytes and more); the first differing byte
	 * is the lowest one of the words' difference (little-endian). */
	for (; n >= 8; n -= 8, x += 8, y += 8) {
		uint64_t u = *(const uword_t *)x, v = *(const uword_t *)y;

		if (u != v) {
			unsigned k = (unsigned)__builtin_ctzll(u ^ v) / 8;

			return x[k] - y[k];
		}
	}
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/*
 * Word-at-a-time scans.  Names and paths are short, but start-up looks
 * at dozens of them (search paths, sonames, LD_PRELOAD's list), and byte
 * loops showed in the profile of an empty program.  A whole aligned
 * word is read even where the string ends inside it: an aligned word
 * never straddles two pages, so this cannot fault.
 *
 * zero_bytes(w) has bit 7 of each byte set exactly where W's byte is
 * zero: adding 0x7f to the low seven bits of a byte carries into bit 7
 * unless they are all zero, and OR-ing in the byte itself catches the
 * bytes whose own bit 7 was set.  Both CPUs myld runs on are
 * little-endian, so the lowest flagged bit is the first byte in memory.
 */
#define LOW7 0x7f7f7f7f7f7f7f7full
#define ONES 0x0101010101010101ull

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "the word-at-a-time scans assume a little-endian CPU");

/* The scans that read past the terminator, within its word, are not
 * checked by AddressSanitizer (the fuzzing build): the read is on
 * purpose and cannot fault. */
#define READS_WHOLE_WORDS __attribute__((no_sanitize_address))

static inline uint64_t zero_bytes(uint64_t w)
{
	return ~(((w & LOW7) + LOW7) | w | LOW7);
}

/* The first aligned word of S, and the bits of the bytes in it at or after S. */
static inline const word_t *first_word(const void *s, uint64_t *valid)
{
	uintptr_t a = (uintptr_t)s;

	*valid = ~0ull << (8 * (a & 7));
	return (const word_t *)(a & ~(uintptr_t)7);
}

/* The byte a flag bit found by zero_bytes() stands for. */
static inline const char *flagged_byte(const word_t *w, uint64_t flags)
{
	return (const char *)w + __builtin_ctzll(flags) / 8;
}

/* The byte the highest flag bit stands for: the last one in memory. */
static inline const char *last_flagged_byte(const word_t *w, uint64_t flags)
{
	return (const char *)w + (63 - __builtin_clzll(flags)) / 8;
}

/*
 * The bits of a word up to and including the byte of the first flag in
 * END (end != 0).  Derived from the flag's index, not by arithmetic on
 * END itself, so that no bit of the result depends on the bytes after
 * the terminator, which belong to no string (valgrind checks this).
 */
static inline uint64_t through_first_flag(uint64_t end)
{
	unsigned bit = __builtin_ctzll(end);

	return bit == 63 ? ~0ull : (2ull << bit) - 1;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	uint64_t pattern = (unsigned char)c * ONES;

	/* Bytes up to the first word boundary, then whole words. */
	for (; n && ((uintptr_t)p & 7); n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t found = zero_bytes(*(const word_t *)p ^ pattern);

		if (found)
			return (void *)flagged_byte((const word_t *)p, found);
	}
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

READS_WHOLE_WORDS
size_t strlen(const char *s)
{
	uint64_t valid, found;
	const word_t *w = first_word(s, &valid);

	for (found = zero_bytes(*w) & valid; !found; found = zero_bytes(*w))
		w++;
	return (size_t)(flagged_byte(w, found) - s);
}

READS_WHOLE_WORDS
int strcmp(const char *a, const char *b)
{
	/* Equally aligned strings (sonames, paths, build-ids often are):
	 * bytes up to a word boundary, then a word of each at a time. */
	if ((((uintptr_t)a ^ (uintptr_t)b) & 7) == 0) {
		for (; (uintptr_t)a & 7; a++, b++)
			if (!*a || *a != *b)
				goto bytes;
		for (const word_t *x = (const void *)a, *y = (const void *)b;;
		     x++, y++) {
			uint64_t end = zero_bytes(*x), diff = *x ^ *y;

			if (end)
				diff &= through_first_flag(end);
			if (diff) {
				a = flagged_byte(x, diff);
				b = (const char *)y + (a - (const char *)x);
				goto bytes;
			}
			if (end)
				return 0;
		}
	}
	while (*a && *a == *b)
		a++, b++;
bytes:
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

/*
 * The bytes of word W equal to PATTERN's, among those VALID says are the
 * string's and up to its terminator (flag bits, as zero_bytes gives);
 * *END gets the terminator's flag, or 0 if the string goes on.
 */
static inline uint64_t matches_in_word(const word_t *w, uint64_t pattern,
				       uint64_t valid, uint64_t *end)
{
	uint64_t match = zero_bytes(*w ^ pattern) & valid;

	*end = zero_bytes(*w) & valid;
	return *end ? match & through_first_flag(*end) : match;
}

READS_WHOLE_WORDS
char *strchr(const char *s, int c)
{
	uint64_t pattern = (unsigned char)c * ONES, valid;
	const word_t *w = first_word(s, &valid);

	for (;; w++, valid = ~0ull) {
		uint64_t end, match = matches_in_word(w, pattern, valid, &end);

		if (match)
			return (char *)flagged_byte(w, match);
		if (end)
			return NULL;
	}
}

READS_WHOLE_WORDS
char *strrchr(const char *s, int c)
{
	uint64_t pattern = (unsigned char)c * ONES, valid;
	const word_t *w = first_word(s, &valid);
	const char *last = NULL;

	for (;; w++, valid = ~0ull) {
		uint64_t end, match = matches_in_word(w, pattern, valid, &end);

		if (match)
			last = last_flagged_byte(w, match);
		if (end)
			return (char *)last;
	}
}

/*
 * strlen, strrchr(s, '/') and strchr(s, '$') at the cost of little more
 * than one scan: loading a library by name needs all three, and a path
 * such as a preload's is long enough for three scans to show.
 *
 * The forward pass looks for the end and for '$' only: both are wanted
 * first, and most names lack a '$', so a word with neither costs one
 * test.  The last '/' is then looked for backwards from the end, where
 * it nearly always is: a path's last component is its shorter part.
 *
 * IN_LIST (a constant in both callers, so the compiler keeps one case):
 * the name also ends at a ':' or a space, as in LD_PRELOAD's list, where
 * it is scanned in the same pass that finds its end.  Clearing bit 5 of
 * every byte turns a space into a NUL and nothing else into one, so one
 * test finds both.
 */
READS_WHOLE_WORDS __attribute__((always_inline))
static inline size_t scan_name(const char *s, int in_list,
			       const char **last_slash, const char **dollar)
{
	uint64_t valid, end, dollars, slashes;
	const word_t *first = first_word(s, &valid), *w = first;
	/* The bytes before S in its word become 0x01, which is none of
	 * those looked for: the words after need no mask. */
	uint64_t x0 = (*w & valid) | (ONES & ~valid), x = x0;

	*dollar = NULL;
	for (;; x = *++w) {
		end = in_list ? zero_bytes(x & ~(' ' * ONES)) |
					zero_bytes(x ^ (':' * ONES))
			      : zero_bytes(x);
		dollars = zero_bytes(x ^ ('$' * ONES));
		if (end | dollars) {
			/* Only what comes before the end counts. */
			if (end)
				dollars &= through_first_flag(end);
			if (dollars && !*dollar)
				*dollar = flagged_byte(w, dollars);
			if (end)
				break;
		}
	}

	const word_t *end_w = w;

	slashes = zero_bytes(x ^ ('/' * ONES)) & through_first_flag(end);
	while (!slashes && w != first) {
		w--;
		slashes = zero_bytes((w == first ? x0 : *w) ^ ('/' * ONES));
	}
	*last_slash = slashes ? last_flagged_byte(w, slashes) : NULL;
	return (size_t)(flagged_byte(end_w, end) - s);
}

READS_WHOLE_WORDS
size_t str_scan_name(const char *s, const char **last_slash,
		     const char **dollar)
{
	return scan_name(s, 0, last_slash, dollar);
}

READS_WHOLE_WORDS
size_t str_scan_list_name(const char *s, const char **last_slash,
			  const char **dollar)
{
	return scan_name(s, 1, last_slash, dollar);
}

/*
 * Search lists are split with this: an LD_PRELOAD or RUNPATH element
 * is a whole path, long enough for a byte loop to show.
 */
READS_WHOLE_WORDS
size_t str_span_until(const char *s, int a, int b)
{
	uint64_t pa = (unsigned char)a * ONES, pb = (unsigned char)b * ONES;
	uint64_t valid;
	const word_t *w = first_word(s, &valid);

	for (;; w++, valid = ~0ull) {
		uint64_t stop = (zero_bytes(*w) | zero_bytes(*w ^ pa) |
				 zero_bytes(*w ^ pb)) & valid;

		if (stop)
			return (size_t)(flagged_byte(w, stop) - s);
	}
}

const char *str_skip_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

/*
 * The formatter writes through a sink: a buffer, and what to do when it
 * is full.  Without a drain, bytes past the end are only counted (the
 * snprintf contract); with one, the full buffer is handed on and reused,
 * so output of any length comes out whole.
 */
static void put(struct fmt_sink *o, char c)
{
	if (o->len + 1 >= o->size && o->drain && o->size > 1) {
		o->drain(o);
		o->len = 0;
	}
	if (o->len + 1 < o->size)
		o->buf[o->len++] = c;
	o->total++;
}

/* S (N bytes) in a field of WIDTH: padded on the left with PAD, or on
 * the right with spaces when WIDTH is negative (the '-' flag). */
static void put_padded(struct fmt_sink *o, const char *s, size_t n, int width,
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

/* V in BASE, after PREFIX ("-", "+", " ", "0x" or ""); a zero PAD goes
 * between the prefix and the digits, as printf puts it. */
static void put_number(struct fmt_sink *o, uint64_t v, const char *prefix,
		       unsigned base, int width, char pad)
{
	char digits[26];
	size_t n = 0, k = strlen(prefix);

	do {
		digits[sizeof(digits) - 1 - n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (pad == '0') {
		for (size_t i = 0; i < k; i++)
			put(o, prefix[i]);
		width -= (int)k;
	} else {
		while (k)
			digits[sizeof(digits) - 1 - n++] = prefix[--k];
	}
	put_padded(o, digits + sizeof(digits) - n, n, width, pad);
}

/* One conversion's flags, width, precision and length. */
struct directive {
	char pad;		/* ' ' or '0' */
	const char *plus;	/* what a non-negative number starts with */
	int width;		/* negative: left-justified */
	int precision;		/* -1: none */
	int longs;
	int alternate;
};

/* Read the part of a directive between '%' and its conversion letter;
 * returns a pointer to the letter. */
static const char *parse_directive(const char *fmt, struct directive *d,
				   va_list *ap)
{
	int left = 0;

	*d = (struct directive){ ' ', "", 0, -1, 0, 0 };
	for (;; fmt++) {
		if (*fmt == '0')
			d->pad = '0';
		else if (*fmt == '#')
			d->alternate = 1;
		else if (*fmt == '-')
			left = 1;
		else if (*fmt == '+')
			d->plus = "+";
		else if (*fmt == ' ')
			d->plus = *d->plus ? d->plus : " ";
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		d->width = d->width * 10 + (*fmt++ - '0');
	if (left) {
		d->width = -d->width;
		d->pad = ' ';
	}
	if (fmt[0] == '.' && fmt[1] == '*') {
		d->precision = va_arg(*ap, int);
		fmt += 2;
	} else if (fmt[0] == '.') {
		d->precision = 0;
		while (*++fmt >= '0' && *fmt <= '9')
			d->precision = d->precision * 10 + (*fmt - '0');
	}
	while (*fmt == 'l' || *fmt == 'z')
		d->longs++, fmt++;
	return fmt;
}

/* Format one conversion (CONV, with D) taking its value from AP.
 * Returns 0 at the end of FMT. */
static int put_conversion(struct fmt_sink *o, char conv,
			  const struct directive *d, va_list *ap)
{
	int width = d->width;
	uint64_t u;
	int64_t v;

	switch (conv) {
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t n;

		if (!s)
			s = "(null)";
		n = strlen(s);
		if (d->precision >= 0 && (size_t)d->precision < n)
			n = d->precision;
		put_padded(o, s, n, width, ' ');
		break;
	}
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case 'd':
	case 'i':
		v = d->longs ? va_arg(*ap, int64_t) : va_arg(*ap, int);
		put_number(o, v < 0 ? -(uint64_t)v : (uint64_t)v,
			   v < 0 ? "-" : d->plus, 10, width, d->pad);
		break;
	case 'u':
	case 'x':
		u = d->longs ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned);
		put_number(o, u, d->alternate && conv == 'x' && u ? "0x" : "",
			   conv == 'u' ? 10 : 16, width, d->pad);
		break;
	case 'p':
		put_number(o, (uintptr_t)va_arg(*ap, void *), "0x", 16, width,
			   d->pad);
		break;
	case '%':
		put(o, '%');
		break;
	default:
		/* An unknown conversion is a bug in myld: show it. */
		put(o, '%');
		if (!conv)
			return 0;
		put(o, conv);
	}
	return 1;
}

size_t fmt_vsink(struct fmt_sink *o, const char *fmt, va_list ap)
{
	size_t start = o->total;
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		struct directive d;

		if (*fmt != '%') {
			put(o, *fmt);
			continue;
		}
		fmt = parse_directive(fmt + 1, &d, &args);
		if (!put_conversion(o, *fmt, &d, &args))
			break;
	}
	va_end(args);
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
	return o->total - start;
}

void fmt_sink_flush(struct fmt_sink *o)
{
	if (o->drain && o->len)
		o->drain(o);
	o->len = 0;
	if (o->size)
		o->buf[0] = '\0';
}

int fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_sink o = { buf, size, 0, 0, NULL, NULL };

	return (int)fmt_vsink(&o, fmt, ap);
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
