/* SPDX-License-Identifier: MIT */
/*
 * loader/secure.c - see secure.h.  The tables are arrays of characters,
 * not of pointers: a table of pointers is a relocation per entry that
 * boot.c would apply at every start.
 */
#include "lib.h"
#include "secure.h"

/* Does VAR ("NAME=value") assign the variable NAME? */
static int assigns(const char *var, const char *name)
{
	const char *rest = str_skip_prefix(var, name);

	return rest && *rest == '=';
}

int secure_ignores_variable(const char *var)
{
	/*
	 * Search paths and $ORIGIN's stand-in, the debugging output file,
	 * the auxv dump, the profiler's output directory and weak-symbol
	 * rules: each would let the invoking user choose code or files
	 * for the privileged program, or learn its memory layout.
	 */
	static const char ignored[][18] = {
		"LD_LIBRARY_PATH", "LD_DEBUG_OUTPUT", "LD_SHOW_AUXV",
		"LD_ORIGIN_PATH", "LD_PROFILE_OUTPUT", "LD_DYNAMIC_WEAK",
	};

	for (size_t i = 0; i < ARRAY_SIZE(ignored); i++)
		if (assigns(var, ignored[i]))
			return 1;
	return 0;
}

int secure_unsafe_variable(const char *var)
{
	/*
	 * glibc 2.36's list (sysdeps/generic/unsecvars.h, as built with
	 * tunables), in its order.  docs/secure-mode.md gives the reason
	 * for each.  The MALLOC_* aliases of tunables are not here: the
	 * tunables' security levels decide about them (glibc/tunables.c).
	 */
	static const char unsafe[][17] = {
		"GCONV_PATH", "GETCONF_DIR", "HOSTALIASES", "LD_AUDIT",
		"LD_DEBUG", "LD_DEBUG_OUTPUT", "LD_DYNAMIC_WEAK",
		"LD_HWCAP_MASK", "LD_LIBRARY_PATH", "LD_ORIGIN_PATH",
		"LD_PRELOAD", "LD_PROFILE", "LD_SHOW_AUXV", "LOCALDOMAIN",
		"LOCPATH", "MALLOC_TRACE", "NIS_PATH", "NLSPATH",
		"RESOLV_HOST_CONF", "RES_OPTIONS", "TMPDIR", "TZDIR",
	};

	for (size_t i = 0; i < ARRAY_SIZE(unsafe); i++)
		if (var[0] == unsafe[i][0] && assigns(var, unsafe[i]))
			return 1;
	return 0;
}

size_t secure_remove_variables(char **envp,
			       int (*drop)(const char *var, void *ctx),
			       void *ctx)
{
	char **to = envp;
	size_t removed = 0;

	for (char **from = envp; *from; from++) {
		if (drop(*from, ctx))
			removed++;
		else
			*to++ = *from;
	}
	/* The slots freed at the end become NULLs too: whatever reads the
	 * array stops at the first. */
	for (size_t i = 0; i <= removed; i++)
		to[i] = NULL;
	return removed;
}

size_t secure_filter_tunables(const char *value, char *out,
			      int (*keep)(const char *name, size_t len,
					  void *ctx),
			      void *ctx)
{
	const char *p = value;
	size_t n = 0;

	while (*p) {
		size_t name_len = 0, value_len;

		while (p[name_len] && p[name_len] != '=' && p[name_len] != ':')
			name_len++;
		if (p[name_len] != '=') {	/* no value: dropped */
			p += name_len + (p[name_len] == ':');
			continue;
		}
		value_len = 0;
		while (p[name_len + 1 + value_len] &&
		       p[name_len + 1 + value_len] != ':')
			value_len++;
		if (keep(p, name_len, ctx)) {
			if (n)
				out[n++] = ':';
			memcpy(out + n, p, name_len + 1 + value_len);
			n += name_len + 1 + value_len;
		}
		p += name_len + 1 + value_len;
		if (*p == ':')
			p++;
	}
	out[n] = '\0';
	return n;
}

int secure_preload_allowed(const char *name)
{
	size_t len = strlen(name);

	return len && len < SECURE_NAME_LIMIT && !memchr(name, '/', len);
}

struct secure_fd_plan secure_standard_fd_plan(int fd)
{
	/* Linux's fixed numbers for the memory devices (devices.txt). */
	struct secure_fd_plan full = { "/dev/full", 1, 1, 7 };
	struct secure_fd_plan null = { "/dev/null", 0, 1, 3 };

	return fd == 0 ? full : null;
}
