// SPDX-License-Identifier: MIT
// libchurn.so: a C++ library with a constructor, a destructor and an
// exception of its own, loaded and unloaded in a loop by churn_cxx (its
// DT_NEEDED libplain.so comes and goes with it).
#include <cstdio>
#include <stdexcept>
#include <string>

extern "C" int plain_value(void);

static char greeting[64];

// Runs after libplain.so's constructor (dependencies first).
__attribute__((constructor)) static void churn_init()
{
    std::snprintf(greeting, sizeof(greeting),
                  "churn library loaded, plain value %d", plain_value());
}

extern "C" int churn_check()
{
    try {
        throw std::logic_error(greeting);
    } catch (const std::logic_error &e) {
        return std::string(e.what()) == "churn library loaded, plain value 42";
    }
}
