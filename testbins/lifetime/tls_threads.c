/* SPDX-License-Identifier: MIT */
/* Dynamic TLS with threads created before and after a dlopen.
 *
 * ROUNDS times: main dlopens libtlsdyn.so; BEFORE threads created before
 * the first dlopen (alive throughout) and AFTER threads created for the
 * round, plus main, all released together (a barrier) into their first
 * access of the library's TLS, each checking that it starts from the
 * initial image and that its copy is its own; then main dlcloses the
 * library, and the next round opens it again (a new generation of the
 * same module).  All along, a churn thread loads and unloads
 * libtlsother.so, another library with TLS, and uses it.
 * Output: the number of checks that passed. */
#include "common.h"
#include <stdint.h>

#define ROUNDS 30
#define BEFORE 4
#define AFTER 4
#define BUMPS 50
#define CHURN_MIN 100

static pthread_barrier_t go, done;
static int (*bump)(int);
static int *(*addr)(void);
static uintptr_t addrs[1 + BEFORE + AFTER];
static int right, wrong;
static int rounds_over;

/* One thread's turn in a round: BUMPS increments of its own counter. */
static void use(int slot)
{
	int v = 0;

	for (int k = 1; k <= BUMPS; k++) {
		v = bump(slot + 1);
		if (v != 1000 + k * (slot + 1))
			break;
	}
	addrs[slot] = (uintptr_t)addr();
	__atomic_fetch_add(v == 1000 + BUMPS * (slot + 1) ? &right : &wrong,
			   1, __ATOMIC_RELAXED);
}

static void *before(void *arg)
{
	for (int r = 0; r < ROUNDS; r++) {
		lt_barrier_wait(&go);
		use((int)(long)arg);
		lt_barrier_wait(&done);
	}
	return NULL;
}

static void *after(void *arg)
{
	lt_barrier_wait(&go);
	use((int)(long)arg);
	lt_barrier_wait(&done);
	return NULL;
}

static void *churn(void *arg)
{
	long cycles = 0;

	(void)arg;
	while (cycles < CHURN_MIN ||
	       !__atomic_load_n(&rounds_over, __ATOMIC_ACQUIRE)) {
		void *h = lt_open("libtlsother.so", RTLD_NOW);
		int (*b)(int) = (int (*)(int))lt_sym(h, "tls_bump");
		if (b(1) != 2001 || b(2) != 2003)
			lt_fail("libtlsother.so: wrong TLS values");
		lt_close(h, "libtlsother.so");
		cycles++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t pre[BEFORE], post[AFTER];
	int distinct = 0;

	lt_start(argc, argv);
	pthread_barrier_init(&go, NULL, 1 + BEFORE + AFTER);
	pthread_barrier_init(&done, NULL, 1 + BEFORE + AFTER);
	for (long i = 0; i < BEFORE; i++)
		pre[i] = lt_thread(before, (void *)(1 + i));
	pthread_t churner = lt_thread(churn, NULL);

	for (int r = 0; r < ROUNDS; r++) {
		void *h = lt_open("libtlsdyn.so", RTLD_NOW);
		bump = (int (*)(int))lt_sym(h, "tls_bump");
		addr = (int *(*)(void))lt_sym(h, "tls_counter_addr");
		for (long i = 0; i < AFTER; i++)
			post[i] = lt_thread(after, (void *)(1 + BEFORE + i));
		lt_barrier_wait(&go);	/* everyone at once */
		use(0);
		lt_barrier_wait(&done);
		for (int i = 0; i < AFTER; i++)
			lt_join(post[i]);
		int same = 0;
		for (int i = 0; i < 1 + BEFORE + AFTER; i++)
			for (int j = 0; j < i; j++)
				same += addrs[i] == addrs[j];
		distinct += !same;
		lt_close(h, "libtlsdyn.so");
	}
	__atomic_store_n(&rounds_over, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < BEFORE; i++)
		lt_join(pre[i]);
	lt_join(churner);
	printf("rounds: %d, threads a round: %d (%d created before the "
	       "first dlopen), TLS uses right: %d, wrong: %d\n", ROUNDS,
	       1 + BEFORE + AFTER, BEFORE, right, wrong);
	printf("rounds where every thread had its own copy: %d\n", distinct);
	return wrong || distinct != ROUNDS ||
	       right != ROUNDS * (1 + BEFORE + AFTER);
}
