// SPDX-License-Identifier: MIT
// Built as libuniq_bad.so (-DUNIQ_BAD), libuniq_good.so and
// libuniq_good2.so.  Each has its own copy of shared_counter()'s static
// local, which g++ marks STB_GNU_UNIQUE: the loader must bind them all to
// one instance.  libuniq_bad.so also calls a function nothing defines, so
// dlopen(RTLD_NOW) of it fails, after its reference to the static local
// (a GLOB_DAT in .rela.dyn, processed before the .rela.plt JUMP_SLOT of
// the missing function) was bound.
inline int &shared_counter()
{
    static int n;
    return n;
}

#ifdef UNIQ_BAD
extern "C" void lt_function_nobody_defines();

extern "C" int *UNIQ_ENTRY()
{
    lt_function_nobody_defines();
    return &shared_counter();
}
#else
extern "C" int *UNIQ_ENTRY()
{
    return &shared_counter();
}
#endif
