/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_loop.c.  libdl_lp1.so needs libdl_lp2.so;
 * both report their constructor and destructor to the program
 * (loop_note, exported by it), which counts them.  libdl_lp2.so also has
 * a dynamic TLS block (GD, too big for the static surplus), so every
 * round allocates and frees one.
 */
void loop_note(int what);

#if defined(LIB_lp1)
int lp2_value(void);
int lp1_value(void)
{
	return lp2_value() + 1;
}
#elif defined(LIB_lp2)
__thread long lp2_tls = 41;
__thread char lp2_big[4096];
int lp2_value(void)
{
	lp2_big[4095] = 1;
	return (int)lp2_tls;
}
#endif

__attribute__((constructor)) static void init(void)
{
	loop_note(1);
}

__attribute__((destructor)) static void fini(void)
{
	loop_note(-1);
}
