/* SPDX-License-Identifier: MIT */
/* dlopen, dlsym, dlerror and dlclose on a glibc-linked library, reached
 * through libc's dlfcn functions (which go to the loader's own
 * implementation).  argv[1] is the absolute path of libdlpeer.so.
 *
 * Prints only what does not depend on the loader's wording: dlerror()
 * texts differ between loaders, so for errors it prints whether there is
 * one, never the message.  Exit 0 only if every check passed. */
#define _GNU_SOURCE	/* RTLD_DEFAULT, dlvsym */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int (*tls_bump)(void);

static void *thread_main(void *arg)
{
    int *out = arg;
    /* A new thread gets its own copy of the library's TLS, from the
     * initial image (7), whatever main did with its copy. */
    *out = tls_bump();
    return NULL;
}

int main(int argc, char **argv)
{
    int failures = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s /abs/path/libdlpeer.so\n", argv[0]);
        return 2;
    }

    printf("dlopen\n");
    void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        printf("dlopen failed: %s\n", dlerror());
        return 1;
    }
    printf("dlopen ok; dlerror() afterwards is %s\n",
           dlerror() ? "set" : "NULL");

    int (*add)(int, int) = (int (*)(int, int))dlsym(h, "peer_add");
    int *data = dlsym(h, "peer_data");
    tls_bump = (int (*)(void))dlsym(h, "peer_tls_bump");
    if (!add || !data || !tls_bump) {
        printf("dlsym failed: %s\n", dlerror());
        return 1;
    }
    printf("peer_data = %d\n", *data);
    printf("peer_add(1, 2) = %d\n", add(1, 2));
    *data = 10;     /* the library sees the same object */
    printf("after peer_data = 10: peer_add(1, 2) = %d\n", add(1, 2));

    printf("peer_tls_bump() in main: %d\n", tls_bump());
    printf("peer_tls_bump() in main: %d\n", tls_bump());
    pthread_t t;
    int in_thread = 0;
    if (pthread_create(&t, NULL, thread_main, &in_thread) != 0) {
        printf("pthread_create failed\n");
        return 1;
    }
    pthread_join(t, NULL);
    printf("peer_tls_bump() in a new thread: %d\n", in_thread);
    printf("peer_tls_bump() in main again: %d\n", tls_bump());

    /* A missing symbol: NULL, and dlerror() has a message (once). */
    void *missing = dlsym(h, "peer_no_such_symbol");
    const char *err = dlerror();
    printf("dlsym(missing) = %s, dlerror() is %s\n",
           missing ? "non-NULL" : "NULL", err ? "set" : "NULL");
    if (missing || !err)
        failures++;
    err = dlerror();
    printf("dlerror() again is %s\n", err ? "set" : "NULL");
    if (err)
        failures++;

    /* A library that does not exist. */
    void *none = dlopen("/nonexistent/libnothing.so", RTLD_NOW);
    err = dlerror();
    printf("dlopen(nonexistent) = %s, dlerror() is %s\n",
           none ? "non-NULL" : "NULL", err ? "set" : "NULL");
    if (none || !err)
        failures++;

    /*
     * dlsym without a version answers with the definition a program
     * linked today gets, the default one: libc.so.6 keeps older,
     * hidden definitions of realpath and pthread_cond_wait (x86_64:
     * GLIBC_2.2.5, its first version) and of memcpy, for old programs;
     * pthread_atfork it only has hidden (new programs get it from
     * libc_nonshared.a), so dlsym does not find it.
     */
    printf("dlsym(RTLD_DEFAULT) of realpath is this program's: %s\n",
           dlsym(RTLD_DEFAULT, "realpath") == (void *)realpath ? "yes"
                                                                : "no");
    printf("dlsym(RTLD_DEFAULT) of pthread_cond_wait is this program's: "
           "%s\n", dlsym(RTLD_DEFAULT, "pthread_cond_wait") ==
                   (void *)pthread_cond_wait ? "yes" : "no");
    printf("dlsym(RTLD_DEFAULT) of memcpy is this program's: %s\n",
           dlsym(RTLD_DEFAULT, "memcpy") == (void *)memcpy ? "yes" : "no");
    printf("dlsym(RTLD_DEFAULT, pthread_atfork) = %s\n",
           dlsym(RTLD_DEFAULT, "pthread_atfork") ? "non-NULL" : "NULL");
    dlerror();

    printf("dlclose\n");
    int rc = dlclose(h);
    printf("dlclose returned %d\n", rc);
    if (rc != 0)
        failures++;

    printf("%s\n", failures ? "FAILED" : "dlopen ok");
    return failures ? 1 : 0;
}
