// SPDX-License-Identifier: MIT
// Built twice, as libcxxunique_a.so and libcxxunique_b.so (UNIQUE_ENTRY
// names the entry point).  Each has its own copy of unique_counter()'s
// static local, which g++ marks STB_GNU_UNIQUE: C++ wants one instance
// per program, so the loader binds both libraries to the first copy it
// meets, even when they are dlopened RTLD_LOCAL and cannot see each
// other's symbols.  cxx_main.cc checks it.
inline int &unique_counter()
{
    static int n;
    return n;
}

extern "C" int *UNIQUE_ENTRY()
{
    return &unique_counter();
}
