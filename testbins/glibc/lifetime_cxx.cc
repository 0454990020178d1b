// SPDX-License-Identifier: MIT
// C++ libraries for lifetime_main.
//
// LT_UNIQUE_BAD / LT_UNIQUE_GOOD: both use the static local of an inline
// function (an STB_GNU_UNIQUE symbol); the bad one also calls a function
// no object defines, so dlopen(RTLD_NOW) of it fails after its unique
// symbol was met.
//
// LT_DTOR: gives the calling thread a thread_local object whose
// destructor is code in this library, and registers an atexit handler
// and a finaliser, to show when they run relative to dlclose.
#include <unistd.h>
#include <string.h>
#include <stdlib.h>

[[maybe_unused]] static void say(const char *s)
{
	if (write(1, s, strlen(s)) < 0)
		_exit(3);
}

#if defined(LT_UNIQUE_BAD) || defined(LT_UNIQUE_GOOD)
inline int &lt_shared_counter()
{
	static int n = 0;
	return n;
}

#ifdef LT_UNIQUE_BAD
extern "C" int lt_no_such_function(void);
extern "C" int lt_bad_entry(void)
{
	return ++lt_shared_counter() + lt_no_such_function();
}
#else
extern "C" int lt_good_entry(void)
{
	return ++lt_shared_counter();
}
#endif
#endif

#ifdef LT_DTOR
struct Tracked {
	int live = 1;
	~Tracked() { say("thread_local destructor ran\n"); }
};

static thread_local Tracked tracked;

static void lib_atexit(void)
{
	say("library atexit handler ran\n");
}

__attribute__((destructor)) static void lib_fini(void)
{
	say("library finaliser ran\n");
}

extern "C" int lt_touch(void)
{
	static int registered;
	if (!registered++)
		atexit(lib_atexit);
	return tracked.live;
}
#endif
