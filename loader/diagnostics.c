/* SPDX-License-Identifier: MIT */
/*
 * loader/diagnostics.c - --list-diagnostics: what myld knows about the
 * system it runs on, for a bug report.
 *
 * The form is glibc 2.36's, so that tools reading one read the other:
 * one "key=value" per line, numbers in hexadecimal with 0x, strings in
 * double quotes with '"' and '\' escaped by a backslash and other bytes
 * outside printable ASCII as \ooo (octal); array elements as
 * key[0xN].  The facts are myld's own: its search directories, its
 * glibc-hwcaps subdirectories, its loader names, its version, and what
 * the kernel told it (auxiliary vector, uname).  The environment is
 * listed as glibc lists it: the values of variables that can hold
 * secrets are left out (env_filtered[N]="NAME").
 */
#include "cmdline.h"
#include "hwcaps.h"
#include "lib.h"
#include "path.h"
#include "sys.h"

/* Buffered standard output: lines can be long (an environment value). */
struct diagnostics_output {
	char buf[4096];
	size_t len;
};
struct diagnostics_output diagnostics_out COLD_BUFFER;

static void flush(void)
{
	sys_write(1, diagnostics_out.buf, diagnostics_out.len);
	diagnostics_out.len = 0;
}

static void put_char(char c)
{
	if (diagnostics_out.len == sizeof(diagnostics_out.buf))
		flush();
	diagnostics_out.buf[diagnostics_out.len++] = c;
}

static void put_text(const char *s)
{
	while (*s)
		put_char(*s++);
}

__attribute__((format(printf, 1, 2))) static void put_format(const char *fmt,
							      ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	put_text(line);
}

/* LEN bytes of S, quoted. */
static void put_quoted(const char *s, size_t len)
{
	put_char('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < ' ' || c > '~') {
			put_char('\\');
			put_char((char)('0' + (c >> 6)));
			put_char((char)('0' + ((c >> 3) & 7)));
			put_char((char)('0' + (c & 7)));
			continue;
		}
		if (c == '\\' || c == '"')
			put_char('\\');
		put_char((char)c);
	}
	put_char('"');
}

static void put_string(const char *key, const char *s)
{
	put_text(key);
	put_char('=');
	if (s)
		put_quoted(s, strlen(s));
	else
		put_text("0x0");
	put_char('\n');
}

static void put_value(const char *key, uint64_t v)
{
	put_format("%s=0x%lx\n", key, (unsigned long)v);
}

/* Variables whose values are shown: the loader's and the C library's
 * own, which say how a program will behave; the rest may be secrets. */
static int value_shown(const char *var, size_t name_len)
{
	static const char *const names[] = {
		"DATEMSK", "GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES",
		"GMON_OUTPUT_PREFIX", "HESIOD_CONFIG", "HES_DOMAIN",
		"HOSTALIASES", "I18NPATH", "IFS", "LANG", "LOCALDOMAIN",
		"LOCPATH", "MSGVERB", "NIS_DEFAULTS", "NIS_GROUP", "NIS_PATH",
		"NLSPATH", "PATH", "POSIXLY_CORRECT", "RESOLV_HOST_CONF",
		"RES_OPTIONS", "SEV_LEVEL", "TMPDIR", "TZ", "TZDIR",
	};

	if (var[name_len] != '=')
		return 1;	/* no '=': shown whole */
	if (var[0] == 'L' && (var[1] == 'C' || var[1] == 'D') &&
	    var[2] == '_')
		return 1;
	if (!strncmp(var, "MALLOC_", 7))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == name_len &&
		    !memcmp(names[i], var, name_len))
			return 1;
	return 0;
}

static void put_environment(char **envp)
{
	for (unsigned i = 0; envp[i]; i++) {
		const char *eq = strchr(envp[i], '=');
		size_t name_len = eq ? (size_t)(eq - envp[i])
				     : strlen(envp[i]);
		int shown = value_shown(envp[i], name_len);

		put_format("env%s[0x%x]=", shown ? "" : "_filtered", i);
		put_quoted(envp[i], shown ? strlen(envp[i]) : name_len);
		put_char('\n');
	}
}

static void put_search_dirs(void)
{
	const char *list = ARCH_DEFAULT_LIBRARY_DIRS, *dir, *rest;
	char with_slash[PATH_MAX_LEN];
	unsigned i = 0;
	size_t len;

	for (; (dir = path_next(list, 0, &len, &rest)); list = rest, i++) {
		if (len + 1 >= sizeof(with_slash))
			continue;
		/* With the final '/', as glibc prints its own. */
		memcpy(with_slash, dir, len);
		with_slash[len] = '/';
		put_format("path.system_dirs[0x%x]=", i);
		put_quoted(with_slash, len + 1);
		put_char('\n');
	}
}

/* The auxiliary vector; its strings as strings. */
static void put_auxv(const Elf64_auxv_t *a)
{
	for (unsigned i = 0; a->a_type != AT_NULL; a++, i++) {
		put_format("auxv[0x%x].a_type=0x%lx\nauxv[0x%x].a_val=", i,
			   (unsigned long)a->a_type, i);
		if (a->a_type == AT_EXECFN || a->a_type == AT_PLATFORM ||
		    a->a_type == AT_BASE_PLATFORM) {
			const char *s = (const char *)a->a_un.a_val;

			if (s)
				put_quoted(s, strlen(s));
			else
				put_text("0x0");
		} else {
			put_format("0x%lx", (unsigned long)a->a_un.a_val);
		}
		put_char('\n');
	}
}

static void put_uname(void)
{
	/* struct new_utsname: six fields of 65 bytes. */
	static const char *const fields[] = {
		"uname.sysname", "uname.nodename", "uname.release",
		"uname.version", "uname.machine", "uname.domainname",
	};
	char uts[6][65];

	if (SYS_FAILED(sys_call(__NR_uname, uts, 0, 0, 0, 0, 0)))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		uts[i][64] = '\0';
		put_string(fields[i], uts[i]);
	}
}

void cmdline_print_diagnostics(const struct cmdline_process *p)
{
	const uintptr_t *at = p->at;

	put_string("dl_dst_lib", ARCH_LIB);
	put_value("dl_hwcap", at[AT_HWCAP]);
	put_value("dl_hwcap2", at[AT_HWCAP2]);
	put_string("dl_hwcaps_subdirs", arch_hwcaps_subdirs());
	put_value("dl_hwcaps_subdirs_active", arch_hwcaps_subdirs_active());
	put_value("dl_pagesize", at[AT_PAGESZ]);
	put_string("dl_platform", (const char *)at[AT_PLATFORM]);
	put_string("dso.ld", ARCH_LD_SONAME);
	put_string("dso.myld", MYLD_SONAME);
	put_environment(p->envp);
	put_string("path.rtld", (const char *)at[AT_EXECFN]);
	put_string("path.sysconfdir", "/etc");
	put_search_dirs();
	put_string("version.version", MYLD_VERSION);
	put_auxv(p->auxv);
	put_uname();
	flush();
	sys_exit(0);
}
