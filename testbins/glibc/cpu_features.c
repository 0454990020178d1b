/* SPDX-License-Identifier: MIT */
/* What glibc knows about the CPU, all of which its loader computes at
 * start-up and libc only reads:
 *
 *   CPU_FEATURE_PRESENT/ACTIVE  <sys/platform/x86.h>: the loader's
 *                               cpu_features, through
 *                               __x86_get_cpuid_feature_leaf (exported by
 *                               the loader, not libc)
 *   sysconf(_SC_LEVEL*_CACHE_*) the loader's cache information
 *   getauxval(AT_HWCAP, _HWCAP2)  GLRO(dl_hwcap), GLRO(dl_hwcap2)
 *
 * The output depends on the machine, so there is no expected file: the
 * test compares it with a normal run on the same machine. */
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/platform/x86.h>
#include <unistd.h>

#define FEATURE(name) \
    printf("%-10s present %d active %d\n", #name, \
           CPU_FEATURE_PRESENT(name) ? 1 : 0, \
           CPU_FEATURE_ACTIVE(name) ? 1 : 0)

int main(void)
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
