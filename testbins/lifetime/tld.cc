// SPDX-License-Identifier: MIT
// libtld.so and libtld2.so (TLD_NAME): a C++ thread_local object with a destructor, an atexit
// handler registered by the constructor, and a destructor of the library.
// Each says when it runs, on stdout (line-buffered by the program).
#include <cstdio>
#include <cstdlib>

namespace {

struct PerThread {
    int value = 5;
    ~PerThread() { std::printf(TLD_NAME ": thread_local destructor runs "
                               "(value %d)\n", value); }
};

thread_local PerThread per_thread;

void at_exit_handler()
{
    std::printf(TLD_NAME ": atexit handler runs\n");
}

__attribute__((constructor)) void tld_init()
{
    std::atexit(at_exit_handler);
}

__attribute__((destructor)) void tld_fini()
{
    std::printf(TLD_NAME ": library destructor runs\n");
}

}  // namespace

// Creates this thread's object (registering its destructor with libc).
extern "C" int tld_touch()
{
    return per_thread.value;
}
