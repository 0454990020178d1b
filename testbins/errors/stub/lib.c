/* SPDX-License-Identifier: MIT */
/*
 * errors: link-time-only stand-ins, giving the programs DT_NEEDED entries,
 * symbol references and version requirements the run-time libraries (or
 * the lack of them) will not satisfy.
 */
#if defined(LIB_missing)
void missing_lib_fn(void)
{
}
#elif defined(LIB_undef)
void missing_one(void)
{
}

void missing_two(void)
{
}

int undef_other(void)
{
	return 0;
}
#elif defined(LIB_vneg)
int vfoo(void)
{
	return 1;
}

int vbaz(void)
{
	return 2;
}

int vbar(void)
{
	return 3;
}

int vnew(void)
{
	return 4;
}
#endif
