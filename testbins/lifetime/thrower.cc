// SPDX-License-Identifier: MIT
// libthrower.so: throws a C++ exception through DEPTH frames of its own
// and catches it, N times.  churn_cxx's exception threads dlopen it for a
// batch of throws and dlclose it after, so that it lands in the object
// list after the objects the churn thread is loading and unloading: the
// unwinder's look-up of each frame (_dl_find_object) then walks past
// objects that are going away.
#include <stdexcept>

namespace {

struct Thrown {
    int depth;
};

__attribute__((noinline)) int dive(int depth)
{
    if (depth == 0)
        throw Thrown{7};
    int r = dive(depth - 1);
    __asm__ volatile("" : "+r"(r));   // not a tail call: one frame each
    return r + 1;
}

}  // namespace

extern "C" int thrower_run(int depth, int n)
{
    int caught = 0;
    for (int i = 0; i < n; i++) {
        try {
            dive(depth);
        } catch (const Thrown &t) {
            caught += t.depth == 7;
        }
    }
    return caught;
}

// A std::runtime_error thrown here and caught in the program: the
// unwinder crosses from this object into the program.
extern "C" void thrower_raise(int code)
{
    throw std::runtime_error(code == 1 ? "one" : "other");
}
