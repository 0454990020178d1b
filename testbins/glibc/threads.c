/* SPDX-License-Identifier: MIT */
/* 8 pthreads and __thread variables: an initialised one (its initial
 * value comes from the program's PT_TLS image, .tdata) and a zeroed one
 * (.tbss).  The threads meet at a barrier, so all 8 TLS blocks are live
 * at the same time and must be distinct; each thread then computes a
 * deterministic value from its own copies only.  main joins them and
 * prints the results in thread order, so the output never depends on
 * scheduling.  Exit 0 only if every check passed. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 8

__thread int counter = 42;          /* .tdata */
__thread unsigned long acc;         /* .tbss */

struct result {
    int index;
    int initial_counter;            /* counter as the thread first sees it */
    unsigned long initial_acc;
    unsigned long value;            /* what it computed */
    uintptr_t counter_addr;         /* &counter in that thread */
};

static struct result results[NTHREADS];
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    struct result *r = arg;

    r->initial_counter = counter;
    r->initial_acc = acc;
    r->counter_addr = (uintptr_t)&counter;
    /* Wait until every thread has its TLS: the addresses recorded above
     * are then of 8 live blocks at once. */
    pthread_barrier_wait(&barrier);

    counter += r->index;            /* 42 + i */
    for (int k = 1; k <= 1000 * (r->index + 1); k++)
        acc += (unsigned long)k * (unsigned long)counter % 977;
    r->value = acc + (unsigned long)counter;
    return NULL;
}

int main(void)
{
    pthread_t tids[NTHREADS];
    int failures = 0;

    /* main's own copies change before the threads start: the threads must
     * still see the initial image, not main's values. */
    counter = 1000;
    acc = 7;

    if (pthread_barrier_init(&barrier, NULL, NTHREADS) != 0) {
        printf("pthread_barrier_init failed\n");
        return 1;
    }
    for (int i = 0; i < NTHREADS; i++) {
        results[i].index = i;
        if (pthread_create(&tids[i], NULL, worker, &results[i]) != 0) {
            printf("pthread_create %d failed\n", i);
            return 1;
        }
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(tids[i], NULL);

    for (int i = 0; i < NTHREADS; i++) {
        struct result *r = &results[i];
        printf("thread %d: counter started at %d, acc at %lu, value %lu\n",
               i, r->initial_counter, r->initial_acc, r->value);
        if (r->initial_counter != 42 || r->initial_acc != 0)
            failures++;
        for (int j = 0; j < i; j++)
            if (results[j].counter_addr == r->counter_addr) {
                printf("threads %d and %d share &counter\n", j, i);
                failures++;
            }
        if (r->counter_addr == (uintptr_t)&counter) {
            printf("thread %d shares main's &counter\n", i);
            failures++;
        }
    }
    printf("main: counter %d, acc %lu\n", counter, acc);
    if (counter != 1000 || acc != 7)
        failures++;
    printf("%s\n", failures ? "FAILED" : "all threads ok");
    return failures ? 1 : 0;
}
