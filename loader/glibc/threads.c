/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/threads.c - glibc's thread descriptors (struct pthread):
 * the main thread's, which glibc's loader fills before libc runs; the
 * static TLS of every thread; the loader lock, which is libc's
 * GL(dl_load_lock); and the functions libc's pthread_create and
 * pthread_exit import from the loader.
 */
#include "glibc-arch.h"
#include "glibc-internal.h"
#include "glibc-tunables.h"
#include "lib.h"
#include "lock.h"
#include "sys.h"
#include "tls.h"

/* The rseq registration libc expects (Linux ABI and glibc's values; the
 * signature is the CPU's, glibc_arch_rseq_signature). */
#define RSEQ_AREA_SIZE_INITIAL 32
#define RSEQ_AREA_SIZE_INITIAL_USED 20
#define RSEQ_CPU_ID_REGISTRATION_FAILED (-2)

struct list_head {
	struct list_head *next, *prev;
};

static void list_init(struct list_head *h)
{
	h->next = h->prev = h;
}

static void list_add(struct list_head *item, struct list_head *head)
{
	item->next = head->next;
	item->prev = head;
	head->next->prev = item;
	head->next = item;
}

void glibc_init_main_thread(const struct libc_compat_startup *s)
{
	char *tp = arch_get_tp();
	char *pd = glibc_arch_thread_self(tp);
	const unsigned char *random = (const void *)s->at[AT_RANDOM];
	uint64_t stack_guard = 0, pointer_guard = 0;

	/* Both guards from AT_RANDOM, as glibc's loader derives them: the
	 * stack guard's low byte zero, so string overflows stop at it. */
	if (random) {
		memcpy(&stack_guard, random, sizeof(stack_guard));
		memcpy(&pointer_guard, random + 8, sizeof(pointer_guard));
	}
	glibc_arch_set_guards(tp, stack_guard & ~(uint64_t)0xff, pointer_guard);

	/* set_tid_address: the kernel clears tid when the thread exits. */
	FIELD(pd, GLIBC_PD_TID, int) = (int)sys_call(
		__NR_set_tid_address, (long)(pd + GLIBC_PD_TID), 0, 0, 0, 0, 0);

	/* An empty robust-mutex list, registered with the kernel. */
	char *robust = pd + GLIBC_PD_ROBUST_HEAD;
	FIELD(pd, GLIBC_PD_ROBUST_PREV, void *) = robust;
	FIELD(robust, 0, void *) = robust;
	FIELD(pd, GLIBC_PD_ROBUST_HEAD_FUTEX_OFFSET, long) =
		GLIBC_ROBUST_FUTEX_OFFSET;
	sys_call(__NR_set_robust_list, (long)robust, GLIBC_SIZEOF_ROBUST_HEAD,
		 0, 0, 0, 0);

	FIELD(pd, GLIBC_PD_SPECIFIC, void *) = pd + GLIBC_PD_SPECIFIC_1STBLOCK;
	FIELD(pd, GLIBC_PD_USER_STACK, _Bool) = 1;
	FIELD(pd, GLIBC_PD_REPORT_EVENTS, _Bool) = __nptl_initial_report_events;
	FIELD(pd, GLIBC_PD_STACKBLOCK_SIZE, size_t) = (size_t)__libc_stack_end;

	/* The lists of thread stacks, with the main thread on the list of
	 * stacks the user (here: the kernel) provided. */
	list_init(&GL(GLIBC_GL_STACK_USED, struct list_head));
	list_init(&GL(GLIBC_GL_STACK_USER, struct list_head));
	list_init(&GL(GLIBC_GL_STACK_CACHE, struct list_head));
	list_add(&FIELD(pd, GLIBC_PD_LIST, struct list_head),
		 &GL(GLIBC_GL_STACK_USER, struct list_head));

	/* Restartable sequences, registered as glibc does unless the
	 * tunable glibc.pthread.rseq says not to; libc reads __rseq_size to
	 * know whether it worked. */
	int64_t want_rseq = 1;
	glibc_tunable_int(GLIBC_TUNABLE_ID_PTHREAD_RSEQ, &want_rseq);
	long r = want_rseq ? sys_call(__NR_rseq,
				      (long)(pd + GLIBC_PD_RSEQ_AREA),
				      RSEQ_AREA_SIZE_INITIAL, 0,
				      glibc_arch_rseq_signature(), 0, 0)
			   : -ENOSYS;
	if (SYS_FAILED(r))
		FIELD(pd, GLIBC_PD_RSEQ_CPU_ID, int) =
			RSEQ_CPU_ID_REGISTRATION_FAILED;
	else
		__rseq_size = RSEQ_AREA_SIZE_INITIAL_USED;
	__rseq_offset = (pd + GLIBC_PD_RSEQ_AREA) - tp;
}

/*
 * libc's low-level lock (0 free, 1 taken, 2 taken with waiters), which
 * guards its lists of thread stacks.
 */
static void lll_lock(int *word)
{
	int expected = 0;

	if (__atomic_compare_exchange_n(word, &expected, 1, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0)
		sys_call(__NR_futex, (long)word, 128 /* WAIT_PRIVATE */, 2, 0,
			 0, 0);
}

static void lll_unlock(int *word)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		sys_call(__NR_futex, (long)word, 129 /* WAKE_PRIVATE */, 1, 0,
			 0, 0);
}

/*
 * A library dlopen put in the static TLS surplus has a block in every
 * thread's static area, at the same offset from each thread pointer.
 * tls.c initialised the calling thread's; the others are on libc's
 * lists of thread stacks (their descriptor is their thread pointer).
 */
void glibc_init_static_tls_everywhere(const struct dso *d)
{
	static const int lists[] = { GLIBC_GL_STACK_USED, GLIBC_GL_STACK_USER };
	int *lock = &GL(GLIBC_GL_STACK_CACHE_LOCK, int);
	char *self = glibc_arch_thread_self(arch_get_tp());

	lll_lock(lock);
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		struct list_head *head = &GL(lists[i], struct list_head);

		for (struct list_head *e = head->next; e != head; e = e->next) {
			char *pd = (char *)e - GLIBC_PD_LIST;

			if (pd != self)
				tls_init_static_block(
					glibc_arch_thread_pointer(pd), d);
		}
	}
	lll_unlock(lock);
}

/* lock.c's layout of the mutex is glibc's. */
_Static_assert(GLIBC_MUTEX_LOCK == 0 && GLIBC_MUTEX_COUNT == 4 &&
		       GLIBC_MUTEX_OWNER == 8 && GLIBC_MUTEX_NUSERS == 12 &&
		       GLIBC_MUTEX_KIND == 16,
	       "glibc's pthread_mutex_t is not laid out as lock.c expects");

/*
 * myld's lock becomes GL(dl_load_lock): libc takes it where it must keep
 * the loader out, and its fork re-initialises it in the child, so the
 * child of a program whose other thread was in dlopen starts with the
 * lock free.  The protocol is libc's own (lock.c), with the owner's tid
 * read from its descriptor, which glibc_init_main_thread has filled.
 */
/*
 * A fork while another thread is inside the loader (dlopen, dlclose, a
 * lazy bind) would give the child that thread's half-made changes: libc
 * frees GL(dl_load_lock) in the child, which then finds a half-loaded
 * object by its name, or lists and tables in mid-update.  So the forking
 * thread takes the lock in a handler libc runs before the fork, and
 * gives it back in the parent; in the child libc's reset frees it.  The
 * child starts between two loader operations.  libc runs these handlers
 * before it takes its own locks (the stdio list, malloc's arenas), so
 * the loader lock still comes first.
 */
static void lock_for_fork(void)
{
	loader_lock();
}

static void unlock_after_fork(void)
{
	loader_unlock();
}

void glibc_hold_lock_across_fork(uintptr_t register_atfork)
{
	int (*reg)(void (*)(void), void (*)(void), void (*)(void), void *) =
		(int (*)(void (*)(void), void (*)(void), void (*)(void),
			 void *))register_atfork;

	if (reg)
		reg(lock_for_fork, unlock_after_fork, NULL, NULL);
}

void glibc_adopt_load_lock(void)
{
	char *tp = arch_get_tp();
	char *pd = glibc_arch_thread_self(tp);

	loader_lock_adopt(_rtld_global + GLIBC_GL_LOAD_LOCK,
			  (long)((pd + GLIBC_PD_TID) - tp));
}

/* ------------------------------------------------------------------ */
/* Functions libc's threads import from glibc's ld.so                 */

EXPORT void *_dl_allocate_tls(void *tcb)
{
	if (!tcb) {
		/* Not used by libc, which always brings its descriptor. */
		return NULL;
	}
	return tls_init_thread(tcb);
}

EXPORT void *_dl_allocate_tls_init(void *tcb, _Bool init_tls)
{
	(void)init_tls;
	tls_reinit_thread(tcb);
	return tcb;
}

EXPORT void _dl_deallocate_tls(void *tcb, _Bool dealloc_tcb)
{
	(void)dealloc_tcb;	/* never asked by libc: tcb is its memory */
	tls_free_thread(tcb);
}

EXPORT void _dl_get_tls_static_info(size_t *size, size_t *align)
{
	tls_static_info(size, align);
}

/* A thread stack must be executable (some object asked for it). */
EXPORT int __nptl_change_stack_perm(void *pd)
{
	char *stack = FIELD(pd, GLIBC_PD_STACKBLOCK, char *);
	size_t guard = FIELD(pd, GLIBC_PD_GUARDSIZE, size_t);
	size_t size = FIELD(pd, GLIBC_PD_STACKBLOCK_SIZE, size_t);
	long r = sys_mprotect(stack + guard, size - guard,
			      PROT_READ | PROT_WRITE | PROT_EXEC);

	return SYS_FAILED(r) ? (int)-r : 0;
}

