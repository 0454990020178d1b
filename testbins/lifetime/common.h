/* SPDX-License-Identifier: MIT */
/* Helpers shared by the lifetime stress programs (see meson.build).
 *
 * Every program takes the directory of its libraries as argv[1] (the
 * driver runs copies of the programs whose libraries sit next to them),
 * prints only counts and outcomes that do not depend on scheduling, and
 * exits 0 when every check passed, 1 otherwise.  lt_start() arms an
 * alarm: a deadlock becomes a death by SIGALRM, which the driver reports
 * as such, instead of a test timeout. */
#ifndef LIFETIME_COMMON_H
#define LIFETIME_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Seconds a program may run before SIGALRM ends it.  Far more than any
 * of them needs under qemu on a loaded machine: only a hang reaches it. */
#define LT_BUDGET_SECONDS 120

static const char *lt_dir;

/* Line-buffered stdout: libraries and exit handlers print too, and their
 * lines must come out in the order they were printed. */
static inline void lt_start(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s LIBDIR\n", argv[0]);
		exit(2);
	}
	lt_dir = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(LT_BUDGET_SECONDS);
}

static inline void lt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(1);
}

/* LT_DIR/NAME into BUF. */
static inline const char *lt_path(char *buf, size_t size, const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s", lt_dir, name) >= size)
		lt_fail("path too long: %s/%s", lt_dir, name);
	return buf;
}

static inline void *lt_open(const char *name, int mode)
{
	char path[4096];
	void *h = dlopen(lt_path(path, sizeof(path), name), mode);

	if (!h)
		lt_fail("dlopen %s: %s", name, dlerror());
	return h;
}

static inline void lt_close(void *h, const char *name)
{
	if (dlclose(h))
		lt_fail("dlclose %s: %s", name, dlerror());
}

static inline void *lt_sym(void *h, const char *name)
{
	void *p = dlsym(h, name);

	if (!p)
		lt_fail("dlsym %s: %s", name, dlerror());
	return p;
}

static inline void lt_barrier_wait(pthread_barrier_t *b)
{
	int rc = pthread_barrier_wait(b);

	if (rc && rc != PTHREAD_BARRIER_SERIAL_THREAD)
		lt_fail("pthread_barrier_wait: %d", rc);
}

static inline pthread_t lt_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	int rc = pthread_create(&t, NULL, fn, arg);

	if (rc)
		lt_fail("pthread_create: %s", strerror(rc));
	return t;
}

static inline void lt_join(pthread_t t)
{
	int rc = pthread_join(t, NULL);

	if (rc)
		lt_fail("pthread_join: %s", strerror(rc));
}

/* Wait for PID, the child of fork number I: 1 if it exited 0, else 0
 * after saying how it ended (a child that hangs ends by its alarm). */
static inline int lt_child_ok(pid_t pid, int i)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			lt_fail("waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 1;
	if (WIFSIGNALED(status))
		printf("fork %d: child killed by signal %d%s\n", i,
		       WTERMSIG(status), WTERMSIG(status) == SIGALRM
		       ? " (alarm: it hung)" : "");
	else
		printf("fork %d: child exited %d\n", i, WEXITSTATUS(status));
	return 0;
}

/* Is an object whose name ends in NAME loaded?  Asked through
 * dl_iterate_phdr, which takes no reference, unlike RTLD_NOLOAD. */
#include <link.h>

struct lt_find {
	const char *suffix;
	int found;
};

static int lt_find_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct lt_find *f = (struct lt_find *)data;
	size_t n = strlen(info->dlpi_name), m = strlen(f->suffix);

	(void)size;
	if (n >= m && !strcmp(info->dlpi_name + n - m, f->suffix))
		f->found = 1;
	return 0;
}

static inline int lt_loaded(const char *name)
{
	struct lt_find f = { name, 0 };

	dl_iterate_phdr(lt_find_cb, &f);
	return f.found;
}

#endif
