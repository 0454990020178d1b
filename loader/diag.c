/* SPDX-License-Identifier: MIT */
/*
 * loader/diag.c - error reporting.  See diag.h.
 */
#include <stdarg.h>

#include "diag.h"
#include "lib.h"
#include "sys.h"

static int startup_failed;

static void vprint_line(const char *prefix, const char *object,
			const char *fmt, va_list ap)
{
	char line[1024];
	size_t n = 0;

	n += fmt_format(line, sizeof(line), "myld: %s%s: ", prefix, object);
	if (n < sizeof(line))
		n += fmt_vformat(line + n, sizeof(line) - n, fmt, ap);
	/* A line too long for the buffer is cut, but still ends the line. */
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	sys_write(2, line, n);
}

void diag_die(const char *object, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_line("", object, fmt, ap);
	va_end(ap);
	sys_exit(DIAG_EXIT_STATUS);
}

void diag_error(const char *object, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_line("", object, fmt, ap);
	va_end(ap);
	startup_failed = 1;
}

void diag_warn(const char *object, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_line("warning: ", object, fmt, ap);
	va_end(ap);
}

void diag_exit_if_failed(void)
{
	if (startup_failed)
		sys_exit(DIAG_EXIT_STATUS);
}

void diag_printf(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	sys_write(fd, buf, n);
}

const char *diag_strerror(long err)
{
	switch (-err) {
	case ENOENT: return "No such file or directory";
	case EACCES: return "Permission denied";
	case ENOTDIR: return "Not a directory";
	case EISDIR: return "Is a directory";
	case ENOMEM: return "Cannot allocate memory";
	case ELOOP: return "Too many levels of symbolic links";
	case ENAMETOOLONG: return "File name too long";
	case EINVAL: return "Invalid argument";
	case EPERM: return "Operation not permitted";
	case EEXIST: return "File exists";
	case EIO: return "Input/output error";
	case ENXIO: return "No such device or address";
	case ENODEV: return "No such device";
	case EMFILE: return "Too many open files";
	case ETXTBSY: return "Text file busy";
	}
	return "Unknown error";
}
