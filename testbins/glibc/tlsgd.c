/* SPDX-License-Identifier: MIT */
/* libtlsgd.so, dlopen()ed by tls_dlopen_main.c: many general-dynamic TLS
 * variables (each access a __tls_get_addr call, allocated on demand per
 * thread), 48 initialised ones (.tdata) and a 4 KiB zeroed array
 * (.tbss). */
#include <stdio.h>

#define GD __attribute__((tls_model("global-dynamic")))

/* gd_vN = 3 * N + 1 initially. */
#define VAR(n) __thread int gd_v##n GD = 3 * n + 1;
#define VARS8(a) VAR(a##0) VAR(a##1) VAR(a##2) VAR(a##3) \
                 VAR(a##4) VAR(a##5) VAR(a##6) VAR(a##7)
VARS8(1) VARS8(2) VARS8(3) VARS8(4) VARS8(5) VARS8(6)

__thread unsigned char gd_big[4096] GD;

/* Adds BY to every gd_vN and to every 64th byte of gd_big; returns the
 * sum of all of them afterwards. */
long tlsgd_touch(int by)
{
    long sum = 0;

#define TOUCH(n) gd_v##n += by; sum += gd_v##n;
#define TOUCH8(a) TOUCH(a##0) TOUCH(a##1) TOUCH(a##2) TOUCH(a##3) \
                  TOUCH(a##4) TOUCH(a##5) TOUCH(a##6) TOUCH(a##7)
    TOUCH8(1) TOUCH8(2) TOUCH8(3) TOUCH8(4) TOUCH8(5) TOUCH8(6)

    for (int i = 0; i < (int)sizeof gd_big; i += 64) {
        gd_big[i] += (unsigned char)by;
        sum += gd_big[i];
    }
    return sum;
}

/* For comparison with dlsym(handle, "gd_v37") in the same thread. */
int *tlsgd_v37_addr(void)
{
    return &gd_v37;
}

__attribute__((constructor)) static void tlsgd_init(void)
{
    printf("libtlsgd: constructor\n");
}

__attribute__((destructor)) static void tlsgd_fini(void)
{
    printf("libtlsgd: destructor\n");
}
