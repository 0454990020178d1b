// SPDX-License-Identifier: MIT
// libchurn.so: a C++ library with a constructor, a destructor and an
// exception of its own, loaded and unloaded in a loop by churn_cxx (its
// DT_NEEDED libplain.so and libglob{1,2,6}.so come and go with it: five
// objects freed and allocated again each cycle).
#include <cstdio>
#include <stdexcept>
#include <string>

extern "C" int plain_value(void);
extern "C" int glob_1_value(void);
extern "C" int glob_2_value(void);
extern "C" int glob_6_value(void);

static char greeting[64];

// Runs after libplain.so's constructor (dependencies first).
__attribute__((constructor)) static void churn_init()
{
    std::snprintf(greeting, sizeof(greeting),
                  "churn library loaded, plain value %d",
                  plain_value() + glob_1_value() + glob_2_value() +
                      glob_6_value() - 90);
}

extern "C" int churn_check()
{
    try {
        throw std::logic_error(greeting);
    } catch (const std::logic_error &e) {
        return std::string(e.what()) == "churn library loaded, plain value 42";
    }
}
