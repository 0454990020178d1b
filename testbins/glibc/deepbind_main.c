/* SPDX-License-Identifier: MIT */
/* RTLD_DEEPBIND (issue 17 item 3).  The program defines who(), exported
 * (-rdynamic), and so do two builds of one library, libdbroot_a.so and
 * libdbroot_b.so; each root needs a dependency of its own (libdbdep_a.so,
 * libdbdep_b.so) that calls who() without defining it.  argv[1] is their
 * directory.
 *
 * Root a is opened with RTLD_DEEPBIND: its references, and those of the
 * dependency that dlopen brought in, look in its own local scope (root
 * and dependency) before the global one, so they reach the library's
 * who().  Root b is opened without it: the global scope, where the
 * program comes first, answers.  Each is asked four ways: a lazy PLT
 * call (RTLD_LAZY), an address taken through the GOT (a relocation at
 * dlopen), the dependency's call, and dlsym(RTLD_DEFAULT) from the
 * library's own code (the caller's scope).  Exit 0 only if every answer
 * is the expected one. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) const char *who(void)
{
    return "program";
}

typedef const char *(*ask_fn)(void);

static int round_of(const char *dir, const char *side, int mode,
                    const char *label, const char *want)
{
    char path[4096];
    static const char *const asks[] = { "root_calls", "root_address",
                                        "dep_calls", "root_default" };
    int ok = 1;

    snprintf(path, sizeof(path), "%s/libdbroot_%s.so", dir, side);
    void *h = dlopen(path, mode);
    if (!h) {
        printf("%s: dlopen: %s\n", label, dlerror());
        return 0;
    }
    for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
        ask_fn f = (ask_fn)dlsym(h, asks[i]);
        const char *got = f ? f() : "(not found)";

        printf("%s: %s -> %s\n", label, asks[i], got);
        ok &= strcmp(got, want) == 0;
    }
    return ok;
}

int main(int argc, char **argv)
{
    int ok;

    if (argc < 2)
        return 2;
    ok = round_of(argv[1], "a", RTLD_LAZY | RTLD_DEEPBIND, "deepbind",
                  "library");
    ok &= round_of(argv[1], "b", RTLD_LAZY, "plain", "program");
    printf("program: who -> %s\n", who());
    ok &= strcmp(who(), "program") == 0;
    printf("%s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
