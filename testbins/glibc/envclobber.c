/* SPDX-License-Identifier: MIT */
/*
 * The env case's program that writes over its initial stack's strings
 * before a dlopen, as setproctitle does (daemons overwrite argv and the
 * environment to show a title in ps): the loader must have kept its own
 * copy of LD_LIBRARY_PATH, as glibc's does, so that the dlopen still
 * searches the directories the program started with.  Prints which
 * libenvlib.so the dlopen found.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    for (char **e = environ; *e; e++)
        memset(*e, 'x', strlen(*e));
    for (int i = 0; i < argc; i++)
        memset(argv[i], 'y', strlen(argv[i]));

    void *h = dlopen("libenvlib.so", RTLD_NOW);
    const char *(*name)(void) = h ? (const char *(*)(void))dlsym(
                                        h, "envlib_name")
                                  : NULL;

    printf("dlopen after the strings were overwritten: %s\n",
           name ? name() : "not found");
    return 0;
}
