// SPDX-License-Identifier: MIT
// dlopen/dlclose churn in one thread while other threads throw and catch
// C++ exceptions, call dlsym and walk dl_iterate_phdr.
//
//   churn      dlopen libchurn.so (+ its 4 DT_NEEDED libraries), call
//              into it (it throws and catches inside), dlclose; at least
//              CHURN_MIN times and until the others are done
//   churn2     the same with libcaller.so (+ libcallee_dyn.so)
//   throwers   THROWERS threads, BATCHES times: dlopen libthrower.so,
//              THROWS exceptions through DEPTH frames of it, one
//              exception from it caught here, dlclose
//   dlsym      DLSYMS look-ups, RTLD_DEFAULT and through a handle
//   iterate    ITERATIONS walks of dl_iterate_phdr, reading every
//              object's program headers
//
// The unwinder asks the loader which object holds each frame
// (_dl_find_object), and libc asks it under its own lock in
// dl_iterate_phdr: both must be safe while another thread unloads.
// Output: fixed counts of what succeeded.
#include "common.h"
#include <stdexcept>
#include <string>

#define THROWERS 2
#define BATCHES 200
#define THROWS 25
#define DEPTH 12
#define DLSYMS 20000
#define ITERATIONS 3000
#define CHURN_MIN 200

static int others_done;
static int failures;

static void failed(const char *what)
{
    __atomic_fetch_add(&failures, 1, __ATOMIC_RELAXED);
    printf("FAIL: %s\n", what);
}

static void *churn(void *)
{
    long cycles = 0;
    while (cycles < CHURN_MIN || !__atomic_load_n(&others_done,
                                                  __ATOMIC_ACQUIRE)) {
        void *h = lt_open("libchurn.so", RTLD_NOW);
        auto check = (int (*)())lt_sym(h, "churn_check");
        if (!check())
            failed("churn_check");
        lt_close(h, "libchurn.so");
        cycles++;
    }
    return nullptr;
}

// A second churn: more objects come and go ahead of libthrower.so.
static void *churn2(void *)
{
    long cycles = 0;
    while (cycles < CHURN_MIN || !__atomic_load_n(&others_done,
                                                  __ATOMIC_ACQUIRE)) {
        void *h = lt_open("libcaller.so", RTLD_NOW);
        auto call = (int (*)(int, int))lt_sym(h, "caller_call");
        if (call(1, 1) != 3 + 101)
            failed("caller_call");
        lt_close(h, "libcaller.so");
        cycles++;
    }
    return nullptr;
}

static void *thrower(void *)
{
    long caught = 0, raised = 0;
    for (int b = 0; b < BATCHES; b++) {
        void *h = lt_open("libthrower.so", RTLD_NOW);
        auto run = (int (*)(int, int))lt_sym(h, "thrower_run");
        auto raise = (void (*)(int))lt_sym(h, "thrower_raise");
        caught += run(DEPTH, THROWS);
        try {
            raise(1);
        } catch (const std::runtime_error &e) {
            raised += std::string(e.what()) == "one";
        }
        lt_close(h, "libthrower.so");
    }
    return (void *)(caught + raised);
}

static void *looker(void *)
{
    long found = 0;
    void *self = dlopen(nullptr, RTLD_NOW);
    for (int i = 0; i < DLSYMS; i++) {
        void *p = dlsym(i & 1 ? self : RTLD_DEFAULT, "strlen");
        found += p == (void *)strlen;
        if (!(i % 64)) {
            // A failed look-up makes an error message (allocation).
            found += dlsym(RTLD_DEFAULT, "lt_no_such_symbol") == nullptr &&
                     dlerror() != nullptr;
        }
    }
    return (void *)found;
}

static int count_object(struct dl_phdr_info *info, size_t, void *data)
{
    unsigned sum = 0;
    for (int i = 0; i < info->dlpi_phnum; i++)
        sum += info->dlpi_phdr[i].p_type == PT_LOAD;
    if (!sum)
        failed("dl_iterate_phdr: an object without PT_LOAD");
    ++*(long *)data;
    return 0;
}

static void *iterator(void *)
{
    long ok = 0;
    for (int i = 0; i < ITERATIONS; i++) {
        long objects = 0;
        dl_iterate_phdr(count_object, &objects);
        ok += objects >= 3;     // the program, libc, the loader at least
    }
    return (void *)ok;
}

int main(int argc, char **argv)
{
    lt_start(argc, argv);
    pthread_t churner = lt_thread(churn, nullptr);
    pthread_t churner2 = lt_thread(churn2, nullptr);
    pthread_t threads[THROWERS + 2];
    for (int i = 0; i < THROWERS; i++)
        threads[i] = lt_thread(thrower, nullptr);
    threads[THROWERS] = lt_thread(looker, nullptr);
    threads[THROWERS + 1] = lt_thread(iterator, nullptr);

    long got[THROWERS + 2];
    for (int i = 0; i < THROWERS + 2; i++) {
        void *r;
        if (pthread_join(threads[i], &r))
            lt_fail("pthread_join");
        got[i] = (long)r;
    }
    __atomic_store_n(&others_done, 1, __ATOMIC_RELEASE);
    lt_join(churner);
    lt_join(churner2);

    long caught = 0;
    for (int i = 0; i < THROWERS; i++)
        caught += got[i];
    printf("exceptions caught: %ld of %d\n", caught,
           THROWERS * BATCHES * (THROWS + 1));
    printf("dlsym answers right: %ld of %d\n", got[THROWERS],
           DLSYMS + (DLSYMS + 63) / 64);
    printf("dl_iterate_phdr walks right: %ld of %d\n", got[THROWERS + 1],
           ITERATIONS);
    printf("churn: 2 threads, at least %d dlopen/dlclose cycles each, "
           "failures: %d\n", CHURN_MIN, failures);
    return failures || caught != THROWERS * BATCHES * (THROWS + 1) ||
           got[THROWERS] != DLSYMS + (DLSYMS + 63) / 64 ||
           got[THROWERS + 1] != ITERATIONS;
}
