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

/*
 * Copy the N bytes of TEXT to OUT (room for SIZE bytes, NUL included),
 * control bytes escaped: names of objects and symbols come from files
 * and command lines, and a newline or an escape sequence in one must
 * not split a message into two lines or drive the terminal.  Returns
 * the length written.
 */
static size_t escape_controls(char *out, size_t size, const char *text,
			      size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (size_t i = 0; i < n && o + 5 < size; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x20 && c != 0x7f) {
			out[o++] = (char)c;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	return o;
}

/* Format a message into OUT (SIZE bytes), control bytes escaped;
 * returns its length. */
static size_t vformat_clean(char *out, size_t size, const char *prefix,
			    const char *object, const char *fmt, va_list ap)
{
	char raw[1024];
	size_t n = fmt_format(raw, sizeof(raw), "%s%s: ", prefix, object);

	if (n < sizeof(raw))
		n += fmt_vformat(raw + n, sizeof(raw) - n, fmt, ap);
	if (n > sizeof(raw) - 1)
		n = sizeof(raw) - 1;
	return escape_controls(out, size, raw, n);
}

/*
 * Warnings met while starting the program, held back until the
 * hand-off: if a fatal error follows, the one line that names it is all
 * that is printed.
 */
static char held_warnings[2048];
static size_t held_len;

static void vprint_line(const char *prefix, const char *object,
			const char *fmt, va_list ap)
{
	char line[1024];
	size_t n;

	memcpy(line, "myld: ", 6);
	n = 6 + vformat_clean(line + 6, sizeof(line) - 7, prefix, object,
			      fmt, ap);
	line[n++] = '\n';
	if (*prefix && !runtime) {
		if (held_len + n <= sizeof(held_warnings)) {
			memcpy(held_warnings + held_len, line, n);
			held_len += n;
		}
		return;
	}
	sys_write(2, line, n);
}

void diag_flush_warnings(void)
{
	if (held_len)
		sys_write(2, held_warnings, held_len);
	held_len = 0;
}

void diag_die(const char *object, const char *fmt, ...)
{
	va_list ap;

	/* After an error line (undefined symbols), nothing more. */
	va_start(ap, fmt);
	if (!failed || runtime)
		vprint_line("", object, fmt, ap);
	va_end(ap);
	sys_exit(DIAG_EXIT_STATUS);
}

/* At run time: the first problem of an operation becomes the message. */
static void vrecord(const char *object, const char *fmt, va_list ap)
{
	if (failed)
		return;
	vformat_clean(dlerror_buf, sizeof(dlerror_buf), "", object, fmt, ap);
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
		/* One line per fatal error: after the undefined symbols
		 * diag_error listed, nothing more. */
		if (!failed)
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

	/* (dlerror_buf is escaped already.) */
	diag_printf(2, "myld: %s\n", msg ? msg : "a lazy binding failed");
	sys_exit(DIAG_EXIT_STATUS);
}

void diag_begin_runtime(void)
{
	diag_flush_warnings();
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
