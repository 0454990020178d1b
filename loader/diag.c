/* SPDX-License-Identifier: MIT */
/*
 * loader/diag.c - error reporting.  See diag.h.
 */
#include <stdarg.h>

#include "diag.h"
#include "lib.h"
#include "sys.h"

static int failed;
static int runtime;

/*
 * The dlerror message.  libc-free programs have a single thread; the
 * glibc-compatibility work will make this per thread.
 */
static char dlerror_buf[512];
static int dlerror_pending;

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

/* At run time: the first problem of an operation becomes the message. */
static void vrecord(const char *object, const char *fmt, va_list ap)
{
	if (failed)
		return;
	size_t n = fmt_format(dlerror_buf, sizeof(dlerror_buf), "%s: ",
			      object);
	if (n < sizeof(dlerror_buf))
		fmt_vformat(dlerror_buf + n, sizeof(dlerror_buf) - n, fmt, ap);
	dlerror_pending = 1;
}

void diag_error(const char *object, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (runtime)
		vrecord(object, fmt, ap);
	else
		vprint_line("", object, fmt, ap);
	va_end(ap);
	failed = 1;
}

int diag_fail(const char *object, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (!runtime) {
		vprint_line("", object, fmt, ap);
		sys_exit(DIAG_EXIT_STATUS);
	}
	vrecord(object, fmt, ap);
	va_end(ap);
	failed = 1;
	return -1;
}

void diag_die_pending(void)
{
	const char *msg = diag_take_dlerror();

	diag_printf(2, "myld: %s\n", msg ? msg : "a lazy binding failed");
	sys_exit(DIAG_EXIT_STATUS);
}

void diag_begin_runtime(void)
{
	runtime = 1;
	failed = 0;
}

void diag_begin_operation(void)
{
	failed = 0;
}

int diag_failed(void)
{
	return failed;
}

const char *diag_take_dlerror(void)
{
	if (!dlerror_pending)
		return NULL;
	dlerror_pending = 0;
	return dlerror_buf;
}

void diag_set_dlerror(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(dlerror_buf, sizeof(dlerror_buf), fmt, ap);
	va_end(ap);
	dlerror_pending = 1;
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
	if (failed && !runtime)
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
