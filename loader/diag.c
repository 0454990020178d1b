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
 * The dlerror message, one per thread, as POSIX wants: a failure in one
 * thread is not another thread's dlerror().  A thread is known by its
 * thread pointer, which every thread has and which needs no system call
 * to read (libc-free programs included; myld creates no threads, so a
 * thread set up by a C library is the only other kind, and the library
 * tells tls.c when one starts and ends: diag_forget_thread).  The slots
 * live in pages of their own, mapped here because the allocator reports
 * its own failures through this module; a slot is free again when its
 * thread ends.  Every access is under the loader lock (lock.h).
 */
#define DLERROR_TEXT 496

struct dlerror_slot {
	void *thread;		/* its thread pointer; NULL: a free slot */
	int pending;		/* set, and not yet read by dlerror() */
	char text[DLERROR_TEXT];
};

#define SLOT_PAGE_SIZE 4096
#define SLOTS_PER_PAGE \
	((SLOT_PAGE_SIZE - sizeof(void *)) / sizeof(struct dlerror_slot))

struct slot_page {
	struct slot_page *next;
	struct dlerror_slot slot[SLOTS_PER_PAGE];
};

static struct slot_page *slot_pages;

/* THREAD's slot; with CREATE, one is made if it has none (NULL only
 * when no memory is left). */
static struct dlerror_slot *slot_of(void *thread, int create)
{
	struct dlerror_slot *free_slot = NULL;

	for (struct slot_page *p = slot_pages; p; p = p->next) {
		for (size_t i = 0; i < SLOTS_PER_PAGE; i++) {
			if (p->slot[i].thread == thread)
				return &p->slot[i];
			if (!free_slot && !p->slot[i].thread)
				free_slot = &p->slot[i];
		}
	}
	if (!create)
		return NULL;
	if (!free_slot) {
		void *m = sys_mmap(NULL, SLOT_PAGE_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (SYS_FAILED((long)m))
			return NULL;
		struct slot_page *page = m;
		page->next = slot_pages;
		slot_pages = page;
		free_slot = &page->slot[0];
	}
	free_slot->thread = thread;
	free_slot->pending = 0;
	return free_slot;
}

static struct dlerror_slot *my_slot(void)
{
	return slot_of(arch_get_tp(), 1);
}

void diag_forget_thread(void *thread)
{
	struct dlerror_slot *slot = slot_of(thread, 0);

	if (slot) {
		slot->thread = NULL;
		slot->pending = 0;
	}
}

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
char diag_held_warnings[2048] COLD_BUFFER;
static size_t held_len;

/* All of BUF (N bytes) to FD: a pipe may take a long line in parts. */
static void write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		long w = sys_write(fd, buf, n);

		if (w == -EINTR)
			continue;
		if (SYS_FAILED(w) || w == 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

void diag_drain_to_fd(struct fmt_sink *sink)
{
	write_all(*(const int *)sink->context, sink->buf, sink->len);
}

/*
 * One diagnostic line on its way out: collected in TEXT, so that a line
 * of ordinary length is one write(2) (lines from two threads do not mix),
 * and written in parts when it is longer.  A held warning that does not
 * fit in what is left of diag_held_warnings is dropped whole.
 */
struct diag_line {
	int fd;			/* or -1: a held warning */
	int dropped;
	size_t held_start;
	size_t len;
	char text[1024];
};

static void line_flush(struct diag_line *l)
{
	if (l->fd >= 0) {
		write_all(l->fd, l->text, l->len);
	} else if (!l->dropped && held_len + l->len <= sizeof(diag_held_warnings)) {
		memcpy(diag_held_warnings + held_len, l->text, l->len);
		held_len += l->len;
	} else {
		l->dropped = 1;
		held_len = l->held_start;
	}
	l->len = 0;
}

static void line_put(struct diag_line *l, const char *text, size_t n)
{
	while (n) {
		size_t room = sizeof(l->text) - l->len;
		size_t k = n < room ? n : room;

		memcpy(l->text + l->len, text, k);
		l->len += k;
		text += k;
		n -= k;
		if (l->len == sizeof(l->text))
			line_flush(l);
	}
}

#define DIAG_CHUNK 256

/* The formatted bytes, control bytes escaped, onto the line. */
static void drain_escaped(struct fmt_sink *sink)
{
	char clean[4 * DIAG_CHUNK + 8];

	line_put(sink->context, clean,
		 escape_controls(clean, sizeof(clean), sink->buf, sink->len));
}

static void sink_printf(struct fmt_sink *sink, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsink(sink, fmt, ap);
	va_end(ap);
}

static void vprint_line(const char *prefix, const char *object,
			const char *fmt, va_list ap)
{
	struct diag_line line = { *prefix && !runtime ? -1 : 2, 0, held_len,
				  0, { 0 } };
	char chunk[DIAG_CHUNK];
	struct fmt_sink sink = { chunk, sizeof(chunk), 0, 0, drain_escaped,
				 &line };

	line_put(&line, "myld: ", 6);
	sink_printf(&sink, "%s%s: ", prefix, object);
	fmt_vsink(&sink, fmt, ap);
	fmt_sink_flush(&sink);
	line_put(&line, "\n", 1);
	line_flush(&line);
}

void diag_flush_warnings(void)
{
	if (held_len)
		sys_write(2, diag_held_warnings, held_len);
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
	struct dlerror_slot *slot = failed ? NULL : my_slot();

	if (!slot)
		return;
	vformat_clean(slot->text, sizeof(slot->text), "", object, fmt, ap);
	slot->pending = 1;
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

	/* (the dlerror text is escaped already.) */
	diag_printf(2, "myld: %s\n", msg ? msg : "a lazy binding failed");
	sys_exit(DIAG_EXIT_STATUS);
}

void diag_begin_runtime(void)
{
	diag_flush_warnings();
	runtime = 1;
	failed = 0;
}

void diag_startup_recoverable(int on)
{
	runtime = on;
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
	struct dlerror_slot *slot = slot_of(arch_get_tp(), 0);

	if (!slot || !slot->pending)
		return NULL;
	slot->pending = 0;
	return slot->text;
}

void diag_set_dlerror(const char *fmt, ...)
{
	struct dlerror_slot *slot = my_slot();
	va_list ap;

	if (!slot)
		return;
	va_start(ap, fmt);
	fmt_vformat(slot->text, sizeof(slot->text), fmt, ap);
	va_end(ap);
	slot->pending = 1;
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
	struct fmt_sink sink = { buf, sizeof(buf), 0, 0, diag_drain_to_fd,
				 &fd };
	va_list ap;

	va_start(ap, fmt);
	fmt_vsink(&sink, fmt, ap);
	va_end(ap);
	fmt_sink_flush(&sink);
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
	case ENOEXEC: return "Exec format error";
	}
	return "Unknown error";
}
