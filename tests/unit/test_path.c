/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_path.c - search-path strings (loader/path.c).
 */
#include <stdint.h>

#include "harness.h"
#include "lib.h"
#include "path.h"

static const struct path_tokens tokens = {
	.origin = "/opt/app",
	.lib = "lib/x86_64-linux-gnu",
	.platform = "haswell",
};

static const struct path_tokens no_origin_no_platform = {
	.origin = NULL,
	.lib = "lib64",
	.platform = NULL,
};

/* Expand the NUL-terminated IN with TOK into a large buffer. */
static long expand(const char *in, const struct path_tokens *tok, char *out)
{
	return path_expand(in, strlen(in), tok, out, PATH_MAX_LEN);
}

/* Assert that IN expands to WANT, with the right length. */
static void check_expand(const char *in, const struct path_tokens *tok,
			 const char *want)
{
	char out[PATH_MAX_LEN];

	ck_assert_int_eq(expand(in, tok, out), (long)strlen(want));
	ck_assert_str_eq(out, want);
}

/* ---- path_expand ---- */

START_TEST(expand_origin_both_forms)
{
	check_expand("$ORIGIN/lib", &tokens, "/opt/app/lib");
	check_expand("${ORIGIN}/../lib", &tokens, "/opt/app/../lib");
	check_expand("$ORIGIN", &tokens, "/opt/app");
	check_expand("x$ORIGIN-y", &tokens, "x/opt/app-y");
	check_expand("${ORIGIN}X", &tokens, "/opt/appX");
	check_expand("$ORIGIN:$ORIGIN", &tokens, "/opt/app:/opt/app");
}
END_TEST

START_TEST(expand_lib_and_platform)
{
	check_expand("/usr/$LIB/tls", &tokens, "/usr/lib/x86_64-linux-gnu/tls");
	check_expand("/usr/${LIB}", &tokens, "/usr/lib/x86_64-linux-gnu");
	check_expand("/p/${PLATFORM}/x", &tokens, "/p/haswell/x");
	check_expand("/p/$PLATFORM", &tokens, "/p/haswell");
}
END_TEST

START_TEST(expand_longer_name_is_not_the_token)
{
	/* $ORIGINAL is a different name, not $ORIGIN followed by "AL". */
	check_expand("$ORIGINAL/x", &tokens, "$ORIGINAL/x");
	check_expand("$ORIGIN_2/x", &tokens, "$ORIGIN_2/x");
	check_expand("$LIBS", &tokens, "$LIBS");
	/* ...so it needs no origin either. */
	check_expand("$ORIGINAL/x", &no_origin_no_platform, "$ORIGINAL/x");
}
END_TEST

START_TEST(expand_unknown_names_kept_literally)
{
	check_expand("$FOO/bar", &tokens, "$FOO/bar");
	check_expand("${FOO}/bar", &tokens, "${FOO}/bar");
	check_expand("/a$", &tokens, "/a$");
	check_expand("$$ORIGIN", &tokens, "$/opt/app");
	/* An unclosed brace is no token. */
	check_expand("${ORIGIN/x", &tokens, "${ORIGIN/x");
}
END_TEST

START_TEST(expand_unknown_value_fails)
{
	char out[PATH_MAX_LEN];

	ck_assert_int_eq(expand("$ORIGIN/lib", &no_origin_no_platform, out), -1);
	ck_assert_int_eq(expand("/x/${ORIGIN}", &no_origin_no_platform, out), -1);
	ck_assert_int_eq(expand("/x/$PLATFORM", &no_origin_no_platform, out), -1);
	/* Only the tokens used matter. */
	check_expand("/usr/$LIB", &no_origin_no_platform, "/usr/lib64");
}
END_TEST

START_TEST(expand_reads_only_len_bytes)
{
	char out[64];
	const char *in = "$ORIGIN/lib:/other";

	ck_assert_int_eq(path_expand(in, 11, &tokens, out, sizeof(out)), 12);
	ck_assert_str_eq(out, "/opt/app/lib");
	/* A token cut by LEN is not a token. */
	ck_assert_int_eq(path_expand("$ORIGIN", 5, &tokens, out, sizeof(out)), 5);
	ck_assert_str_eq(out, "$ORIG");
	ck_assert_int_eq(path_expand("${ORIGIN}", 8, &tokens, out, sizeof(out)), 8);
	ck_assert_str_eq(out, "${ORIGIN");
}
END_TEST

START_TEST(expand_output_too_small_fails)
{
	char out[16];

	/* "/opt/app/lib" is 12 bytes and needs 13 with its NUL. */
	ck_assert_int_eq(path_expand("$ORIGIN/lib", 11, &tokens, out, 12), -1);
	ck_assert_int_eq(path_expand("$ORIGIN/lib", 11, &tokens, out, 13), 12);
	ck_assert_str_eq(out, "/opt/app/lib");
	/* Literal text alone: "abc" needs 4. */
	ck_assert_int_eq(path_expand("abc", 3, &tokens, out, 3), -1);
	ck_assert_int_eq(path_expand("abc", 3, &tokens, out, 4), 3);
	/* The value itself does not fit. */
	ck_assert_int_eq(path_expand("$ORIGIN", 7, &tokens, out, 8), -1);
	ck_assert_int_eq(path_expand("", 0, &tokens, out, 0), -1);
}
END_TEST

/* ---- path_next ---- */

/* How a list is split: path_next (plain, or with spaces for
 * LD_PRELOAD) or path_next_dir (keeping empty elements, or not). */
enum split { SPLIT_PLAIN, SPLIT_SPACES, SPLIT_DIRS, SPLIT_DIRS_SECURE };

static const char *split_next(enum split how, const char *list, size_t *len,
			      const char **rest)
{
	if (how == SPLIT_PLAIN || how == SPLIT_SPACES)
		return path_next(list, how == SPLIT_SPACES, len, rest);
	return path_next_dir(list, how == SPLIT_DIRS, len, rest);
}

/* Split LIST and compare the elements with WANT (a NULL-ended list). */
static void check_split(const char *list, enum split how,
			const char *const *want)
{
	const char *rest = list, *elem;
	size_t len, n = 0;

	while ((elem = split_next(how, rest, &len, &rest)) != NULL) {
		ck_assert_msg(want[n] != NULL, "extra element \"%.*s\"",
			      (int)len, elem);
		ck_assert_uint_eq(len, strlen(want[n]));
		ck_assert_msg(strncmp(elem, want[n], len) == 0,
			      "element %zu is \"%.*s\", want \"%s\"", n,
			      (int)len, elem, want[n]);
		n++;
	}
	ck_assert_msg(want[n] == NULL, "missing element \"%s\"", want[n]);
}

START_TEST(next_skips_empty_elements)
{
	static const char *const want[] = { "/a", "/b/c", "/d", NULL };
	static const char *const none[] = { NULL };

	check_split("/a::/b/c:/d", SPLIT_PLAIN, want);
	check_split(":/a:/b/c:::/d:", SPLIT_PLAIN, want);
	check_split("", SPLIT_PLAIN, none);
	check_split(":::", SPLIT_PLAIN, none);
}
END_TEST

/* glibc's reading: each ':' separates two elements, and an empty one
 * is the current directory; secure mode drops those. */
START_TEST(next_dir_keeps_empty_elements)
{
	static const char *const kept[] = { "", "/a", "", "/b", "", NULL };
	static const char *const dropped[] = { "/a", "/b", NULL };
	static const char *const one_empty[] = { "", NULL };
	static const char *const two_empty[] = { "", "", NULL };
	static const char *const none[] = { NULL };

	check_split(":/a::/b:", SPLIT_DIRS, kept);
	check_split(":/a::/b:", SPLIT_DIRS_SECURE, dropped);
	/* A list of one empty element (the caller skips a wholly empty
	 * list before asking). */
	check_split("", SPLIT_DIRS, one_empty);
	check_split(":", SPLIT_DIRS, two_empty);
	check_split(":", SPLIT_DIRS_SECURE, none);
	check_split(NULL, SPLIT_DIRS, none);
}
END_TEST

START_TEST(next_spaces_mode_for_preload)
{
	static const char *const spaced[] = { "liba.so", "libb.so", "/x/libc.so",
					      NULL };
	static const char *const plain[] = { "liba.so  libb.so", "/x/libc.so",
					     NULL };

	check_split(" liba.so  libb.so:/x/libc.so ", SPLIT_SPACES, spaced);
	check_split("liba.so  libb.so:/x/libc.so", SPLIT_PLAIN, plain);
}
END_TEST

/*
 * path_next_name splits as path_next does with SPACES, and finds each
 * element's last '/' and first '$' (within the element only).
 */
START_TEST(next_name_splits_like_next_with_spaces)
{
	static const char *const lists[] = {
		" liba.so  libb.so:/x/libc.so ",
		"/usr/libexec/valgrind/vgpreload_core-amd64-linux.so",
		"::$ORIGIN/a.so: /b$LIB/c.so :/d/e$:f/g $h ",
		"", ":: ", "/", "$",
	};

	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		const char *a = lists[k], *b = lists[k];
		const char *ea, *eb, *slash, *dollar;
		size_t la, lb;

		for (;;) {
			ea = path_next(a, 1, &la, &a);
			eb = path_next_name(b, &lb, &b, &slash, &dollar);
			ck_assert_ptr_eq(ea, eb);
			if (!ea)
				break;
			ck_assert_uint_eq(la, lb);
			ck_assert_ptr_eq(a, b);

			const char *want_slash = NULL, *want_dollar = NULL;
			for (size_t i = 0; i < la; i++) {
				if (ea[i] == '/')
					want_slash = ea + i;
				if (ea[i] == '$' && !want_dollar)
					want_dollar = ea + i;
			}
			ck_assert_ptr_eq(slash, want_slash);
			ck_assert_ptr_eq(dollar, want_dollar);
		}
	}
}
END_TEST

/* ---- path_join, path_dirname ---- */

START_TEST(join_adds_one_slash)
{
	char out[32];

	ck_assert_int_eq(path_join("/usr/lib", 8, "libc.so.6", out, sizeof(out)), 18);
	ck_assert_str_eq(out, "/usr/lib/libc.so.6");
	ck_assert_int_eq(path_join("/usr/lib/", 9, "libm.so", out, sizeof(out)), 16);
	ck_assert_str_eq(out, "/usr/lib/libm.so");
	ck_assert_int_eq(path_join("/", 1, "x", out, sizeof(out)), 2);
	ck_assert_str_eq(out, "/x");
	/* Only DIRLEN bytes of DIR: it may be a slice of a search list. */
	ck_assert_int_eq(path_join("/opt:/usr", 4, "y", out, sizeof(out)), 6);
	ck_assert_str_eq(out, "/opt/y");
	/* An empty directory adds no slash. */
	ck_assert_int_eq(path_join("", 0, "z", out, sizeof(out)), 1);
	ck_assert_str_eq(out, "z");
}
END_TEST

START_TEST(join_too_long_fails)
{
	char out[8];

	/* "/ab/cde" is 7 bytes: 8 with the NUL. */
	ck_assert_int_eq(path_join("/ab", 3, "cde", out, 7), -1);
	ck_assert_int_eq(path_join("/ab", 3, "cde", out, 8), 7);
	ck_assert_str_eq(out, "/ab/cde");
}
END_TEST

START_TEST(dirname_cases)
{
	char out[32];

	ck_assert_int_eq(path_dirname("/a/b", out, sizeof(out)), 2);
	ck_assert_str_eq(out, "/a");
	ck_assert_int_eq(path_dirname("/a", out, sizeof(out)), 1);
	ck_assert_str_eq(out, "/");
	ck_assert_int_eq(path_dirname("a", out, sizeof(out)), 1);
	ck_assert_str_eq(out, ".");
	ck_assert_int_eq(path_dirname("a/b", out, sizeof(out)), 1);
	ck_assert_str_eq(out, "a");
	ck_assert_int_eq(path_dirname("/usr/lib/libc.so", out, sizeof(out)), 8);
	ck_assert_str_eq(out, "/usr/lib");
	/* Room for "/a" needs 3 bytes. */
	ck_assert_int_eq(path_dirname("/a/b", out, 2), -1);
	ck_assert_int_eq(path_dirname("a", out, 1), -1);
}
END_TEST

/* ---- path_absolute ---- */

static void check_absolute(const char *path, const char *cwd, const char *want)
{
	char out[PATH_MAX_LEN];

	ck_assert_int_eq(path_absolute(path, cwd, out, sizeof(out)),
			 (long)strlen(want));
	ck_assert_str_eq(out, want);
}

START_TEST(absolute_relative_to_cwd)
{
	check_absolute("./prog", "/home/u", "/home/u/prog");
	check_absolute("prog", "/home/u/", "/home/u/prog");
	check_absolute("a//b/./c", "/home/u", "/home/u/a/b/c");
	check_absolute("prog", "/", "/prog");
	check_absolute(".", "/", "/");
}
END_TEST

START_TEST(absolute_path_ignores_cwd)
{
	check_absolute("/usr//lib/./x", "/home/u", "/usr/lib/x");
	check_absolute("/", "/home/u", "/");
	check_absolute("//", "/home/u", "/");
}
END_TEST

START_TEST(absolute_keeps_dotdot)
{
	check_absolute("../lib/x", "/home/u", "/home/u/../lib/x");
	check_absolute("a/..", "/", "/a/..");
}
END_TEST

START_TEST(absolute_too_long_fails)
{
	char out[16];

	/* "/home/u/prog" is 12 bytes. */
	ck_assert_int_eq(path_absolute("prog", "/home/u", out, 12), -1);
	ck_assert_int_eq(path_absolute("prog", "/home/u", out, 13), 12);
	ck_assert_str_eq(out, "/home/u/prog");
}
END_TEST

/* ---- path_absolute_cwd ---- */

/*
 * PATH against the canonical CWD: WANT, and the same as path_absolute
 * says, whether or not the fast join applies.
 */
static void check_absolute_cwd(const char *path, const char *cwd,
			       const char *want)
{
	char out[PATH_MAX_LEN], ref[PATH_MAX_LEN];

	ck_assert_int_eq(path_absolute_cwd(path, cwd, strlen(cwd), out,
					   sizeof(out)),
			 (long)strlen(want));
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(path_absolute(path, cwd, ref, sizeof(ref)),
			 (long)strlen(want));
	ck_assert_str_eq(ref, want);
}

START_TEST(absolute_cwd_joins_plain_names)
{
	check_absolute_cwd("./prog", "/home/u", "/home/u/prog");
	check_absolute_cwd("prog", "/home/u", "/home/u/prog");
	check_absolute_cwd("bin/prog", "/home/u", "/home/u/bin/prog");
	check_absolute_cwd(".//./prog", "/home/u", "/home/u/prog");
	check_absolute_cwd("./prog", "/", "/prog");
	check_absolute_cwd("../lib/x", "/home/u", "/home/u/../lib/x");
	check_absolute_cwd(".hidden/..x/x.", "/h", "/h/.hidden/..x/x.");
}
END_TEST

START_TEST(absolute_cwd_cleans_like_path_absolute)
{
	check_absolute_cwd("a//b/./c", "/home/u", "/home/u/a/b/c");
	check_absolute_cwd("a/.", "/home/u", "/home/u/a");
	check_absolute_cwd("prog/", "/home/u", "/home/u/prog");
	check_absolute_cwd(".", "/home/u", "/home/u");
	check_absolute_cwd("./", "/home/u", "/home/u");
	check_absolute_cwd("", "/home/u", "/home/u");
	check_absolute_cwd(".", "/", "/");
	check_absolute_cwd("/usr//lib/./x", "/home/u", "/usr/lib/x");
	check_absolute_cwd("/x", "/home/u", "/x");
}
END_TEST

START_TEST(absolute_cwd_unreachable_cwd)
{
	/* getcwd's answer for a directory outside the root. */
	check_absolute_cwd("./prog", "(unreachable)/d", "/(unreachable)/d/prog");
}
END_TEST

START_TEST(absolute_cwd_too_long_fails)
{
	char out[16];

	/* "/home/u/prog" is 12 bytes, both ways. */
	ck_assert_int_eq(path_absolute_cwd("./prog", "/home/u", 7, out, 12),
			 -1);
	ck_assert_int_eq(path_absolute_cwd("./a/./prog", "/home/u", 7, out,
					   14), -1);
	ck_assert_int_eq(path_absolute_cwd("./prog", "/home/u", 7, out, 13),
			 12);
	ck_assert_str_eq(out, "/home/u/prog");
}
END_TEST

/* ---- path_glob_match ---- */

START_TEST(glob_star_suffix)
{
	ck_assert_int_eq(path_glob_match("*.conf", "libc.conf"), 1);
	ck_assert_int_eq(path_glob_match("*.conf", ".conf"), 1);
	ck_assert_int_eq(path_glob_match("*.conf", "x86_64-linux-gnu.conf"), 1);
	ck_assert_int_eq(path_glob_match("*.conf", "libc.conf.bak"), 0);
	ck_assert_int_eq(path_glob_match("*.conf", "libc.con"), 0);
	ck_assert_int_eq(path_glob_match("*.conf", "conf"), 0);
}
END_TEST

START_TEST(glob_question_mark_is_one_char)
{
	ck_assert_int_eq(path_glob_match("?", "a"), 1);
	ck_assert_int_eq(path_glob_match("?", ""), 0);
	ck_assert_int_eq(path_glob_match("?", "ab"), 0);
	ck_assert_int_eq(path_glob_match("lib?.so", "libm.so"), 1);
	ck_assert_int_eq(path_glob_match("lib?.so", "libmm.so"), 0);
}
END_TEST

START_TEST(glob_several_stars_backtrack)
{
	ck_assert_int_eq(path_glob_match("a*b*c", "abc"), 1);
	ck_assert_int_eq(path_glob_match("a*b*c", "aXXbYYc"), 1);
	ck_assert_int_eq(path_glob_match("a*b*c", "aXcbc"), 1);
	ck_assert_int_eq(path_glob_match("a*b*c", "abcbc"), 1);
	ck_assert_int_eq(path_glob_match("a*b*c", "acb"), 0);
	ck_assert_int_eq(path_glob_match("a*b*c", "abcd"), 0);
	ck_assert_int_eq(path_glob_match("a*b*c", "xabc"), 0);
	ck_assert_int_eq(path_glob_match("*ab", "aab"), 1);
	ck_assert_int_eq(path_glob_match("*", ""), 1);
	ck_assert_int_eq(path_glob_match("**", "anything"), 1);
	ck_assert_int_eq(path_glob_match("", ""), 1);
	ck_assert_int_eq(path_glob_match("", "a"), 0);
}
END_TEST

/* ---- path_parse_ldconf ---- */

/* Records the callbacks as "dir:NAME" and "inc:PATTERN". */
struct events {
	char text[32][64];
	size_t n;
};

static void record(struct events *ev, const char *kind, const char *s,
		   size_t n)
{
	ck_assert_uint_lt(ev->n, 32);
	ck_assert_uint_lt(n, 56);
	memcpy(ev->text[ev->n], kind, 4);
	memcpy(ev->text[ev->n] + 4, s, n);
	ev->text[ev->n][4 + n] = '\0';
	ev->n++;
}

static void on_dir(void *ctx, const char *dir, size_t n)
{
	record(ctx, "dir:", dir, n);
}

static void on_include(void *ctx, const char *pat, size_t n)
{
	record(ctx, "inc:", pat, n);
}

static void check_ldconf(const char *text, size_t len,
			 const char *const *want)
{
	struct events ev = { .n = 0 };
	size_t n = 0;

	path_parse_ldconf(text, len, on_dir, on_include, &ev);
	for (; want[n]; n++) {
		ck_assert_msg(n < ev.n, "missing event %s", want[n]);
		ck_assert_str_eq(ev.text[n], want[n]);
	}
	ck_assert_msg(ev.n == n, "%zu events, want %zu (first extra: %s)",
		      ev.n, n, ev.n > n ? ev.text[n] : "");
}

#define CHECK_LDCONF(text, ...)                                          \
	do {                                                             \
		static const char *const want_[] = { __VA_ARGS__, NULL }; \
		check_ldconf(text, strlen(text), want_);                 \
	} while (0)

START_TEST(ldconf_debian_style)
{
	CHECK_LDCONF("# libc default configuration\n"
		     "include /etc/ld.so.conf.d/*.conf\n",
		     "inc:/etc/ld.so.conf.d/*.conf");
}
END_TEST

START_TEST(ldconf_comments_and_blank_lines)
{
	CHECK_LDCONF("\n"
		     "# a comment /not/a/dir\n"
		     "   \t \n"
		     "/usr/local/lib   # trailing comment /nor/this\n"
		     "\n"
		     "/opt/lib#glued\n",
		     "dir:/usr/local/lib", "dir:/opt/lib");
}
END_TEST

START_TEST(ldconf_relative_include_passed_as_written)
{
	/* Resolving it against the including file is the caller's job. */
	CHECK_LDCONF("include extra/*.conf\n"
		     "\tinclude\t  a.conf b.conf\n",
		     "inc:extra/*.conf", "inc:a.conf", "inc:b.conf");
}
END_TEST

START_TEST(ldconf_hwcap_lines_ignored)
{
	CHECK_LDCONF("hwcap 0 nosegneg\n"
		     "  hwcap 1 tls\n"
		     "hwcap\n"
		     "/hwcap/dir\n"
		     "hwcapdir\n",
		     "dir:/hwcap/dir", "dir:hwcapdir");
}
END_TEST

START_TEST(ldconf_several_directories_per_line)
{
	CHECK_LDCONF("/opt/a:/opt/b,/opt/c /opt/d\t/opt/e\n"
		     " ,:/opt/f::,/opt/g ,\n",
		     "dir:/opt/a", "dir:/opt/b", "dir:/opt/c", "dir:/opt/d",
		     "dir:/opt/e", "dir:/opt/f", "dir:/opt/g");
}
END_TEST

START_TEST(ldconf_crlf_and_no_final_newline)
{
	CHECK_LDCONF("/usr/lib32\r\n"
		     "include x.conf\r\n"
		     "/last",
		     "dir:/usr/lib32", "inc:x.conf", "dir:/last");
}
END_TEST

START_TEST(ldconf_stops_at_len)
{
	static const char text[] = "/a\n/b\n/c\n";
	static const char *const want[] = { "dir:/a", "dir:/b", NULL };

	/* "/a\n/b" : the third line is outside LEN. */
	check_ldconf(text, 5, want);
}
END_TEST

START_TEST(ldconf_include_keyword_needs_a_blank)
{
	CHECK_LDCONF("includes\n"
		     "include\n",
		     "dir:includes", "dir:include");
}
END_TEST

/* ---- /etc/ld.so.cache ---- */

struct cache_spec {
	int32_t flags;
	const char *key, *value;
	uint64_t hwcap;
};

/*
 * Build a cache image of SPECS (already in ldconfig's order, highest
 * first) in BUF; returns its size.
 */
static size_t build_cache(unsigned char *buf, size_t cap,
			  const struct cache_spec *specs, size_t n)
{
	size_t str = 48 + 24 * n;

	ck_assert_uint_le(str, cap);
	memset(buf, 0, cap);
	memcpy(buf, "glibc-ld.so.cache1.1", 20);
	uint32_t nlibs = n;
	memcpy(buf + 20, &nlibs, 4);
	buf[28] = 2;		/* little-endian */
	for (size_t i = 0; i < n; i++) {
		unsigned char *e = buf + 48 + 24 * i;
		uint32_t key, value;

		memcpy(e, &specs[i].flags, 4);
		key = str;
		ck_assert_uint_lt(str + strlen(specs[i].key) + 1, cap);
		memcpy(buf + str, specs[i].key, strlen(specs[i].key) + 1);
		str += strlen(specs[i].key) + 1;
		value = str;
		ck_assert_uint_lt(str + strlen(specs[i].value) + 1, cap);
		memcpy(buf + str, specs[i].value,
		       strlen(specs[i].value) + 1);
		str += strlen(specs[i].value) + 1;
		memcpy(e + 4, &key, 4);
		memcpy(e + 8, &value, 4);
		memcpy(e + 16, &specs[i].hwcap, 8);
	}
	uint32_t len = str - (48 + 24 * n);
	memcpy(buf + 24, &len, 4);
	return str;
}

#define X64 0x0303
/* In ldconfig's order: numbers compare as numbers, highest first. */
static const struct cache_spec debian[] = {
	{ X64, "libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", 0 },
	{ X64, "libfoo.so.10", "/opt/libfoo.so.10", 0 },
	{ X64, "libfoo.so.9", "/opt/libfoo.so.9", 0 },
	{ X64, "libc.so.6", "/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libc.so.6",
	  (1ull << 62) | 1 },
	{ X64, "libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", 0 },
	{ 0x0003, "libc.so.6", "/lib32/libc.so.6", 0 },
	{ 0x0a03, "libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", 0 },
	{ 0x0003, "libbar.so.2", "/lib32/libbar.so.2", 0 },
	{ X64, "ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2", 0 },
};

START_TEST(cache_finds_each_name_for_its_abi)
{
	static unsigned char buf[4096];
	size_t size = build_cache(buf, sizeof(buf), debian, ARRAY_SIZE(debian));

	ck_assert_int_eq(path_cache_check(buf, size), ARRAY_SIZE(debian));
	ck_assert_str_eq(path_cache_lookup(buf, size, "libc.so.6", X64),
			 "/lib/x86_64-linux-gnu/libc.so.6");
	ck_assert_str_eq(path_cache_lookup(buf, size, "libc.so.6", 0x0a03),
			 "/lib/aarch64-linux-gnu/libc.so.6");
	ck_assert_str_eq(path_cache_lookup(buf, size, "libz.so.1", X64),
			 "/lib/x86_64-linux-gnu/libz.so.1");
	ck_assert_str_eq(path_cache_lookup(buf, size, "libfoo.so.9", X64),
			 "/opt/libfoo.so.9");
	ck_assert_str_eq(path_cache_lookup(buf, size, "libfoo.so.10", X64),
			 "/opt/libfoo.so.10");
	ck_assert_str_eq(path_cache_lookup(buf, size, "ld-linux-x86-64.so.2",
					   X64), "/lib64/ld-linux-x86-64.so.2");
	/* Only for another ABI; absent; a prefix of a name. */
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libbar.so.2", X64));
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libnone.so.1", X64));
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libc.so", X64));
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libfoo.so.1", X64));
}
END_TEST

START_TEST(cache_rejects_bad_headers)
{
	static unsigned char buf[4096], bad[4096];
	size_t size = build_cache(buf, sizeof(buf), debian, ARRAY_SIZE(debian));

	ck_assert_int_eq(path_cache_check(buf, 47), -1);
	memcpy(bad, buf, size);
	bad[0] = 'x';
	ck_assert_int_eq(path_cache_check(bad, size), -1);
	ck_assert_ptr_null(path_cache_lookup(bad, size, "libc.so.6", X64));
	/* The old format ("ld.so-1.7.0") is not read. */
	memcpy(bad, "ld.so-1.7.0", 11);
	ck_assert_int_eq(path_cache_check(bad, size), -1);
	/* Big-endian, or marked invalid. */
	memcpy(bad, buf, size);
	bad[28] = 3;
	ck_assert_int_eq(path_cache_check(bad, size), -1);
	bad[28] = 1;
	ck_assert_int_eq(path_cache_check(bad, size), -1);
	/* No byte order recorded: accepted. */
	bad[28] = 0;
	ck_assert_int_eq(path_cache_check(bad, size), ARRAY_SIZE(debian));
	/* More entries than the file holds. */
	memcpy(bad, buf, size);
	uint32_t huge = 0x7fffffff;
	memcpy(bad + 20, &huge, 4);
	ck_assert_int_eq(path_cache_check(bad, size), -1);
	ck_assert_ptr_null(path_cache_lookup(bad, size, "libc.so.6", X64));
}
END_TEST

START_TEST(cache_offsets_outside_are_no_answer)
{
	static unsigned char buf[4096];
	size_t size = build_cache(buf, sizeof(buf), debian, ARRAY_SIZE(debian));
	uint32_t past = size + 100;

	/* A key offset past the end: the search stops, finds nothing. */
	for (size_t i = 0; i < ARRAY_SIZE(debian); i++)
		memcpy(buf + 48 + 24 * i + 4, &past, 4);
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libc.so.6", X64));

	/* A value offset past the end, or a string without its NUL. */
	size = build_cache(buf, sizeof(buf), debian, ARRAY_SIZE(debian));
	memcpy(buf + 48 + 24 * 4 + 8, &past, 4);
	ck_assert_ptr_null(path_cache_lookup(buf, size, "libc.so.6", X64));
	size = build_cache(buf, sizeof(buf), debian, ARRAY_SIZE(debian));
	ck_assert_ptr_nonnull(path_cache_lookup(buf, size, "ld-linux-x86-64.so.2",
						X64));
	/* The last string is the last value: cut its NUL off. */
	ck_assert_ptr_null(path_cache_lookup(buf, size - 1,
					     "ld-linux-x86-64.so.2", X64));
}
END_TEST

START_TEST(cache_relative_path_ignored)
{
	static unsigned char buf[4096];
	static const struct cache_spec rel[] = {
		{ X64, "libq.so.1", "lib/libq.so.1", 0 },
	};
	size_t size = build_cache(buf, sizeof(buf), rel, 1);

	ck_assert_ptr_null(path_cache_lookup(buf, size, "libq.so.1", X64));
}
END_TEST

/* One list's directories, each once, trailing slashes aside; a full
 * record still answers for what it holds. */
START_TEST(seen_before_once_per_list)
{
	char seen[16];
	size_t n = 0;

	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/a/b/", 5), 0);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/a/b", 4), 1);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/a/b//", 6), 1);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/a", 2), 0);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/", 1), 0);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/", 1), 1);
	ck_assert_uint_eq(n, 10);	/* "/a/b" "/a" "/" with their NULs */
	/* Too long to record: new each time, the others still known. */
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen),
					  "/long/directory", 15), 0);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen),
					  "/long/directory", 15), 0);
	ck_assert_int_eq(path_seen_before(seen, &n, sizeof(seen), "/a", 2), 1);
}
END_TEST

static Suite *path_suite(void)
{
	Suite *s = suite_create("path");
	TCase *exp = tcase_create("path_expand");
	TCase *lists = tcase_create("path_next_join_dirname");
	TCase *abs = tcase_create("path_absolute");
	TCase *glob = tcase_create("path_glob_match");
	TCase *conf = tcase_create("path_parse_ldconf");
	TCase *cache = tcase_create("path_cache");

	tcase_add_test(exp, expand_origin_both_forms);
	tcase_add_test(exp, expand_lib_and_platform);
	tcase_add_test(exp, expand_longer_name_is_not_the_token);
	tcase_add_test(exp, expand_unknown_names_kept_literally);
	tcase_add_test(exp, expand_unknown_value_fails);
	tcase_add_test(exp, expand_reads_only_len_bytes);
	tcase_add_test(exp, expand_output_too_small_fails);
	suite_add_tcase(s, exp);

	tcase_add_test(lists, next_skips_empty_elements);
	tcase_add_test(lists, next_dir_keeps_empty_elements);
	tcase_add_test(lists, next_spaces_mode_for_preload);
	tcase_add_test(lists, next_name_splits_like_next_with_spaces);
	tcase_add_test(lists, join_adds_one_slash);
	tcase_add_test(lists, join_too_long_fails);
	tcase_add_test(lists, dirname_cases);
	tcase_add_test(lists, seen_before_once_per_list);
	suite_add_tcase(s, lists);

	tcase_add_test(abs, absolute_relative_to_cwd);
	tcase_add_test(abs, absolute_path_ignores_cwd);
	tcase_add_test(abs, absolute_keeps_dotdot);
	tcase_add_test(abs, absolute_too_long_fails);
	tcase_add_test(abs, absolute_cwd_joins_plain_names);
	tcase_add_test(abs, absolute_cwd_cleans_like_path_absolute);
	tcase_add_test(abs, absolute_cwd_unreachable_cwd);
	tcase_add_test(abs, absolute_cwd_too_long_fails);
	suite_add_tcase(s, abs);

	tcase_add_test(glob, glob_star_suffix);
	tcase_add_test(glob, glob_question_mark_is_one_char);
	tcase_add_test(glob, glob_several_stars_backtrack);
	suite_add_tcase(s, glob);

	tcase_add_test(conf, ldconf_debian_style);
	tcase_add_test(conf, ldconf_comments_and_blank_lines);
	tcase_add_test(conf, ldconf_relative_include_passed_as_written);
	tcase_add_test(conf, ldconf_hwcap_lines_ignored);
	tcase_add_test(conf, ldconf_several_directories_per_line);
	tcase_add_test(conf, ldconf_crlf_and_no_final_newline);
	tcase_add_test(conf, ldconf_stops_at_len);
	tcase_add_test(conf, ldconf_include_keyword_needs_a_blank);
	suite_add_tcase(s, conf);

	tcase_add_test(cache, cache_finds_each_name_for_its_abi);
	tcase_add_test(cache, cache_rejects_bad_headers);
	tcase_add_test(cache, cache_offsets_outside_are_no_answer);
	tcase_add_test(cache, cache_relative_path_ignored);
	suite_add_tcase(s, cache);
	return s;
}

UNIT_TEST_MAIN(path_suite)
