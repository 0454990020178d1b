/* SPDX-License-Identifier: MIT */
/* libdlpeer.so: a glibc-linked library that dlopen_main.c loads at run
 * time.  A function and a data symbol for dlsym, a constructor and a
 * destructor (so the output shows when dlopen and dlclose run them), and
 * a __thread variable: TLS of a dlopened library is allocated on demand
 * (dynamic TLS, __tls_get_addr), in every thread that touches it. */
#include <stdio.h>

int peer_data = 1234;
__thread int peer_tls = 7;

int peer_add(int a, int b)
{
    return a + b + peer_data;
}

/* Increments this thread's copy; returns the new value. */
int peer_tls_bump(void)
{
    return ++peer_tls;
}

__attribute__((constructor)) static void peer_init(void)
{
    printf("dlpeer: constructor\n");
}

__attribute__((destructor)) static void peer_fini(void)
{
    printf("dlpeer: destructor\n");
}
