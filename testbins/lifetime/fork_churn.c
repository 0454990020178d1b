/* SPDX-License-Identifier: MIT */
/* fork while another thread loops dlopen/dlclose.
 *
 * The churn thread loads and unloads libcaller.so (with its DT_NEEDED
 * libcallee_dyn.so: two objects, 200 relocations, enough work that a fork
 * often lands while the loader's lock is held).  main forks FORKS times;
 * each child must, at once, look a symbol up with dlsym and make a first
 * (lazy) call through the program's PLT, a different function each time,
 * then exit 0.  A child that inherits a held loader lock hangs there: its
 * alarm (CHILD_SECONDS, far more than the few milliseconds it needs even
 * under qemu) turns the hang into a death by SIGALRM, which main reports
 * and stops at, so a hang costs seconds, not the test's timeout.
 * Output: the number of children that exited 0. */
#include "common.h"
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#define CALLEE_PREFIX callee_f
#include "callers.h"

#define FORKS 60
#define CHILD_SECONDS 10

static int forks_done;

static void *churn(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&forks_done, __ATOMIC_ACQUIRE)) {
		void *h = lt_open("libcaller.so", RTLD_LAZY);
		int (*call)(int, int) = (int (*)(int, int))lt_sym(h,
								  "caller_call");
		if (call(5, 1) != LT_VALUE(LT_FIRST + 5, 1))
			lt_fail("caller_call(5, 1) is wrong");
		lt_close(h, "libcaller.so");
	}
	return NULL;
}

static void child(int i)
{
	char name[32];

	alarm(CHILD_SECONDS);
	snprintf(name, sizeof(name), "callee_f%d", LT_FIRST + i);
	int (*f)(int) = (int (*)(int))dlsym(RTLD_DEFAULT, name);
	if (!f || f(2) != LT_VALUE(LT_FIRST + i, 2))
		_exit(2);
	/* Function LT_FIRST + i is called nowhere else: its slot is unbound. */
	if (lt_call(i, 4) != LT_VALUE(LT_FIRST + i, 4))
		_exit(3);
	_exit(0);
}

int main(int argc, char **argv)
{
	int ok = 0, i;

	lt_start(argc, argv);
	pthread_t churner = lt_thread(churn, NULL);
	for (i = 0; i < FORKS; i++) {
		/* Let the churn thread run between forks. */
		for (volatile int spin = 0; spin < 100000; spin++)
			;
		pid_t pid = fork();
		if (pid < 0)
			lt_fail("fork: %s", strerror(errno));
		if (pid == 0)
			child(i);
		if (!lt_child_ok(pid, i))
			break;
		ok++;
	}
	__atomic_store_n(&forks_done, 1, __ATOMIC_RELEASE);
	lt_join(churner);
	printf("forks during dlopen/dlclose churn: %d, children that "
	       "looked up, called and exited 0: %d\n", FORKS, ok);
	return ok != FORKS;
}
