/* SPDX-License-Identifier: MIT */
/* fork from a thread other than main while two more threads churn
 * dlopen/dlclose, and the child uses the loader fully.
 *
 * One churn thread loads and unloads libcaller.so (lazy calls into its
 * DT_NEEDED libcallee_dyn.so), the other libtlsdyn.so (dynamic TLS, its
 * block allocated by __tls_get_addr at the first access) with a failed
 * dlopen between, whose dlerror text it checks (dlerror is per thread).
 * A third thread forks FORKS times.  Each child dlopens libtlsother.so
 * and uses its TLS, dlopens libcaller.so (which the parent may have been
 * loading or unloading at the fork) and calls through it, checks a
 * failed dlopen's dlerror, dlcloses both, makes a first call through the
 * program's own PLT, and leaves by _exit (exit would wait for libc's
 * __exit_funcs_lock, which a dlclose in the parent may have held at the
 * fork, under either loader).  myld holds its lock across fork, so the
 * child starts between two loader operations; glibc 2.36 does not, and
 * its child asserts, faults or hangs (tests/check_lifetime.py).  A
 * child that waits for a lock no thread of its own holds dies of its
 * alarm (CHILD_SECONDS).
 * Output: the number of children that did all this and exited 0. */
#include "common.h"
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#define CALLEE_PREFIX callee_f
#include "callers.h"

#define FORKS 40
#define CHILD_SECONDS 10

static int forks_done;

static int failed_dlopen_says_why(void)
{
	char path[4096];
	const char *e;

	if (dlopen(lt_path(path, sizeof(path), "libnosuch.so"), RTLD_NOW))
		return 0;
	e = dlerror();
	return e && strstr(e, "libnosuch.so") && !dlerror();
}

static void *churn_calls(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&forks_done, __ATOMIC_ACQUIRE)) {
		void *h = lt_open("libcaller.so", RTLD_LAZY);
		int (*call)(int, int) = (int (*)(int, int))lt_sym(h,
								  "caller_call");
		if (call(7, 1) != LT_VALUE(LT_FIRST + 7, 1))
			lt_fail("caller_call(7, 1) is wrong");
		lt_close(h, "libcaller.so");
	}
	return NULL;
}

static void *churn_tls(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&forks_done, __ATOMIC_ACQUIRE)) {
		void *h = lt_open("libtlsdyn.so", RTLD_NOW);
		int (*bump)(int) = (int (*)(int))lt_sym(h, "tls_bump");
		if (bump(3) != 1003)
			lt_fail("libtlsdyn.so's counter is not fresh");
		lt_close(h, "libtlsdyn.so");
		if (!failed_dlopen_says_why())
			lt_fail("a failed dlopen's dlerror is wrong");
	}
	return NULL;
}

static int child_uses_loader(int i)
{
	void *tls = lt_open("libtlsother.so", RTLD_NOW);
	int (*bump)(int) = (int (*)(int))lt_sym(tls, "tls_bump");
	void *caller = lt_open("libcaller.so", RTLD_LAZY);
	int (*call)(int, int) = (int (*)(int, int))lt_sym(caller,
							  "caller_call");

	if (bump(5) != 2005 || call(i, 2) != LT_VALUE(LT_FIRST + i, 2))
		return 2;
	if (!failed_dlopen_says_why())
		return 3;
	lt_close(caller, "libcaller.so");
	lt_close(tls, "libtlsother.so");
	/* Function LT_FIRST + 100 + i is called nowhere else: unbound. */
	if (lt_call(100 + i, 4) != LT_VALUE(LT_FIRST + 100 + i, 4))
		return 4;
	return 0;
}

static void *forker(void *arg)
{
	long ok = 0;

	(void)arg;
	for (int i = 0; i < FORKS; i++) {
		for (volatile int spin = 0; spin < 100000; spin++)
			;
		pid_t pid = fork();
		if (pid < 0)
			lt_fail("fork: %s", strerror(errno));
		if (pid == 0) {
			alarm(CHILD_SECONDS);
			_exit(child_uses_loader(i));
		}
		if (!lt_child_ok(pid, i))
			break;
		ok++;
	}
	__atomic_store_n(&forks_done, 1, __ATOMIC_RELEASE);
	return (void *)ok;
}

int main(int argc, char **argv)
{
	void *ok;

	lt_start(argc, argv);
	pthread_t calls = lt_thread(churn_calls, NULL);
	pthread_t tls = lt_thread(churn_tls, NULL);
	pthread_t f = lt_thread(forker, NULL);
	if (pthread_join(f, &ok))
		lt_fail("pthread_join");
	lt_join(calls);
	lt_join(tls);
	printf("forks from a thread during dlopen/dlclose churn: %d, children "
	       "that used dlopen, TLS, dlsym, dlerror, dlclose and a lazy call "
	       "and exited 0: %ld\n", FORKS, (long)ok);
	return (long)ok == FORKS ? 0 : 1;
}
