/* SPDX-License-Identifier: MIT */
/* What glibc knows about the CPU, all of which its loader computes at
 * start-up and libc only reads.
 *
 * x86_64:
 *   CPU_FEATURE_PRESENT/ACTIVE  <sys/platform/x86.h>: the loader's
 *                               cpu_features, through
 *                               __x86_get_cpuid_feature_leaf (exported by
 *                               the loader, not libc)
 *   sysconf(_SC_LEVEL*_CACHE_*) the loader's cache information
 * aarch64 (glibc has no query interface there):
 *   where libc's IFUNCs went    memcpy, memmove, memset, memchr, strlen:
 *                               their resolvers pick a variant from the
 *                               loader's cpu_features (MIDR_EL1, DC ZVA
 *                               size, SVE, MTE); printed as the offset
 *                               of the chosen code in libc.so.6
 * both:
 *   getauxval(AT_HWCAP, _HWCAP2)  GLRO(dl_hwcap), GLRO(dl_hwcap2)
 *
 * The output depends on the machine, so there is no expected file: the
 * test compares it with a normal run on the same machine. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

#if defined __x86_64__
#include <sys/platform/x86.h>

#define FEATURE(name) \
    printf("%-10s present %d active %d\n", #name, \
           CPU_FEATURE_PRESENT(name) ? 1 : 0, \
           CPU_FEATURE_ACTIVE(name) ? 1 : 0)

static void features(void)
{
    FEATURE(SSE2);
    FEATURE(SSSE3);
    FEATURE(SSE4_1);
    FEATURE(SSE4_2);
    FEATURE(AVX);
    FEATURE(AVX2);
    FEATURE(FMA);
    FEATURE(BMI1);
    FEATURE(BMI2);
    FEATURE(LZCNT);
    FEATURE(POPCNT);
    FEATURE(MOVBE);
    FEATURE(ERMS);
    FEATURE(FSRM);
    FEATURE(AVX512F);
    FEATURE(AVX512BW);
    FEATURE(AVX512VL);
    FEATURE(RTM);
    FEATURE(F16C);
    FEATURE(AES);
    FEATURE(PCLMULQDQ);
}

#elif defined __aarch64__

/* The program's address of an IFUNC of libc is the resolver's choice
 * (a GLOB_DAT relocation in a PIE; the PLT stub the canonical address in
 * a non-PIE, hence the check).  volatile: no builtin folding. */
static void ifunc(const char *name, void *volatile addr)
{
    Dl_info info;

    if (dladdr(addr, &info) && info.dli_fname &&
        strstr(info.dli_fname, "/libc.so.6"))
        printf("%-10s libc.so.6+%#lx\n", name,
               (unsigned long)((char *)addr - (char *)info.dli_fbase));
    else
        printf("%-10s not in libc.so.6 (%s)\n", name,
               info.dli_fname ? info.dli_fname : "?");
}

static void features(void)
{
    ifunc("memcpy", (void *)memcpy);
    ifunc("memmove", (void *)memmove);
    ifunc("memset", (void *)memset);
    ifunc("memchr", (void *)memchr);
    ifunc("strlen", (void *)strlen);
}

#else
#error "cpu_features: x86_64 or aarch64"
#endif

int main(void)
{
    features();

    printf("_SC_LEVEL1_DCACHE_SIZE     %ld\n",
           sysconf(_SC_LEVEL1_DCACHE_SIZE));
    printf("_SC_LEVEL1_DCACHE_LINESIZE %ld\n",
           sysconf(_SC_LEVEL1_DCACHE_LINESIZE));
    printf("_SC_LEVEL1_DCACHE_ASSOC    %ld\n",
           sysconf(_SC_LEVEL1_DCACHE_ASSOC));
    printf("_SC_LEVEL2_CACHE_SIZE      %ld\n",
           sysconf(_SC_LEVEL2_CACHE_SIZE));
    printf("_SC_LEVEL3_CACHE_SIZE      %ld\n",
           sysconf(_SC_LEVEL3_CACHE_SIZE));

    printf("AT_HWCAP  %#lx\n", getauxval(AT_HWCAP));
    printf("AT_HWCAP2 %#lx\n", getauxval(AT_HWCAP2));
    return 0;
}
