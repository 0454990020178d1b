/* SPDX-License-Identifier: MIT */
/* dlclose of a library while a thread holds a pending C++ thread_local
 * destructor from it, and the atexit handlers of dlclosed libraries.
 *
 * 1. libtld.so is dlopened; thread T creates its thread_local object
 *    (libc registers the destructor, which lives in libtld.so); main
 *    dlcloses libtld.so while T is alive.  glibc keeps the library loaded
 *    while a thread-local destructor of it is pending: libc counts them
 *    on the object.  Then T exits and the destructor runs, in mapped
 *    code.  A loader that unloads at the dlclose crashes there.
 * 2. One more dlopen/dlclose (libplain.so): the close re-examines every
 *    object, and libtld.so, no longer held, goes now: its destructor and
 *    atexit handler run here.
 * 3. libatexit.so, with no thread_local: dlclose runs its atexit handler
 *    and destructor at once.
 * 4. A second libtld.so whose pending destructor belongs to a thread
 *    still alive at exit: exit() runs neither it nor a thread's
 *    destructors, but the library's atexit handler and destructor, once.
 *
 * Every step prints what it sees; the order of the lines is the test. */
#include "common.h"
#include <semaphore.h>

static sem_t touched, may_exit;
static int (*touch)(void);

static void *thread_t(void *arg)
{
	(void)arg;
	printf("thread: tld_touch() = %d\n", touch());
	sem_post(&touched);
	sem_wait(&may_exit);
	printf("thread: exits\n");
	return NULL;
}

static void *thread_forever(void *arg)
{
	(void)arg;
	printf("thread 2: tld_touch() = %d\n", touch());
	sem_post(&touched);
	for (;;)
		pause();
	return NULL;
}

static const char *loaded(const char *name)
{
	return lt_loaded(name) ? "loaded" : "not loaded";
}

int main(int argc, char **argv)
{
	lt_start(argc, argv);
	sem_init(&touched, 0, 0);
	sem_init(&may_exit, 0, 0);

	printf("1: dlopen libtld.so\n");
	void *h = lt_open("libtld.so", RTLD_NOW);
	touch = (int (*)(void))lt_sym(h, "tld_touch");
	pthread_t t = lt_thread(thread_t, NULL);
	sem_wait(&touched);
	printf("1: dlclose libtld.so while the thread is alive\n");
	lt_close(h, "libtld.so");
	printf("1: after dlclose: libtld.so %s\n", loaded("libtld.so"));
	sem_post(&may_exit);
	lt_join(t);
	printf("1: thread joined: libtld.so %s\n", loaded("libtld.so"));

	printf("2: dlopen and dlclose libplain.so\n");
	lt_close(lt_open("libplain.so", RTLD_NOW), "libplain.so");
	printf("2: libtld.so %s\n", loaded("libtld.so"));

	printf("3: dlopen libatexit.so\n");
	h = lt_open("libatexit.so", RTLD_NOW);
	printf("3: dlclose libatexit.so\n");
	lt_close(h, "libatexit.so");
	printf("3: after dlclose: libatexit.so %s\n", loaded("libatexit.so"));

	printf("4: dlopen libtld2.so\n");
	h = lt_open("libtld2.so", RTLD_NOW);
	touch = (int (*)(void))lt_sym(h, "tld_touch");
	lt_thread(thread_forever, NULL);
	sem_wait(&touched);
	lt_close(h, "libtld2.so");
	printf("4: after dlclose: libtld2.so %s\n", loaded("libtld2.so"));
	printf("4: exit\n");
	return 0;
}
