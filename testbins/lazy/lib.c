/* SPDX-License-Identifier: MIT */
/*
 * lazy: liblazy_dep.so.  The stub/ build (-DSTUB), used only at link time,
 * also has never_called and missing_lazy; the run-time build does not.
 */
#if defined(STUB)
void never_called(void)
{
}

int missing_lazy(void)
{
	return 0;
}
#endif

int lazy_present(int x)
{
	return x + 1;
}
