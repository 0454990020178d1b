// SPDX-License-Identifier: MIT
// libcxxthrow.so: throws C++ exceptions that the program (cxx_main.cc)
// catches across the shared-library boundary.  Unwinding needs the
// unwinder (libgcc_s) to find each frame's object and its
// .eh_frame_hdr, which glibc 2.35+ asks the loader for through
// _dl_find_object (and dl_iterate_phdr).
#include "cxx_lib.h"

#include <stdexcept>

LibError::LibError(int code, std::string msg)
    : code_(code), msg_(std::move(msg)) {}

LibError::~LibError() = default;

const char *LibError::what() const noexcept
{
    return msg_.c_str();
}

void lib_throw_runtime(int n)
{
    throw std::runtime_error("runtime_error from libcxxthrow, n=" +
                             std::to_string(n));
}

void lib_throw_custom(int code)
{
    throw LibError(code, "LibError from libcxxthrow, code=" +
                             std::to_string(code));
}

int lib_call_through(int (*fn)(int), int x)
{
    // A local with a destructor: the unwinder must run this frame's
    // cleanup on its way through.
    std::string keep = "frame in libcxxthrow";
    return fn(x) + static_cast<int>(keep.size());
}

int lib_catch_inside()
{
    int caught = 0;
    try {
        lib_throw_custom(1);
    } catch (const LibError &) {
        caught++;
    }
    try {
        try {
            lib_throw_runtime(2);
        } catch (...) {
            caught++;
            throw;
        }
    } catch (const std::runtime_error &) {
        caught++;
    }
    return caught;
}
