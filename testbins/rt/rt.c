/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the testbin runtime: syscalls, printing, strings, auxv and
 * environment access.  Linked into programs and (hidden) into libraries.
 * Every write goes straight to the fd, unbuffered, so output interleaves
 * in program order even when several objects print.
 */
#include "rt.h"
#include "rt_arch.h"

#include <elf.h>

int rt_argc;
char **rt_argv;
char **rt_envp;
int rt_entry_sp_aligned;

#define RT_AT_FDCWD (-100)

long rt_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		long n = rt_syscall3(RT_SYS_write, fd, (long)p, (long)len);
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

void rt_exit(int status)
{
	for (;;)
		rt_syscall3(RT_SYS_exit_group, status, 0, 0);
}

void rt_print(const char *s)
{
	rt_write(1, s, rt_strlen(s));
}

void rt_eprint(const char *s)
{
	rt_write(2, s, rt_strlen(s));
}

void rt_puts(const char *s)
{
	rt_print(s);
	rt_write(1, "\n", 1);
}

void rt_print_dec(long v)
{
	char buf[24];
	char *p = buf + sizeof(buf);
	/* Work on the unsigned magnitude so LONG_MIN does not overflow. */
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	*--p = 0;
	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	rt_print(p);
}

void rt_print_hex(unsigned long v)
{
	char buf[24];
	char *p = buf + sizeof(buf);

	*--p = 0;
	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	rt_print(p);
}

void rt_show_dec(const char *what, long v)
{
	rt_print(what);
	rt_print(": ");
	rt_print_dec(v);
	rt_puts("");
}

void rt_show_str(const char *what, const char *s)
{
	rt_print(what);
	rt_print(": ");
	rt_puts(s);
}

void rt_show_yes(const char *what, int ok)
{
	rt_print(what);
	rt_puts(ok ? ": yes" : ": NO");
}

size_t rt_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int rt_strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; a++, b++, n--) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int rt_strcmp(const char *a, const char *b)
{
	return rt_strncmp(a, b, (size_t)-1);
}

char *rt_strstr(const char *hay, const char *needle)
{
	size_t n = rt_strlen(needle);

	for (; *hay; hay++)
		if (rt_strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return n == 0 ? (char *)hay : NULL;
}

unsigned long rt_getauxval(unsigned long type)
{
	char **p = rt_envp;

	if (!p)
		return 0;
	/* The auxiliary vector starts right after envp's NULL. */
	while (*p)
		p++;
	for (Elf64_auxv_t *av = (Elf64_auxv_t *)(p + 1); av->a_type != AT_NULL;
	     av++)
		if (av->a_type == type)
			return av->a_un.a_val;
	return 0;
}

const char *rt_getenv(const char *name)
{
	size_t n = rt_strlen(name);

	for (char **e = rt_envp; e && *e; e++)
		if (rt_strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

long rt_read_file(const char *path, char *buf, size_t size)
{
	long fd = rt_syscall4(RT_SYS_openat, RT_AT_FDCWD, (long)path, 0, 0);
	size_t len = 0;

	if (fd < 0 || size == 0)
		return -1;
	while (len < size - 1) {
		long n = rt_syscall3(RT_SYS_read, fd, (long)(buf + len),
				     (long)(size - 1 - len));
		if (n < 0) {
			rt_syscall3(RT_SYS_close, fd, 0, 0);
			return -1;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = 0;
	rt_syscall3(RT_SYS_close, fd, 0, 0);
	return len;
}

/*
 * Byte loops on purpose: the build passes -fno-tree-loop-distribute-patterns
 * so GCC does not turn these loops back into calls to themselves.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; x++, y++, n--)
		if (*x != *y)
			return *x - *y;
	return 0;
}
