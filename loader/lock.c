/* SPDX-License-Identifier: MIT */
/*
 * loader/lock.c - the loader lock.  See lock.h, and objects.c for what
 * it protects.
 *
 * The protocol is glibc's for a recursive pthread mutex, so that in a
 * glibc program the lock can be glibc's own GL(dl_load_lock) (lock.h,
 * loader_lock_adopt) and libc's pthread_mutex_lock and myld's code
 * exclude each other on the same memory:
 *   - word: 0 free, 1 taken, 2 taken and perhaps waited for; taken with
 *     a compare-and-swap from 0 to 1, waited for by swapping in 2 and
 *     sleeping on the futex while it stays 2; released by swapping in
 *     0, with a FUTEX_WAKE only if the old value was 2.  So an
 *     uncontended acquire and release make no system call;
 *   - owner: who holds it, written by the holder after taking the word
 *     and cleared before releasing it; count: how many times it holds
 *     it.  Only the holder writes them, so a thread that reads its own
 *     id there does hold the lock.
 *
 * The owner is found from the thread pointer, not asked of the kernel:
 * in a glibc program it is the tid libc keeps in the thread's
 * descriptor (what libc's own mutex code compares), in a libc-free one
 * the thread pointer itself.
 */
#include "lock.h"
#include "arch.h"
#include "sys.h"

/* The head of glibc's struct __pthread_mutex_s, the same on both CPUs
 * (loader/glibc/ checks the offsets against the generated layout). */
struct recursive_mutex {
	int word;
	unsigned count;
	int owner;		/* glibc programs: the owner's tid */
	unsigned nusers;
	int kind;
};

static struct recursive_mutex own_mutex;
static struct recursive_mutex *mutex = &own_mutex;

/*
 * libc-free programs: the owner is its thread pointer, which needs 64
 * bits.  glibc programs: the tid, TID_OFFSET from the thread pointer.
 */
static int owner_is_tid;
static long tid_offset;
static uintptr_t own_owner;

static inline long self(void)
{
	char *tp = arch_get_tp();

	return owner_is_tid ? *(volatile int *)(tp + tid_offset)
			    : (long)(uintptr_t)tp;
}

static inline long owner(void)
{
	return owner_is_tid ? __atomic_load_n(&mutex->owner, __ATOMIC_RELAXED)
			    : (long)__atomic_load_n(&own_owner,
						    __ATOMIC_RELAXED);
}

static inline void set_owner(long id)
{
	if (owner_is_tid)
		__atomic_store_n(&mutex->owner, (int)id, __ATOMIC_RELAXED);
	else
		__atomic_store_n(&own_owner, (uintptr_t)id, __ATOMIC_RELAXED);
}

/* Contended: mark the word as waited for, and sleep while it is. */
static __attribute__((noinline)) void wait_for_word(int *word)
{
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0)
		sys_call(__NR_futex, (long)word, FUTEX_WAIT_PRIVATE, 2, 0, 0,
			 0);
}

void loader_lock(void)
{
	long me = self();

	if (owner() == me) {
		mutex->count++;
		return;
	}
	int expected = 0;
	if (!__atomic_compare_exchange_n(&mutex->word, &expected, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		wait_for_word(&mutex->word);
	set_owner(me);
	mutex->count = 1;
	mutex->nusers++;
}

void loader_unlock(void)
{
	if (--mutex->count)
		return;
	set_owner(0);
	mutex->nusers--;
	if (__atomic_exchange_n(&mutex->word, 0, __ATOMIC_RELEASE) == 2)
		sys_call(__NR_futex, (long)&mutex->word, FUTEX_WAKE_PRIVATE, 1,
			 0, 0, 0);
}

int loader_lock_held(void)
{
	return owner() == self();
}

void loader_lock_adopt(void *glibc_mutex, long offset)
{
	mutex = glibc_mutex;
	tid_offset = offset;
	owner_is_tid = 1;
}
