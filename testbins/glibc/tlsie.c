/* SPDX-License-Identifier: MIT */
/* libtlsie.so, dlopen()ed by tls_dlopen_main.c: initial-exec TLS in a
 * library loaded at run time.  Its code reaches the variables at a fixed
 * offset from the thread pointer (R_X86_64_TPOFF64, DF_STATIC_TLS), so
 * dlopen must find room in the static TLS block of every thread, the ones
 * that already exist included, and copy the initial image there. */
#include <stdio.h>

#define IE __attribute__((tls_model("initial-exec")))

__thread int ie_counter IE = 100;               /* .tdata */
__thread long ie_array[4] IE = {1, 2, 3, 4};    /* .tdata */
__thread int ie_zero IE;                        /* .tbss */

/* Adds BY to this thread's ie_counter and to each ie_array element. */
int tlsie_bump(int by)
{
    for (int i = 0; i < 4; i++)
        ie_array[i] += by;
    ie_counter += by;
    return ie_counter;
}

long tlsie_array_sum(void)
{
    return ie_array[0] + ie_array[1] + ie_array[2] + ie_array[3];
}

int tlsie_zero_bump(void)
{
    return ++ie_zero;
}

/* For comparison with dlsym(handle, "ie_array") in the same thread. */
long *tlsie_array_addr(void)
{
    return ie_array;
}

__attribute__((constructor)) static void tlsie_init(void)
{
    printf("libtlsie: constructor\n");
}

__attribute__((destructor)) static void tlsie_fini(void)
{
    printf("libtlsie: destructor\n");
}
