/* SPDX-License-Identifier: MIT */
/* The program of the env case: linked with libenvlib.so but without a
 * RUNPATH, so it runs only if LD_LIBRARY_PATH (or the loader's
 * --library-path) names a directory holding a libenvlib.so.  Two are
 * built, one in the build directory and one in envalt/, which print
 * different names: the output says which one the search found.  It also
 * says whose env_whoami() the program and the library got: libenvpre.so
 * defines one too, and interposes on libenvlib.so's when it is
 * preloaded. */
#include <stdio.h>

#include "envlib.h"

int main(void)
{
    printf("envlib_name(): %s\n", envlib_name());
    printf("env_whoami() from the program: %s\n", env_whoami());
    printf("env_whoami() from libenvlib: %s\n", envlib_report());
    return 0;
}
