/* SPDX-License-Identifier: MIT */
/*
 * needed_bfs: one source for the four libraries, selected by -DLIB_x.
 *
 *   program -> bfs_a, bfs_b      bfs_a -> bfs_c
 *   bfs_b -> bfs_c, bfs_d        (bfs_c is shared: a diamond)
 *
 * Breadth-first load order: bfs_a, bfs_b, bfs_c, bfs_d.  which() is
 * defined in bfs_b, bfs_c and bfs_d: breadth-first lookup finds bfs_b's,
 * a depth-first one would find bfs_c's (bfs_a's dependency).
 *
 * Every DT_NEEDED edge is backed by a symbol reference (the *_uses
 * functions, never called): Debian's gcc links with --as-needed, which
 * drops a DT_NEEDED nothing references, and Meson puts our link_args
 * after the libraries, too late for a -Wl,--no-as-needed.
 */
#include "rt.h"

const char *which(void);
void bfs_c_touch(void);
void bfs_d_touch(void);

#if defined(LIB_a)
#define NAME "bfs_a"
/* bfs_a defines no which(); its call goes through the global scope. */
const char *bfs_a_calls_which(void)
{
	return which();
}

void bfs_a_uses(void)
{
	bfs_c_touch();
}
#elif defined(LIB_b)
#define NAME "bfs_b"
#define DEFINES_WHICH
void bfs_b_uses(void)
{
	bfs_c_touch();
	bfs_d_touch();
}
#elif defined(LIB_c)
#define NAME "bfs_c"
#define DEFINES_WHICH
void bfs_c_touch(void)
{
}
#elif defined(LIB_d)
#define NAME "bfs_d"
#define DEFINES_WHICH
void bfs_d_touch(void)
{
}
#endif

#ifdef DEFINES_WHICH
const char *which(void)
{
	return NAME;
}
#endif

/* Constructors get (argc, argv, envp) from the loader, like the psABI says. */
__attribute__((constructor)) static void init(int argc, char **argv,
					      char **envp)
{
	(void)argv, (void)envp;
	rt_print("init " NAME ", argc ");
	rt_print_dec(argc);
	rt_puts("");
}
