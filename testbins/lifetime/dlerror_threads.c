/* SPDX-License-Identifier: MIT */
/* dlerror is per thread (POSIX; glibc keeps it in thread-local state).
 *
 * ROUNDS times, in lock step (semaphores, so the order is fixed): thread
 * A fails a dlopen; thread B, which made no call that failed since its
 * last dlerror(), must get NULL from dlerror(); B then fails a dlopen of
 * another name; A's dlerror() must name A's file, not B's, and a second
 * dlerror() in A must give NULL; B's dlerror() must name B's file.
 * Output: how many of each check passed. */
#include "common.h"
#include <semaphore.h>

#define ROUNDS 200

static sem_t a_failed, b_failed, a_checked;

static int b_saw_null, a_saw_own, a_cleared, b_saw_own;

static int names(const char *msg, const char *file)
{
	return msg && strstr(msg, file) != NULL;
}

static void *thread_a(void *arg)
{
	(void)arg;
	for (int r = 0; r < ROUNDS; r++) {
		if (dlopen("/nonexistent/lt-a-missing.so", RTLD_NOW))
			lt_fail("dlopen of a missing file succeeded");
		sem_post(&a_failed);
		sem_wait(&b_failed);
		a_saw_own += names(dlerror(), "lt-a-missing.so");
		a_cleared += dlerror() == NULL;
		sem_post(&a_checked);
	}
	return NULL;
}

static void *thread_b(void *arg)
{
	(void)arg;
	for (int r = 0; r < ROUNDS; r++) {
		sem_wait(&a_failed);
		b_saw_null += dlerror() == NULL;
		if (dlopen("/nonexistent/lt-b-missing.so", RTLD_NOW))
			lt_fail("dlopen of a missing file succeeded");
		sem_post(&b_failed);
		sem_wait(&a_checked);
		b_saw_own += names(dlerror(), "lt-b-missing.so");
	}
	return NULL;
}

int main(int argc, char **argv)
{
	lt_start(argc, argv);
	sem_init(&a_failed, 0, 0);
	sem_init(&b_failed, 0, 0);
	sem_init(&a_checked, 0, 0);
	pthread_t a = lt_thread(thread_a, NULL), b = lt_thread(thread_b, NULL);
	lt_join(a);
	lt_join(b);
	int main_null = dlerror() == NULL;
	printf("B's dlerror() after A's failure: NULL %d of %d\n", b_saw_null,
	       ROUNDS);
	printf("A's dlerror() after B's failure: A's own message %d of %d, "
	       "then NULL %d of %d\n", a_saw_own, ROUNDS, a_cleared, ROUNDS);
	printf("B's dlerror(): B's own message %d of %d\n", b_saw_own, ROUNDS);
	printf("main's dlerror() after it all: %s\n",
	       main_null ? "NULL" : "a message");
	return b_saw_null != ROUNDS || a_saw_own != ROUNDS ||
	       a_cleared != ROUNDS || b_saw_own != ROUNDS || !main_null;
}
