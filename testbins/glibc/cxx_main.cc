// SPDX-License-Identifier: MIT
// Catches, in the program, C++ exceptions thrown in libcxxthrow.so:
// a standard one (std::runtime_error, typeinfo from libstdc++), a custom
// one (LibError, typeinfo from libcxxthrow.so), one caught through its
// base class, and one the program throws from a callback the library
// calls (unwinding through the library's frames).  Prints what() of
// each.  Then STB_GNU_UNIQUE (cxx_unique.cc): two libraries dlopened
// RTLD_LOCAL share the one instance of an inline function's static
// local, dlsym on the second finds the first's, and the first, whose
// instance it is, stays loaded after dlclose.  Exit 0 only if every
// check passed.
#include "cxx_lib.h"

#include <dlfcn.h>
#include <iostream>
#include <stdexcept>

static int throw_from_program(int x)
{
    if (x > 0)
        throw std::out_of_range("out_of_range from the program, x=" +
                                std::to_string(x));
    return x;
}

int main()
{
    int failures = 0;

    try {
        lib_throw_runtime(7);
        failures++;
    } catch (const std::runtime_error &e) {
        std::cout << "caught std::runtime_error: " << e.what() << '\n';
    }

    try {
        lib_throw_custom(42);
        failures++;
    } catch (const LibError &e) {
        std::cout << "caught LibError (code " << e.code()
                  << "): " << e.what() << '\n';
    }

    try {
        lib_throw_custom(43);
        failures++;
    } catch (const std::exception &e) {
        std::cout << "caught via std::exception: " << e.what() << '\n';
    }

    try {
        lib_call_through(throw_from_program, 5);
        failures++;
    } catch (const std::out_of_range &e) {
        std::cout << "caught through the library: " << e.what() << '\n';
    }
    std::cout << "lib_call_through(.., 0) = "
              << lib_call_through(throw_from_program, 0) << '\n';

    int inside = lib_catch_inside();
    std::cout << "caught inside the library: " << inside << '\n';
    if (inside != 3)
        failures++;

    // Found next to the program, through its RUNPATH $ORIGIN.
    void *a = dlopen("libcxxunique_a.so", RTLD_NOW | RTLD_LOCAL);
    void *b = dlopen("libcxxunique_b.so", RTLD_NOW | RTLD_LOCAL);
    if (!a || !b) {
        std::cout << "dlopen failed: " << dlerror() << '\n';
        return 1;
    }
    auto entry_a = reinterpret_cast<int *(*)()>(dlsym(a, "unique_a"));
    auto entry_b = reinterpret_cast<int *(*)()>(dlsym(b, "unique_b"));
    bool shared = entry_a && entry_b && entry_a() == entry_b();
    std::cout << "one instance for both libraries: "
              << (shared ? "yes" : "no") << '\n';
    bool found = entry_a && dlsym(b, "_ZZ14unique_countervE1n") ==
                            static_cast<void *>(entry_a());
    std::cout << "dlsym on the second finds the first's: "
              << (found ? "yes" : "no") << '\n';
    dlclose(a);
    bool stays = dlopen("libcxxunique_a.so", RTLD_NOW | RTLD_NOLOAD);
    std::cout << "the first stays loaded after dlclose: "
              << (stays ? "yes" : "no") << '\n';
    failures += !shared + !found + !stays;

    std::cout << (failures ? "FAILED" : "exceptions ok") << std::endl;
    return failures ? 1 : 0;
}
