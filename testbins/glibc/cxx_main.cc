// SPDX-License-Identifier: MIT
// Catches, in the program, C++ exceptions thrown in libcxxthrow.so:
// a standard one (std::runtime_error, typeinfo from libstdc++), a custom
// one (LibError, typeinfo from libcxxthrow.so), one caught through its
// base class, and one the program throws from a callback the library
// calls (unwinding through the library's frames).  Prints what() of
// each.  Exit 0 only if every exception was caught where expected.
#include "cxx_lib.h"

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

    std::cout << (failures ? "FAILED" : "exceptions ok") << std::endl;
    return failures ? 1 : 0;
}
