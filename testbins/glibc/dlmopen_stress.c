/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlmopen_stress.c - namespaces made and freed from
 * several threads at once.  Each thread, ROUNDS times: dlmopen
 * (LM_ID_NEWLM) of libdmplain.so, which must land in a fresh namespace
 * (its counter starts at 1, its id is a valid one), dlopen of the same
 * file from the base namespace too (one shared copy there), then
 * dlclose of both.  At most THREADS + 1 namespaces are in use at once,
 * far below the limit of 16.  The output is counts only, the same
 * whatever the interleaving; no timing is asserted.
 *
 *     dlmopen_stress DIR      (DIR: where libdmplain.so is)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 100

static char path[4096];

struct result {
	int opened, fresh, valid_id, base_ok, closed;
	char error[512];
};

static void note_error(struct result *r, const char *what)
{
	if (!r->error[0]) {
		const char *e = dlerror();
		snprintf(r->error, sizeof(r->error), "%s: %s", what,
			 e ? e : "(no message)");
	}
}

static void *worker(void *arg)
{
	struct result *r = arg;

	for (int i = 0; i < ROUNDS; i++) {
		void *h = dlmopen(LM_ID_NEWLM, path, RTLD_NOW);
		if (!h) {
			note_error(r, "dlmopen");
			continue;
		}
		r->opened++;
		int (*bump)(void) = (int (*)(void))dlsym(h, "plain_bump");
		if (bump && bump() == 1)
			r->fresh++;
		Lmid_t id = -1;
		if (dlinfo(h, RTLD_DI_LMID, &id) == 0 && id > 0 && id < 16)
			r->valid_id++;
		void *b = dlopen(path, RTLD_NOW);
		if (b && b != h && dlsym(b, "plain_bump") != (void *)bump)
			r->base_ok++;
		if (b)
			dlclose(b);
		if (dlclose(h) == 0)
			r->closed++;
		else
			note_error(r, "dlclose");
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[THREADS];
	struct result r[THREADS];

	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/libdmplain.so", argv[1]);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, &r[i]) != 0)
			return 3;
	struct result sum = { 0 };
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		sum.opened += r[i].opened;
		sum.fresh += r[i].fresh;
		sum.valid_id += r[i].valid_id;
		sum.base_ok += r[i].base_ok;
		sum.closed += r[i].closed;
		if (r[i].error[0])
			printf("thread %d: %s\n", i, r[i].error);
	}
	printf("threads %d, rounds %d\n", THREADS, ROUNDS);
	printf("opened %d, in a fresh namespace %d, with a valid id %d, "
	       "base copy apart %d, closed %d\n", sum.opened, sum.fresh,
	       sum.valid_id, sum.base_ok, sum.closed);
	/* Every namespace is free again: the lowest id comes back. */
	void *h = dlmopen(LM_ID_NEWLM, path, RTLD_NOW);
	Lmid_t id = -1;
	if (h)
		dlinfo(h, RTLD_DI_LMID, &id);
	printf("afterwards a new namespace gets id %ld\n", (long)id);
	return 0;
}
