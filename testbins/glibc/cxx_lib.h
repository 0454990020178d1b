// SPDX-License-Identifier: MIT
// The interface of libcxxthrow.so (see cxx_lib.cc).
#pragma once
#include <exception>
#include <string>

// A custom exception class.  Its virtual what() is defined out of line in
// the library (its key function), so its vtable and typeinfo live in the
// library only: main's catch clause matches against the library's
// typeinfo, bound across the boundary.
class LibError : public std::exception {
public:
    LibError(int code, std::string msg);
    ~LibError() override;
    const char *what() const noexcept override;
    int code() const { return code_; }
private:
    int code_;
    std::string msg_;
};

// Throws std::runtime_error carrying N.
void lib_throw_runtime(int n);
// Throws LibError(code).
void lib_throw_custom(int code);
// Calls fn(x) from inside the library; an exception thrown by fn (in the
// program) unwinds through the library's frames back to the program.
int lib_call_through(int (*fn)(int), int x);
// Throws, catches and rethrows inside the library; returns how many
// exceptions it caught itself.
int lib_catch_inside();
