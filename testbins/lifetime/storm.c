/* SPDX-License-Identifier: MIT */
/* 16 threads released together (a barrier) into the first calls of 200
 * unbound (lazy) functions.
 *
 * Phase 1, start-up library: the program's own 200 PLT slots for
 * libcallee.so (its DT_NEEDED), each thread calling all of them in its
 * own rotated order, while another thread dlopens and dlcloses
 * libplain.so, so that the count of dlopened objects keeps going from 0
 * to 1 and back under the binders' feet.  A binder that decides from
 * that count whether to take the loader lock, and then walks the object
 * list while the dlopen appends to it, races here.
 *
 * Phase 2, dlopened library: ROUNDS times, dlopen libcaller.so (whose
 * DT_NEEDED libcallee_dyn.so comes with it), release the 16 threads into
 * its 200 unbound slots, then dlclose it, so the next round starts
 * unbound again.
 *
 * Every call's result is checked; the output is the number of right
 * answers, which does not depend on the interleaving. */
#include "common.h"
#define CALLEE_PREFIX callee_f
#include "callers.h"

#define THREADS 16
#define ROUNDS 24
#define CHURN_MIN 50	/* dlopen/dlclose cycles of phase 1, at least */

static pthread_barrier_t start, done;
static int (*round_call)(int, int);	/* libcaller.so's, this round */
static int wrong;
static int phase1_over;

static int check(int i, int x, int got)
{
	if (got == LT_VALUE(LT_FIRST + i, x))
		return 1;
	__atomic_fetch_add(&wrong, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Thread T calls every function once, starting at its own offset. */
static void *worker(void *arg)
{
	long t = (long)arg, right = 0;

	lt_barrier_wait(&start);
	for (int k = 0; k < LT_COUNT; k++) {
		int i = (int)((k + t * 13) % LT_COUNT);
		right += check(i, (int)t, lt_call(i, (int)t));
	}
	lt_barrier_wait(&done);
	for (int r = 0; r < ROUNDS; r++) {
		lt_barrier_wait(&start);
		for (int k = 0; k < LT_COUNT; k++) {
			int i = (int)((k + t * 13 + r) % LT_COUNT);
			right += check(i, (int)t + r, round_call(i, (int)t + r));
		}
		lt_barrier_wait(&done);
	}
	return (void *)right;
}

static void *churn(void *arg)
{
	long cycles = 0;

	(void)arg;
	while (cycles < CHURN_MIN ||
	       !__atomic_load_n(&phase1_over, __ATOMIC_ACQUIRE)) {
		void *h = lt_open("libplain.so", RTLD_NOW);
		int (*value)(void) = (int (*)(void))lt_sym(h, "plain_value");
		if (value() != 42)
			lt_fail("plain_value() is %d, not 42", value());
		lt_close(h, "libplain.so");
		cycles++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t threads[THREADS], churner;
	long right = 0;

	lt_start(argc, argv);
	pthread_barrier_init(&start, NULL, THREADS + 1);
	pthread_barrier_init(&done, NULL, THREADS + 1);
	for (long t = 0; t < THREADS; t++)
		threads[t] = lt_thread(worker, (void *)t);

	churner = lt_thread(churn, NULL);
	lt_barrier_wait(&start);	/* phase 1 */
	lt_barrier_wait(&done);
	__atomic_store_n(&phase1_over, 1, __ATOMIC_RELEASE);
	lt_join(churner);
	printf("phase 1: %d threads x %d first calls into a start-up "
	       "library, with dlopen/dlclose churn: done\n", THREADS,
	       LT_COUNT);

	for (int r = 0; r < ROUNDS; r++) {
		void *h = lt_open("libcaller.so", RTLD_LAZY);
		round_call = (int (*)(int, int))lt_sym(h, "caller_call");
		lt_barrier_wait(&start);
		lt_barrier_wait(&done);
		lt_close(h, "libcaller.so");
		if (lt_loaded("libcaller.so"))
			lt_fail("round %d: libcaller.so still loaded after "
				"dlclose", r);
	}
	printf("phase 2: %d rounds of dlopen, %d threads x %d first calls "
	       "into a dlopened library, dlclose: done\n", ROUNDS, THREADS,
	       LT_COUNT);

	for (int t = 0; t < THREADS; t++) {
		void *got;
		if (pthread_join(threads[t], &got))
			lt_fail("pthread_join");
		right += (long)got;
	}
	printf("right answers: %ld of %d, wrong: %d\n", right,
	       THREADS * LT_COUNT * (ROUNDS + 1), wrong);
	return wrong || right != THREADS * LT_COUNT * (ROUNDS + 1);
}
