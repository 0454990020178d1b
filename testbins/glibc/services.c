/* SPDX-License-Identifier: MIT */
/* libc services that reach into the loader behind the program's back:
 *
 *   pthread_exit, pthread_cancel  unwind the thread, for which libc
 *                                 dlopen()s libgcc_s.so.1 through the loader
 *   backtrace_symbols             dladdr() on each frame (needs -rdynamic
 *                                 for the program's own names)
 *   getpwnam                      NSS (may dlopen libnss_* modules)
 *   setlocale                     locale archive / files
 *   fork                          the atfork handlers, the loader lock
 *   clock_gettime, time           the vDSO, found by the loader
 *   dl_iterate_phdr               the loader's list of objects, TLS blocks
 *   getauxval(AT_HWCAP)           glibc's value, set by its loader: on
 *                                 x86_64 not the kernel's (see below), on
 *                                 aarch64 the auxiliary vector's
 *   sysconf(_SC_LEVEL1_DCACHE_*)  cache sizes the loader computed (x86_64;
 *                                 aarch64: libc reads the line size from
 *                                 CTR_EL0, glibc 2.36 has no sizes)
 *   memcpy                        an IFUNC, selected from the loader's
 *                                 CPU features
 *   dladdr                        the loader's symbol lookup by address
 *   atexit, destructors           exit() runs handlers, then the loader's
 *                                 finaliser runs the program's destructors
 *   qsort                         a callback into the program
 *
 * Prints only what is the same on every x86_64 machine with glibc 2.34+
 * (expected/services.out), or every aarch64 one under qemu-user
 * (expected/services-aarch64.out: qemu gives no vDSO, so one object less
 * in dl_iterate_phdr): for an address, a time or a machine-dependent
 * size it prints whether it is as it should be, not the value.  Exit 0
 * only if every check passed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <locale.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
        failures++;
    }
}

/* ---- threads: pthread_exit with a value, pthread_cancel in pause() ---- */

static void *exiting_thread(void *arg)
{
    (void)arg;
    pthread_exit((void *)42);
    return NULL;                    /* not reached */
}

static void *pausing_thread(void *arg)
{
    (void)arg;
    /* pause() is a cancellation point: whether the cancel request comes
     * before or during the call, the thread ends here, cancelled. */
    for (;;)
        pause();
    return NULL;
}

static void threads(void)
{
    pthread_t t;
    void *ret = NULL;

    check(pthread_create(&t, NULL, exiting_thread, NULL) == 0,
          "pthread_create");
    check(pthread_join(t, &ret) == 0, "pthread_join");
    printf("pthread_exit value: %ld\n", (long)ret);
    check(ret == (void *)42, "pthread_exit value");

    check(pthread_create(&t, NULL, pausing_thread, NULL) == 0,
          "pthread_create");
    check(pthread_cancel(t) == 0, "pthread_cancel");
    check(pthread_join(t, &ret) == 0, "pthread_join");
    printf("cancelled thread returned PTHREAD_CANCELED: %s\n",
           ret == PTHREAD_CANCELED ? "yes" : "no");
    check(ret == PTHREAD_CANCELED, "PTHREAD_CANCELED");
}

/* ---- backtrace ---- */

/* Global, not static, and noinline: backtrace_symbols() names a frame
 * through dladdr(), which sees .dynsym only, where -rdynamic puts the
 * program's global functions; and it must be a frame of its own. */
int services_backtrace_probe(void);

__attribute__((noinline)) int services_backtrace_probe(void)
{
    void *frames[32];
    int n = backtrace(frames, 32);
    char **names = backtrace_symbols(frames, n);
    int found = 0;

    if (!names)
        return -1;
    for (int i = 0; i < n; i++)
        if (strstr(names[i], "(services_backtrace_probe+"))
            found = 1;
    free(names);
    return found;
}

/* ---- dl_iterate_phdr ---- */

struct phdr_count {
    int objects;
    int libc_seen;
    int libc_tls_data;              /* libc's dlpi_tls_data != NULL */
};

static int count_object(struct dl_phdr_info *info, size_t size, void *data)
{
    struct phdr_count *c = data;

    (void)size;
    c->objects++;
    if (info->dlpi_name && strstr(info->dlpi_name, "/libc.so.6")) {
        c->libc_seen = 1;
        /* libc has TLS (errno...), and the main thread's block exists. */
        c->libc_tls_data = info->dlpi_tls_data != NULL;
    }
    return 0;
}

/* ---- exit ---- */

static void at_exit_handler(void)
{
    printf("atexit handler\n");
}

__attribute__((destructor)) static void services_destructor(void)
{
    printf("destructor\n");
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

#ifdef __aarch64__
/* The value of TYPE in the auxiliary vector the program was started
 * with, which follows the environment's terminating NULL on the stack
 * (in command mode, as the loader rewrote it for the program). */
static unsigned long initial_auxv(char **envp, unsigned long type)
{
    while (*envp)
        envp++;
    for (unsigned long *av = (unsigned long *)(envp + 1); av[0]; av += 2)
        if (av[0] == type)
            return av[1];
    return 0;
}
#endif

int main(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)argv;
    (void)envp;

    threads();

    int bt = services_backtrace_probe();
    printf("backtrace_symbols names services_backtrace_probe: %s\n",
           bt == 1 ? "yes" : "no");
    check(bt == 1, "backtrace_symbols");

    struct phdr_count c = {0};
    dl_iterate_phdr(count_object, &c);
    /* The program, the vDSO, libc.so.6, the loader, and libgcc_s.so.1,
     * which the thread exits above made libc dlopen.  Counted before
     * getpwnam(), which may load NSS modules, depending on the machine's
     * nsswitch.conf. */
    printf("dl_iterate_phdr: %d objects, libc seen: %s, libc's "
           "dlpi_tls_data: %s\n", c.objects, c.libc_seen ? "yes" : "no",
           c.libc_tls_data ? "non-NULL" : "NULL");
    check(c.libc_seen && c.libc_tls_data, "dl_iterate_phdr");

    struct passwd *pw = getpwnam("root");
    printf("getpwnam(\"root\")->pw_dir: %s\n", pw ? pw->pw_dir : "(none)");
    check(pw != NULL, "getpwnam");

    const char *loc = setlocale(LC_ALL, "C.UTF-8");
    printf("setlocale(LC_ALL, \"C.UTF-8\"): %s\n", loc ? "ok" : "failed");
    check(loc != NULL, "setlocale");

    /* Flushed first: the child must not inherit (and print) the buffer. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    int status = 0;
    check(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/waitpid");
    printf("fork: child exited with %d\n",
           WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    struct timespec ts;
    int rc = clock_gettime(CLOCK_MONOTONIC, &ts);
    printf("clock_gettime(CLOCK_MONOTONIC) returned %d\n", rc);
    check(rc == 0, "clock_gettime");
    printf("time() > 0: %s\n", time(NULL) > 0 ? "yes" : "no");

#ifdef __aarch64__
    /* On aarch64 GLRO(dl_hwcap) and GLRO(dl_hwcap2) are the kernel's
     * AT_HWCAP and AT_HWCAP2 (whose bits depend on the CPU, or on qemu's
     * model of one). */
    int hw1 = getauxval(AT_HWCAP) == initial_auxv(envp, AT_HWCAP);
    int hw2 = getauxval(AT_HWCAP2) == initial_auxv(envp, AT_HWCAP2);
    printf("getauxval(AT_HWCAP) is the auxiliary vector's: %s\n",
           hw1 ? "yes" : "no");
    printf("getauxval(AT_HWCAP2) is the auxiliary vector's: %s\n",
           hw2 ? "yes" : "no");
    check(hw1 && hw2, "getauxval(AT_HWCAP*)");
#else
    /* glibc's getauxval(AT_HWCAP) is not the kernel's AT_HWCAP (CPUID
     * bits) but its loader's GLRO(dl_hwcap): HWCAP_X86_64 (2), plus
     * HWCAP_X86_AVX512_1 (4) on Intel CPUs with AVX512BW/DQ/VL.  That bit
     * is masked here, to keep the output the same on every machine; the
     * cpu_features program prints the whole value. */
    unsigned long hwcap = getauxval(AT_HWCAP);
    printf("getauxval(AT_HWCAP) without HWCAP_X86_AVX512_1: %lu\n",
           hwcap & ~4UL);
#endif

    printf("sysconf(_SC_PAGESIZE): %ld\n", sysconf(_SC_PAGESIZE));
#ifdef __aarch64__
    long l1d = sysconf(_SC_LEVEL1_DCACHE_LINESIZE);
    printf("sysconf(_SC_LEVEL1_DCACHE_LINESIZE) > 0: %s\n",
           l1d > 0 ? "yes" : "no");
#else
    long l1d = sysconf(_SC_LEVEL1_DCACHE_SIZE);
    printf("sysconf(_SC_LEVEL1_DCACHE_SIZE) > 0: %s\n", l1d > 0 ? "yes" : "no");
#endif

    /* Large enough for memcpy's non-temporal or "rep movsb" paths, whose
     * thresholds come from the loader's cache information. */
    enum { SIZE = 100 * 1024 };
    unsigned char *src = malloc(SIZE), *dst = malloc(SIZE + 1);
    for (int i = 0; i < SIZE; i++)
        src[i] = (unsigned char)(i * 131 + 7);
    dst[SIZE] = 0xa5;
    memcpy(dst, src, SIZE);
    int same = memcmp(dst, src, SIZE) == 0 && dst[SIZE] == 0xa5;
    printf("memcpy of 100 KiB: %s\n", same ? "ok" : "WRONG");
    check(same, "memcpy");
    free(src);
    free(dst);

    Dl_info info;
    int ok = dladdr((void *)main, &info);
    printf("dladdr(main): %s, dli_sname %s\n", ok ? "ok" : "failed",
           ok && info.dli_sname ? info.dli_sname : "(null)");
    check(ok && info.dli_sname && strcmp(info.dli_sname, "main") == 0,
          "dladdr");

    int numbers[] = {42, -7, 19, 0, 1000, 3, 3, -100, 8};
    size_t n = sizeof numbers / sizeof numbers[0];
    qsort(numbers, n, sizeof numbers[0], compare_ints);
    printf("qsort:");
    for (size_t i = 0; i < n; i++)
        printf(" %d", numbers[i]);
    printf("\n");

    /* exit() runs this handler first, then the loader's finaliser runs
     * the destructor: the handler was registered after it. */
    atexit(at_exit_handler);
    printf("%s\n", failures ? "FAILED" : "services ok");
    return failures ? 1 : 0;
}
