/* SPDX-License-Identifier: MIT */
/*
 * loader/path.c - search-path strings.  See path.h.
 */
#include "path.h"
#include "lib.h"

static int is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * If IN[0..LEN) starts with $NAME or ${NAME} for token TOKEN, return the
 * number of bytes it occupies, else 0.  $ORIGINAL is not $ORIGIN: the
 * name must end there.
 */
static size_t match_token(const char *in, size_t len, const char *token)
{
	size_t n = strlen(token);

	if (len > n + 2 && in[1] == '{' && strncmp(in + 2, token, n) == 0 &&
	    in[n + 2] == '}')
		return n + 3;
	if (len >= n + 1 && strncmp(in + 1, token, n) == 0 &&
	    (len == n + 1 || !is_name_char(in[n + 1])))
		return n + 1;
	return 0;
}

long path_expand(const char *in, size_t len, const struct path_tokens *tok,
		 char *out, size_t outsz)
{
	static const char names[][9] = { "ORIGIN", "LIB", "PLATFORM" };
	const char *values[] = { tok->origin, tok->lib, tok->platform };
	size_t o = 0;

	for (size_t i = 0;;) {
		/* Plain text up to the next '$' (most names have none). */
		const char *dollar = memchr(in + i, '$', len - i);
		size_t run = (dollar ? (size_t)(dollar - in) : len) - i;

		if (o + run >= outsz)
			return -1;
		memcpy(out + o, in + i, run);
		o += run;
		i += run;
		if (i == len)
			break;

		const char *value = NULL;
		size_t used = 0;

		for (size_t k = 0; k < ARRAY_SIZE(names) && !used; k++) {
			used = match_token(in + i, len - i, names[k]);
			value = values[k];
		}
		if (!used) {
			value = "$";	/* not a token: the '$' stays */
			used = 1;
		} else if (!value) {
			return -1;
		}
		size_t vlen = strlen(value);
		if (o + vlen >= outsz)
			return -1;
		memcpy(out + o, value, vlen);
		o += vlen;
		i += used;
	}
	out[o] = '\0';
	return o;
}

const char *path_next(const char *list, int spaces, size_t *len,
		      const char **rest)
{
	const char *p = list;

	while (*p == ':' || (spaces && *p == ' '))
		p++;
	if (!*p)
		return NULL;
	*len = str_span_until(p, ':', spaces ? ' ' : ':');
	*rest = p + *len;
	return p;
}

const char *path_next_dir(const char *list, int keep_empty, size_t *len,
			  const char **rest)
{
	while (list) {
		size_t n = str_span_until(list, ':', ':');
		const char *elem = list;

		list = elem[n] ? elem + n + 1 : NULL;
		if (n || keep_empty) {
			*len = n;
			*rest = list;
			return elem;
		}
	}
	return NULL;
}

const char *path_next_name(const char *list, size_t *len, const char **rest,
			   const char **last_slash, const char **dollar)
{
	const char *p = list;

	while (*p == ':' || *p == ' ')
		p++;
	if (!*p)
		return NULL;
	*len = str_scan_list_name(p, last_slash, dollar);
	*rest = p + *len;
	return p;
}

/* path_join, with NAME's length NLEN known. */
static long join(const char *dir, size_t dirlen, const char *name,
		 size_t nlen, char *out, size_t outsz)
{
	int slash = dirlen && dir[dirlen - 1] != '/';

	if (dirlen + slash + nlen + 1 > outsz)
		return -1;
	memcpy(out, dir, dirlen);
	if (slash)
		out[dirlen] = '/';
	memcpy(out + dirlen + slash, name, nlen + 1);
	return dirlen + slash + nlen;
}

long path_join(const char *dir, size_t dirlen, const char *name, char *out,
	       size_t outsz)
{
	return join(dir, dirlen, name, strlen(name), out, outsz);
}

long path_dirname(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash) {
		if (outsz < 2)
			return -1;
		out[0] = '.';
		out[1] = '\0';
		return 1;
	}
	n = slash - path;
	if (n == 0)
		n = 1;		/* the root directory keeps its slash */
	if (n + 1 > outsz)
		return -1;
	memcpy(out, path, n);
	out[n] = '\0';
	return n;
}

long path_absolute(const char *path, const char *cwd, char *out,
		   size_t outsz)
{
	size_t o = 0;
	const char *parts[2] = { path[0] == '/' ? "" : cwd, path };

	for (int k = 0; k < 2; k++) {
		const char *p = parts[k];

		while (*p) {
			while (*p == '/')
				p++;
			const char *start = p;
			while (*p && *p != '/')
				p++;
			size_t n = p - start;

			if (n == 0 || (n == 1 && start[0] == '.'))
				continue;
			if (o + 1 + n + 1 > outsz)
				return -1;
			out[o++] = '/';
			memcpy(out + o, start, n);
			o += n;
		}
	}
	if (o == 0) {
		if (outsz < 2)
			return -1;
		out[o++] = '/';
	}
	out[o] = '\0';
	return o;
}

/* Does the component at P (after a '/' or at the start) read "."? */
static int is_dot_component(const char *p)
{
	return p[0] == '.' && (p[1] == '/' || p[1] == '\0');
}

/*
 * The relative PATH past its leading "./", if what is left needs no
 * cleaning: no "." or empty component, and no '/' at the end; its
 * length in *LEN.  NULL otherwise, and when nothing is left.  ".." may
 * stay: path_absolute keeps it too.
 */
static const char *plain_relative_rest(const char *path, size_t *len)
{
	const char *p = path, *rest;

	while (is_dot_component(p)) {
		p++;
		while (*p == '/')
			p++;
	}
	rest = p;
	for (;;) {
		/* At the start of a component. */
		if (*p == '/' || *p == '\0' || is_dot_component(p))
			return NULL;
		while (*p != '/' && *p != '\0')
			p++;
		if (*p == '\0') {
			*len = p - rest;
			return rest;
		}
		p++;
	}
}

long path_absolute_cwd(const char *path, const char *cwd, size_t cwdlen,
		       char *out, size_t outsz)
{
	const char *rest = NULL;
	size_t len;

	/* A relative cwd is getcwd's "(unreachable)/..." for a directory
	 * outside the root: path_absolute handles it as it always has. */
	if (path[0] != '/' && cwd[0] == '/')
		rest = plain_relative_rest(path, &len);
	if (!rest)
		return path_absolute(path, cwd, out, outsz);
	return join(cwd, cwdlen, rest, len, out, outsz);
}

int path_glob_match(const char *pat, const char *name)
{
	/* Classic backtracking over the last '*' seen: linear enough for
	 * file names. */
	const char *star = NULL, *resume = NULL;

	while (*name) {
		if (*pat == '*') {
			star = pat++;
			resume = name;
		} else if (*pat == '?' || *pat == *name) {
			pat++;
			name++;
		} else if (star) {
			pat = star + 1;
			name = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

void path_parse_ldconf(const char *text, size_t len,
		       void (*on_dir)(void *ctx, const char *dir, size_t n),
		       void (*on_include)(void *ctx, const char *pat,
					  size_t n),
		       void *ctx)
{
	size_t i = 0;

	while (i < len) {
		size_t line_end = i;
		while (line_end < len && text[line_end] != '\n')
			line_end++;
		size_t end = i;
		while (end < line_end && text[end] != '#')
			end++;

		while (i < end && is_blank(text[i]))
			i++;
		int include = 0;
		if (end - i > 8 && strncmp(text + i, "include", 7) == 0 &&
		    is_blank(text[i + 7])) {
			include = 1;
			i += 8;
		} else if (end - i >= 5 && strncmp(text + i, "hwcap", 5) == 0 &&
			   (end - i == 5 || is_blank(text[i + 5]))) {
			i = end;
		}
		while (i < end) {
			while (i < end && (is_blank(text[i]) ||
					   (!include && (text[i] == ':' ||
							 text[i] == ','))))
				i++;
			size_t start = i;
			while (i < end && !is_blank(text[i]) &&
			       (include || (text[i] != ':' && text[i] != ',')))
				i++;
			if (i > start) {
				if (include)
					on_include(ctx, text + start, i - start);
				else
					on_dir(ctx, text + start, i - start);
			}
		}
		i = line_end + 1;
	}
}

/*
 * /etc/ld.so.cache in the format glibc's ldconfig writes since glibc
 * 2.32 (and the format's facts from glibc's dl-cache.h): a 48-byte
 * header, "glibc-ld.so.cache" "1.1", the number of entries and the size
 * of the string table, a flags byte whose low two bits give the byte
 * order, then the entries, 24 bytes each:
 *
 *	int32 flags;		what kind of library, for which ABI
 *	uint32 key, value;	offsets from the start of the file of the
 *				name (a soname) and of the path
 *	uint32 osversion;
 *	uint64 hwcap;		0 but for hwcap-specific variants
 *
 * ldconfig sorts the entries by cache_cmp() below, highest first, so a
 * name is found by binary search; entries with the same name (for other
 * ABIs, or hwcap variants) are neighbours.
 */
#define CACHE_MAGIC "glibc-ld.so.cache1.1"
#define CACHE_HEADER 48
#define CACHE_ENTRY 24

typedef uint32_t __attribute__((may_alias, aligned(1))) cache_u32_t;
typedef uint64_t __attribute__((may_alias, aligned(1))) cache_u64_t;

static uint32_t cache_u32(const unsigned char *p)
{
	return *(const cache_u32_t *)p;
}

/*
 * The order of the cache: like strcmp, except that runs of digits
 * compare as numbers ("libfoo.so.10" after "libfoo.so.9"), and a digit
 * after anything else.
 */
static int cache_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static int cache_cmp(const char *a, const char *b)
{
	for (;;) {
		/* Equal bytes but digits (a look-up's names share "lib"
		 * with most it meets) cost one test each. */
		while (*a == *b && *a && !cache_digit(*a))
			a++, b++;
		if (!*a)
			return *b ? -1 : 0;
		int da = cache_digit(*a), db = cache_digit(*b);

		if (da && db) {
			uint64_t x = 0, y = 0;

			/* Capped, so that a long run cannot overflow. */
			for (; cache_digit(*a); a++)
				x = x < (1ull << 60) ? x * 10 + (*a - '0') : x;
			for (; cache_digit(*b); b++)
				y = y < (1ull << 60) ? y * 10 + (*b - '0') : y;
			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (da)
			return 1;
		if (db)
			return -1;
		return (unsigned char)*a - (unsigned char)*b;
	}
}

long path_cache_check(const void *data, size_t size)
{
	const unsigned char *p = data;

	if (size < CACHE_HEADER ||
	    memcmp(p, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) != 0)
		return -1;
	uint64_t n = cache_u32(p + 20);
	unsigned order = p[28] & 3;
	/* 0: written before the byte order was recorded; 1: invalid. */
	if (order == 1 ||
	    (order != 0 && order != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
					     ? 2u : 3u)))
		return -1;
	if (n > (size - CACHE_HEADER) / CACHE_ENTRY)
		return -1;
	return (long)n;
}

/*
 * The string at OFF in the cache, or NULL if it does not end inside.
 * When the string table (after the entries) ends with a NUL, as
 * ldconfig writes it, a string that starts in it ends in it: no need to
 * look for the end of each.
 */
static const char *cache_string(const unsigned char *p, size_t size,
				uint32_t off)
{
	uint64_t start = CACHE_HEADER + (uint64_t)CACHE_ENTRY * cache_u32(p + 20);
	uint64_t end = start + cache_u32(p + 24);

	if (off >= size)
		return NULL;
	if (!(off >= start && off < end && end <= size && p[end - 1] == '\0') &&
	    !memchr(p + off, 0, size - off))
		return NULL;
	return (const char *)p + off;
}

const char *path_cache_lookup(const void *data, size_t size,
			      const char *name, uint32_t flags)
{
	const unsigned char *p = data;
	long n = path_cache_check(data, size);
	long lo = 0, hi = n - 1, hit = -1;

	if (n <= 0)
		return NULL;
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		const char *key = cache_string(p, size, cache_u32(
			p + CACHE_HEADER + CACHE_ENTRY * mid + 4));
		if (!key)
			return NULL;
		int c = cache_cmp(name, key);
		if (c == 0) {
			hit = mid;
			break;
		}
		/* Highest first: a smaller name is further on. */
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (hit < 0)
		return NULL;
	/* The first of the entries with this name, then each in turn. */
	while (hit > 0) {
		const char *key = cache_string(p, size, cache_u32(
			p + CACHE_HEADER + CACHE_ENTRY * (hit - 1) + 4));
		if (!key || cache_cmp(name, key) != 0)
			break;
		hit--;
	}
	for (; hit < n; hit++) {
		const unsigned char *e = p + CACHE_HEADER + CACHE_ENTRY * hit;
		const char *key = cache_string(p, size, cache_u32(e + 4));
		uint64_t hwcap;

		if (!key || cache_cmp(name, key) != 0)
			break;
		hwcap = *(const cache_u64_t *)(e + 16);
		/* Another ABI, or a variant for some CPUs only (glibc-hwcaps
		 * subdirectories, which myld does not search either). */
		if (cache_u32(e) != flags || hwcap != 0 || strcmp(name, key))
			continue;
		const char *path = cache_string(p, size, cache_u32(e + 8));
		if (path && path[0] == '/')
			return path;
	}
	return NULL;
}

int path_list_has_name(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (;;) {
		const char *end = strchr(list, ':');
		size_t n = end ? (size_t)(end - list) : strlen(list);

		if (n == len && !memcmp(list, name, len))
			return 1;
		/* The text after a final ':' is no element. */
		if (!end || !end[1])
			return 0;
		list = end + 1;
	}
}

int path_seen_before(char *seen, size_t *seen_len, size_t size,
		     const char *dir, size_t len)
{
	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (size_t at = 0; at < *seen_len; at += strlen(seen + at) + 1)
		if (strlen(seen + at) == len && !memcmp(seen + at, dir, len))
			return 1;
	if (*seen_len + len + 1 <= size) {
		memcpy(seen + *seen_len, dir, len);
		seen[*seen_len + len] = '\0';
		*seen_len += len + 1;
	}
	return 0;
}
