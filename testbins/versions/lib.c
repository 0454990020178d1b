/* SPDX-License-Identifier: MIT */
/*
 * versions: vfoo exists twice, as vfoo@V1 (old, hidden from new links) and
 * vfoo@@V2 (the default that new links bind to).  ver.map declares V1 and
 * V2 (V2 inherits V1) and keeps everything else local.
 */
__asm__(".symver vfoo_v1, vfoo@V1");
__asm__(".symver vfoo_v2, vfoo@@V2");

int vfoo_v1(void)
{
	return 1;
}

int vfoo_v2(void)
{
	return 2;
}

/* Unversioned at the source, V2 by ver.map. */
int vbar(void)
{
	return 20;
}
