/* SPDX-License-Identifier: MIT */
/* TLS of libraries loaded with dlopen(), in threads that exist before
 * and after it.  argv[1] is the directory of libtlsie.so (initial-exec
 * TLS: dlopen must set it up in the static TLS block of every live
 * thread) and libtlsgd.so (many general-dynamic variables: allocated per
 * thread on first access).
 *
 * Two rounds.  In each, main dlopen()s both libraries and uses their TLS;
 * then a thread created before the first dlopen ("pre") uses it, then 4
 * threads created after the dlopen.  Between the rounds both libraries
 * are dlclose()d and dlopen()ed again: the pre thread's TLS bookkeeping
 * (its DTV) then describes libraries that are gone, and the loader must
 * notice.  Every thread adds its own increment to its copies, so each
 * result shows whether the thread started from the initial image.
 *
 * All threads stay alive until every thread of the round has used its
 * TLS (a barrier), so the addresses compared are of live blocks.  main
 * prints everything at the end, in thread order: the output does not
 * depend on scheduling.  Exit 0 only if every check passed. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ROUNDS 2
#define NEW_THREADS 4
#define SLOTS (2 + NEW_THREADS)     /* 0 main, 1 pre, 2.. the new ones */

static const char *dir;

/* The libraries of the current round and what main looked up in them. */
static struct {
    void *ie, *gd;
    int (*ie_bump)(int);
    long (*ie_array_sum)(void);
    int (*ie_zero_bump)(void);
    long *(*ie_array_addr)(void);
    long (*gd_touch)(int);
    int *(*gd_v37_addr)(void);
} lib;

struct visit {
    int ie_counter;         /* after adding the increment */
    long ie_array_sum;
    int ie_zero;            /* after incrementing it */
    long gd_sum;
    int dlsym_ie_ok;        /* dlsym of a TLS symbol: this thread's copy */
    int dlsym_gd_ok;
    uintptr_t ie_addr, gd_addr;
};

static struct visit visits[ROUNDS][SLOTS];

/* "ready": main has dlopen()ed the round's libraries, the pre thread may
 * use them.  "all": every thread of the round has; main may close them. */
static pthread_barrier_t ready, all;

static void *sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p) {
        printf("dlsym(%s) failed: %s\n", name, dlerror());
        fflush(stdout);
        _Exit(1);
    }
    return p;
}

static void open_libs(void)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/libtlsie.so", dir);
    lib.ie = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    snprintf(path, sizeof path, "%s/libtlsgd.so", dir);
    lib.gd = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib.ie || !lib.gd) {
        printf("dlopen failed: %s\n", dlerror());
        fflush(stdout);
        _Exit(1);
    }
    lib.ie_bump = (int (*)(int))sym(lib.ie, "tlsie_bump");
    lib.ie_array_sum = (long (*)(void))sym(lib.ie, "tlsie_array_sum");
    lib.ie_zero_bump = (int (*)(void))sym(lib.ie, "tlsie_zero_bump");
    lib.ie_array_addr = (long *(*)(void))sym(lib.ie, "tlsie_array_addr");
    lib.gd_touch = (long (*)(int))sym(lib.gd, "tlsgd_touch");
    lib.gd_v37_addr = (int *(*)(void))sym(lib.gd, "tlsgd_v37_addr");
}

/* Thread SLOT uses the libraries' TLS in round ROUND, adding SLOT + 1. */
static void visit(int round, int slot)
{
    struct visit *v = &visits[round][slot];
    int by = slot + 1;

    v->ie_counter = lib.ie_bump(by);
    v->ie_array_sum = lib.ie_array_sum();
    v->ie_zero = lib.ie_zero_bump();
    v->gd_sum = lib.gd_touch(by);
    /* dlsym of a TLS symbol gives the calling thread's copy. */
    long *ie = dlsym(lib.ie, "ie_array");
    int *gd = dlsym(lib.gd, "gd_v37");
    v->dlsym_ie_ok = ie && ie == lib.ie_array_addr();
    v->dlsym_gd_ok = gd && gd == lib.gd_v37_addr();
    v->ie_addr = (uintptr_t)ie;
    v->gd_addr = (uintptr_t)gd;
}

static void *pre_thread(void *arg)
{
    (void)arg;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_barrier_wait(&ready);
        visit(round, 1);
        pthread_barrier_wait(&all);
    }
    return NULL;
}

struct new_thread_arg {
    int round, slot;
};

static void *new_thread(void *arg)
{
    struct new_thread_arg *a = arg;

    visit(a->round, a->slot);
    pthread_barrier_wait(&all);
    return NULL;
}

int main(int argc, char **argv)
{
    int failures = 0;
    pthread_t pre, threads[NEW_THREADS];
    struct new_thread_arg args[NEW_THREADS];
    long gd_initial_sum = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR-OF-libtlsie.so-AND-libtlsgd.so\n",
                argv[0]);
        return 2;
    }
    dir = argv[1];
    /* What libtlsgd.so's tlsgd_touch(0) returns in a fresh thread. */
    for (int tens = 1; tens <= 6; tens++)
        for (int units = 0; units <= 7; units++)
            gd_initial_sum += 3 * (10 * tens + units) + 1;

    pthread_barrier_init(&ready, NULL, 2);
    pthread_barrier_init(&all, NULL, SLOTS);
    if (pthread_create(&pre, NULL, pre_thread, NULL) != 0) {
        printf("pthread_create failed\n");
        return 1;
    }

    for (int round = 0; round < ROUNDS; round++) {
        printf("round %d: dlopen\n", round + 1);
        open_libs();
        visit(round, 0);
        pthread_barrier_wait(&ready);
        for (int i = 0; i < NEW_THREADS; i++) {
            args[i].round = round;
            args[i].slot = 2 + i;
            if (pthread_create(&threads[i], NULL, new_thread,
                               &args[i]) != 0) {
                printf("pthread_create failed\n");
                return 1;
            }
        }
        pthread_barrier_wait(&all);
        for (int i = 0; i < NEW_THREADS; i++)
            pthread_join(threads[i], NULL);

        /* The other threads changed their own copies, not main's. */
        struct visit *m = &visits[round][0];
        int ie_again = lib.ie_bump(0);
        long gd_again = lib.gd_touch(0);
        printf("round %d: main's copies afterwards: ie_counter %d, "
               "libtlsgd sum %ld\n", round + 1, ie_again, gd_again);
        if (ie_again != m->ie_counter || gd_again != m->gd_sum)
            failures++;

        for (int slot = 0; slot < SLOTS; slot++) {
            struct visit *v = &visits[round][slot];
            int by = slot + 1;
            int distinct = 1;
            for (int other = 0; other < slot; other++)
                if (visits[round][other].ie_addr == v->ie_addr ||
                    visits[round][other].gd_addr == v->gd_addr)
                    distinct = 0;
            printf("round %d, %-5s %d: ie_counter %d, ie_array sum %ld, "
                   "ie_zero %d, libtlsgd sum %ld, dlsym %s/%s, %s\n",
                   round + 1, slot == 0 ? "main" :
                   slot == 1 ? "pre" : "new", slot, v->ie_counter,
                   v->ie_array_sum, v->ie_zero, v->gd_sum,
                   v->dlsym_ie_ok ? "ok" : "WRONG",
                   v->dlsym_gd_ok ? "ok" : "WRONG",
                   distinct ? "own copies" : "SHARED copies");
            if (v->ie_counter != 100 + by || v->ie_array_sum != 10 + 4 * by ||
                v->ie_zero != 1 ||
                v->gd_sum != gd_initial_sum + (48 + 64) * by ||
                !v->dlsym_ie_ok || !v->dlsym_gd_ok || !distinct)
                failures++;
        }

        /* Separate statements: the destructors print, in this order. */
        int rc_gd = dlclose(lib.gd);
        int rc_ie = dlclose(lib.ie);
        printf("round %d: dlclose returned %d %d\n", round + 1, rc_gd,
               rc_ie);
        if (rc_gd != 0 || rc_ie != 0)
            failures++;
    }
    pthread_join(pre, NULL);

    printf("%s\n", failures ? "FAILED" : "tls_dlopen ok");
    return failures ? 1 : 0;
}
