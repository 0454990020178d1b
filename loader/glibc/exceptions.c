/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/exceptions.c - glibc's loader error reporting, as its
 * ld.so exports it: error objects (struct dl_exception), raising one
 * (_dl_signal_exception, _dl_signal_error) and catching it around a
 * call (_dl_catch_exception, _dl_catch_error).
 *
 * glibc 2.36's libc.so.6 only imports _dl_exception_create (its dlerror
 * paths build their messages with it); the other functions are exported
 * because glibc's ld.so exports them, under GLIBC_PRIVATE, and a loader
 * that stands in for it must offer the same symbols (docs/glibc.md).
 * Whoever calls them gets glibc's behaviour:
 *
 *  - a catch is per thread (glibc 2.36's ld.so keeps one for the whole
 *    process, which only its own serialised callers could use safely),
 *    and catches nest;
 *  - an error raised with a catch active fills the catcher's exception
 *    and makes _dl_catch_exception return the error code (the stack in
 *    between is abandoned, as with longjmp);
 *  - an error raised with no catch active is fatal: myld's one-line
 *    message and exit status 127.
 *
 * Message buffers come from libc's malloc and go back with libc's free,
 * so that libc's dlerror can free what it receives.  Before libc is
 * relocated there is no malloc: the exception then says "out of memory"
 * with no buffer, as glibc's does when malloc fails.
 */
#include <stdarg.h>

#include "arch.h"
#include "diag.h"
#include "glibc-arch.h"
#include "glibc-internal.h"
#include "lib.h"
#include "lock.h"

/* struct dl_exception: what glibc's error reporting carries. */
struct dl_exception {
	const char *objname;
	const char *errstring;
	char *message_buffer;	/* freed by libc with free() */
};

/*
 * An active catch: where an error goes, and how to get there.  The
 * active catches of all threads form one list, innermost first, under
 * the loader lock; a thread's are those with its thread pointer.  (A
 * thread that leaves OPERATE without returning, by pthread_exit, leaves
 * its catch in the list, as glibc leaves its pointer to it.)
 */
struct rtld_catch {
	struct dl_exception *exception;
	volatile int *errcode;
	void *thread;
	struct rtld_catch *outer;	/* the next in the list */
	struct glibc_arch_jump_buffer resume_point;
};

static struct rtld_catch *active_catches;

static const char out_of_memory[] = "out of memory";

static void oom_exception(struct dl_exception *e)
{
	e->objname = "";
	e->errstring = out_of_memory;
	e->message_buffer = NULL;
}

/* The calling thread's innermost catch, NULL if it has none. */
static struct rtld_catch *my_catch(void)
{
	void *tp = arch_get_tp();
	struct rtld_catch *c;

	loader_lock();
	for (c = active_catches; c && c->thread != tp; c = c->outer)
		;
	loader_unlock();
	return c;
}

static void push_catch(struct rtld_catch *c)
{
	loader_lock();
	c->thread = arch_get_tp();
	c->outer = active_catches;
	active_catches = c;
	loader_unlock();
}

static void pop_catch(struct rtld_catch *c)
{
	loader_lock();
	struct rtld_catch **p = &active_catches;

	while (*p && *p != c)
		p = &(*p)->outer;
	if (*p)
		*p = c->outer;
	loader_unlock();
}

EXPORT void _dl_exception_create(struct dl_exception *e, const char *objname,
				 const char *errstring)
{
	if (!objname)
		objname = "";
	size_t olen = strlen(objname) + 1, elen = strlen(errstring) + 1;
	char *buf = glibc_libc.malloc ? glibc_libc.malloc(olen + elen) : NULL;

	if (!buf) {
		oom_exception(e);
		return;
	}
	memcpy(buf, errstring, elen);
	memcpy(buf + elen, objname, olen);
	e->errstring = buf;
	e->objname = buf + elen;
	e->message_buffer = buf;
}

/* N as DIGITS hexadecimal digits, zero-padded, at OUT (if not NULL). */
static size_t put_hex(char *out, unsigned long n, int digits)
{
	if (out)
		for (int i = digits - 1; i >= 0; i--, n >>= 4)
			out[i] = "0123456789abcdef"[n & 15];
	return digits;
}

/*
 * The message FMT describes, with glibc's directives for these
 * messages only: %s, %% and %x, %lx, %zx (zero-padded to the full width
 * of an int or a long).  Written to OUT unless it is NULL; returns the
 * length either way, or -1 for any other directive.
 */
static long render(char *out, const char *fmt, va_list ap)
{
	size_t n = 0;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			if (out)
				out[n] = *p;
			n++;
			continue;
		}
		p++;
		if (*p == 's') {
			const char *s = va_arg(ap, const char *);
			size_t len = strlen(s);

			if (out)
				memcpy(out + n, s, len);
			n += len;
		} else if (*p == '%') {
			if (out)
				out[n] = '%';
			n++;
		} else if (*p == 'x') {
			n += put_hex(out ? out + n : NULL,
				     va_arg(ap, unsigned int), 8);
		} else if ((*p == 'l' || *p == 'z') && p[1] == 'x') {
			p++;
			n += put_hex(out ? out + n : NULL,
				     va_arg(ap, unsigned long), 16);
		} else {
			return -1;
		}
	}
	return (long)n;
}

EXPORT void _dl_exception_create_format(struct dl_exception *e,
					const char *objname,
					const char *fmt, ...)
{
	va_list ap;

	if (!objname)
		objname = "";
	va_start(ap, fmt);
	long len = render(NULL, fmt, ap);
	va_end(ap);
	if (len < 0)
		diag_die("_dl_exception_create_format",
			 "invalid format in exception string: %s", fmt);
	size_t olen = strlen(objname) + 1;
	char *buf = glibc_libc.malloc ?
		glibc_libc.malloc((size_t)len + 1 + olen) : NULL;

	if (!buf) {
		oom_exception(e);
		return;
	}
	va_start(ap, fmt);
	render(buf, fmt, ap);
	va_end(ap);
	buf[len] = '\0';
	memcpy(buf + len + 1, objname, olen);
	e->errstring = buf;
	e->objname = buf + len + 1;
	e->message_buffer = buf;
}

EXPORT void _dl_exception_free(struct dl_exception *e)
{
	if (e->message_buffer && glibc_libc.free)
		glibc_libc.free(e->message_buffer);
	e->objname = NULL;
	e->errstring = NULL;
	e->message_buffer = NULL;
}

/* An error with no catch to go to: the program cannot go on. */
__attribute__((noreturn))
static void fatal(int errcode, const char *objname, const char *occasion,
		  const char *errstring)
{
	const char *what = occasion ? occasion :
		"error while loading shared libraries";
	const char *sep = errcode ? ": " : "";
	const char *reason = errcode ? diag_strerror(-(long)errcode) : "";

	if (objname && *objname)
		diag_die(objname, "%s: %s%s%s", what, errstring, sep, reason);
	diag_die(what, "%s%s%s", errstring, sep, reason);
}

EXPORT void _dl_signal_exception(int errcode, struct dl_exception *e,
				 const char *occasion)
{
	struct rtld_catch *c = my_catch();

	if (!c || !c->exception)
		fatal(errcode, e->objname, occasion, e->errstring);
	*c->exception = *e;
	*c->errcode = errcode;
	glibc_arch_catch_resume(&c->resume_point, 1);
}

EXPORT void _dl_signal_error(int errcode, const char *objname,
			     const char *occasion, const char *errstring)
{
	struct rtld_catch *c = my_catch();

	if (!errstring)
		errstring = "DYNAMIC LINKER BUG!!!";
	if (!c || !c->exception)
		fatal(errcode, objname, occasion, errstring);
	_dl_exception_create(c->exception, objname, errstring);
	*c->errcode = errcode;
	glibc_arch_catch_resume(&c->resume_point, 1);
}

/*
 * Run OPERATE(ARGS).  An error it raises ends it: its exception lands in
 * *E and its error code is returned.  Without an error *E is cleared and
 * 0 returned.  With E NULL, errors during OPERATE are fatal even inside
 * an outer catch.
 */
EXPORT int _dl_catch_exception(struct dl_exception *e,
			       void (*operate)(void *), void *args)
{
	volatile int errcode = 0;
	/* With E NULL, a catch that sends errors nowhere: fatal. */
	struct rtld_catch c = { e, &errcode, NULL, NULL, { { 0 } } };

	push_catch(&c);
	if (!e) {
		operate(args);
		pop_catch(&c);
		return 0;
	}
	if (glibc_arch_catch_save(&c.resume_point) == 0) {
		operate(args);
		pop_catch(&c);
		*e = (struct dl_exception){ NULL, NULL, NULL };
		return 0;
	}
	/* Back from _dl_signal_*, which filled *E and ERRCODE. */
	pop_catch(&c);
	return errcode;
}

EXPORT int _dl_catch_error(const char **objname, const char **errstring,
			   _Bool *mallocedp, void (*operate)(void *),
			   void *args)
{
	struct dl_exception e;
	int errcode = _dl_catch_exception(&e, operate, args);

	*objname = e.objname;
	*errstring = e.errstring;
	*mallocedp = e.message_buffer == e.errstring;
	return errcode;
}

/*
 * glibc's ld.so defines this with the non-default version GLIBC_2.34
 * only, so that the version exists in its version definitions with a
 * symbol in it; no link can bind to a non-default version and nothing
 * calls it.  Like glibc's, it does nothing.
 */
EXPORT void myld_rtld_version_placeholder(void)
{
}
__asm__(".symver myld_rtld_version_placeholder,"
	"__rtld_version_placeholder@GLIBC_2.34");
