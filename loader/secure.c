/* SPDX-License-Identifier: MIT */
/*
 * loader/secure.c - see secure.h.
 */
#include "lib.h"
#include "secure.h"

int secure_ignores_variable(const char *var)
{
	/*
	 * Search paths, debugging and its output file, the auxv dump:
	 * each would let the invoking user choose code or files for the
	 * privileged program.  LD_PRELOAD is not here: it is filtered
	 * element by element instead.
	 */
	static const char ignored[][20] = {	/* arrays: no relocations */
		"LD_LIBRARY_PATH=", "LD_DEBUG=", "LD_DEBUG_OUTPUT=",
		"LD_SHOW_AUXV=", "LD_PROFILE=", "LD_PROFILE_OUTPUT=",
		"LD_ORIGIN_PATH=",
	};

	for (size_t i = 0; i < ARRAY_SIZE(ignored); i++)
		if (str_skip_prefix(var, ignored[i]))
			return 1;
	return 0;
}

int secure_preload_allowed(const char *name)
{
	return *name && !strchr(name, '/');
}
