/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/tunables.c - glibc's tunables: GLIBC_TUNABLES and the
 * older environment variables that alias some of them (MALLOC_CHECK_,
 * MALLOC_ARENA_MAX, ...).
 *
 * libc asks for a tunable by this build's numeric id through
 * __tunable_get_val; the table of ids, types, bounds, defaults and
 * security levels is generated (glibc-layout.h).  The rules follow
 * glibc's loader:
 *  - GLIBC_TUNABLES is "name=value:name=value..."; unknown names and
 *    values outside the tunable's bounds are ignored;
 *  - numbers are decimal, or hexadecimal with 0x;
 *  - in secure mode (AT_SECURE) only tunables whose security level is
 *    "none" are honoured, and before anything reads the environment
 *    (libc_compat_secure_environment) the aliases of the tunables whose
 *    level is "erase" are removed from it, and GLIBC_TUNABLES is
 *    rewritten without their settings, so that no child inherits them.
 *    /etc/suid-debug lowers glibc.malloc.check (MALLOC_CHECK_) to
 *    "none", as in glibc.
 */
#include "alloc.h"
#include "diag.h"
#include "glibc-arch.h"
#include "glibc-layout.h"
#include "glibc-tunables.h"
#include "lib.h"
#include "libc_compat.h"
#include "secure.h"

/* Names in arrays, not pointers: every pointer in a table is a
 * relocation boot.c applies at each start, used or not. */
struct tunable {
	char name[GLIBC_TUNABLE_NAME_SIZE];
	int type;
	int64_t min, max, def;
	int security;
	char alias[GLIBC_TUNABLE_ALIAS_SIZE];
	uint8_t alias_len;
};

static const struct tunable table[GLIBC_TUNABLES_COUNT] = {
	GLIBC_TUNABLES_TABLE
};

/* The value of each tunable (a number, or a string's address), and
 * whether it was set. */
static union {
	int64_t number;
	const char *string;
} values[GLIBC_TUNABLES_COUNT];
static _Bool set[GLIBC_TUNABLES_COUNT];

static int is_unsigned(int type)
{
	return type == GLIBC_TUNABLE_TYPE_UINT_64 ||
	       type == GLIBC_TUNABLE_TYPE_SIZE_T;
}

/* Parse the number in S (up to END); returns 0 if it is not one. */
static int parse_number(const char *s, const char *end, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (s == end)
		return 0;
	for (; s < end; s++) {
		unsigned digit;

		if (*s >= '0' && *s <= '9')
			digit = *s - '0';
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			digit = (*s | 0x20) - 'a' + 10;
		else
			return 0;
		v = v * base + digit;
	}
	*out = v;
	return 1;
}

/* Give tunable ID the text VALUE (VLEN bytes), if it is within bounds. */
static void apply(size_t id, const char *value, size_t vlen)
{
	const struct tunable *t = &table[id];
	uint64_t v;

	if (t->type == GLIBC_TUNABLE_TYPE_STRING) {
		values[id].string = mem_strndup(value, vlen);
		set[id] = 1;
		return;
	}
	if (!parse_number(value, value + vlen, &v))
		return;
	int within = is_unsigned(t->type)
			     ? v >= (uint64_t)t->min && v <= (uint64_t)t->max
			     : (int64_t)v >= t->min && (int64_t)v <= t->max;
	if (!within)
		return;
	values[id].number = (int64_t)v;
	set[id] = 1;
}

/* /etc/suid-debug exists (secure mode only): MALLOC_CHECK_ is honoured. */
static int suid_debug;

static int security_level(size_t id)
{
	if (suid_debug && !strcmp(table[id].name, "glibc.malloc.check"))
		return GLIBC_TUNABLE_SECLEVEL_NONE;
	return table[id].security;
}

static int allowed(size_t id, int secure)
{
	return !secure || security_level(id) == GLIBC_TUNABLE_SECLEVEL_NONE;
}

/* Is VAR the alias of a tunable that secure mode erases? */
static int erased_alias(const char *var, void *ctx)
{
	(void)ctx;
	for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++)
		if (table[id].alias_len && var[table[id].alias_len] == '=' &&
		    !memcmp(table[id].alias, var, table[id].alias_len) &&
		    security_level(id) == GLIBC_TUNABLE_SECLEVEL_SXID_ERASE)
			return 1;
	return 0;
}

/* Does GLIBC_TUNABLES keep the setting of NAME (LEN bytes) in secure
 * mode?  Unknown names go, as in glibc. */
static int kept_setting(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++)
		if (strlen(table[id].name) == len &&
		    !memcmp(table[id].name, name, len))
			return security_level(id) !=
			       GLIBC_TUNABLE_SECLEVEL_SXID_ERASE;
	return 0;
}

void libc_compat_secure_environment(char **envp, int with_suid_debug)
{
	static const char prefix[] = "GLIBC_TUNABLES=";

	suid_debug = with_suid_debug;
	secure_remove_variables(envp, erased_alias, NULL);
	for (char **e = envp; *e; e++) {
		const char *v = str_skip_prefix(*e, prefix);

		if (!v)
			continue;
		/* A copy, as glibc makes: other pointers into the
		 * original string may exist. */
		char *copy = mem_alloc(sizeof(prefix) + strlen(v));
		memcpy(copy, prefix, sizeof(prefix) - 1);
		secure_filter_tunables(v, copy + sizeof(prefix) - 1,
				       kept_setting, NULL);
		*e = copy;
	}
}

static void parse_tunables(const char *s, int secure)
{
	while (*s) {
		const char *end = strchr(s, ':');
		const char *eq;

		if (!end)
			end = s + strlen(s);
		eq = memchr(s, '=', end - s);
		for (size_t id = 0; eq && id < GLIBC_TUNABLES_COUNT; id++) {
			size_t n = strlen(table[id].name);

			if (n == (size_t)(eq - s) && !memcmp(table[id].name, s, n) &&
			    allowed(id, secure))
				apply(id, eq + 1, end - eq - 1);
		}
		s = *end ? end + 1 : end;
	}
}

void glibc_tunables_init(char **envp, int secure)
{
	uint8_t initials[256] = { 0 };	/* first letters of the aliases */
	size_t longest_alias = 0;

	for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++) {
		values[id].number = table[id].def;
		initials[(unsigned char)table[id].alias[0]] =
			table[id].alias_len != 0;
		if (table[id].alias_len > longest_alias)
			longest_alias = table[id].alias_len;
	}
	for (char **e = envp; *e; e++) {
		const char *v = (*e)[0] == 'G'
					? str_skip_prefix(*e, "GLIBC_TUNABLES=")
					: NULL;

		if (v)
			parse_tunables(v, secure);
	}
	/*
	 * Then the older names, for tunables GLIBC_TUNABLES did not set.
	 * The environment is long and the aliases few: a variable is
	 * compared only with the aliases of its name's length and initial.
	 */
	for (char **e = envp; *e; e++) {
		size_t n = 0;

		if (!initials[(unsigned char)(*e)[0]])
			continue;
		while (n <= longest_alias && (*e)[n] && (*e)[n] != '=')
			n++;
		if ((*e)[n] != '=' || n > longest_alias)
			continue;
		for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++)
			if (table[id].alias_len == n &&
			    table[id].alias[0] == (*e)[0] &&
			    !set[id] && !memcmp(table[id].alias, *e, n) &&
			    allowed(id, secure))
				apply(id, *e + n + 1, strlen(*e + n + 1));
	}
}

int glibc_tunable_int(int id, int64_t *value)
{
	if (id < 0 || id >= GLIBC_TUNABLES_COUNT)
		return 0;
	*value = values[id].number;
	return 1;
}

/*
 * libc's question: write the tunable's value at VALP, at the tunable's
 * own width (4 bytes for INT_32: a wider write would corrupt the
 * caller's stack), and call CALLBACK with it if it was set.
 */
__attribute__((visibility("default"))) void
__tunable_get_val(unsigned id, void *valp, void (*callback)(void *))
{
	if (id >= GLIBC_TUNABLES_COUNT)
		return;
	switch (table[id].type) {
	case GLIBC_TUNABLE_TYPE_INT_32:
		*(int32_t *)valp = (int32_t)values[id].number;
		break;
	case GLIBC_TUNABLE_TYPE_STRING:
		*(const char **)valp = values[id].string;
		break;
	default:
		*(int64_t *)valp = values[id].number;
		break;
	}
	if (set[id] && callback)
		callback(&values[id]);
}

/* The bounds --list-tunables shows: the table's, or those glibc's
 * start-up gives the tunables it derives from the CPU. */
static struct {
	uint64_t min, max;
	_Bool derived;
} shown_bounds[GLIBC_TUNABLES_COUNT];

/*
 * A tunable glibc derives from the CPU: its derived value, unless the
 * environment set one within the new bounds, which glibc uses instead.
 */
static void set_derived(const char *name, uint64_t value, uint64_t min,
			uint64_t max)
{
	for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++) {
		if (strcmp(table[id].name, name))
			continue;
		uint64_t v = (uint64_t)values[id].number;
		if (!set[id] || v < min || v > max)
			values[id].number = (int64_t)value;
		shown_bounds[id].min = min;
		shown_bounds[id].max = max;
		shown_bounds[id].derived = 1;
	}
}

/*
 * --list-tunables, in glibc 2.36's format and order (the order of the
 * ids): a string tunable as "name: value", or "name:" when unset; a
 * number with its bounds, in decimal for 32-bit ones, in hexadecimal
 * for the others.  The values are those the environment sets, or the
 * defaults, but for those glibc derives from the CPU (x86's cache sizes
 * and thresholds), which show what the CPU description gives
 * (glibc_arch_derived_tunables).
 */
void libc_compat_print_tunables(char **envp, const uintptr_t *at,
				int secure)
{
	glibc_tunables_init(envp, secure);
	glibc_arch_derived_tunables(at, set_derived);
	for (size_t id = 0; id < GLIBC_TUNABLES_COUNT; id++) {
		const struct tunable *t = &table[id];
		uint64_t min = shown_bounds[id].derived ? shown_bounds[id].min
							: (uint64_t)t->min;
		uint64_t max = shown_bounds[id].derived ? shown_bounds[id].max
							: (uint64_t)t->max;

		if (t->type == GLIBC_TUNABLE_TYPE_STRING) {
			if (values[id].string)
				diag_printf(1, "%s: %s\n", t->name,
					    values[id].string);
			else
				diag_printf(1, "%s:\n", t->name);
		} else if (t->type == GLIBC_TUNABLE_TYPE_INT_32) {
			diag_printf(1, "%s: %d (min: %d, max: %d)\n", t->name,
				    (int)values[id].number, (int)min, (int)max);
		} else {
			diag_printf(1, "%s: 0x%lx (min: 0x%lx, max: 0x%lx)\n",
				    t->name, (unsigned long)values[id].number,
				    (unsigned long)min, (unsigned long)max);
		}
	}
}
