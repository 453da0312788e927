/*
 * sections: the cost of one liburcu read-side section, for comparison with
 * rcuapi's BenchmarkRead. Our own program; it only calls the library.
 *
 * Built once per flavour (bench/liburcu builds both):
 *   -DFLAVOUR_MEMB  urcu-memb: read lock, rcu_dereference, read a field, read unlock
 *   -DFLAVOUR_QSBR  urcu-qsbr: the same, then a quiescent state
 * and -D_LGPL_SOURCE, so that the read side is inlined as a C user would
 * have it. Each run also times "plain": the same loop with only an acquire
 * load of the pointer and the read of the field, the counterpart of
 * BenchmarkRead/atomic.
 *
 * usage: sections THREADS MILLISECONDS
 *
 * Every thread loops until the main thread, after MILLISECONDS, tells it to
 * stop. Output, one line per loop:
 *   NAME threads=N ops=OPS ns/op=X cpu-ns/op=Y [membarrier=0|1]
 * ns/op is wall time over the iterations of all threads together (as Go's
 * RunParallel reports it); cpu-ns/op is the process's CPU time over the same
 * iterations. membarrier says whether urcu-memb's read side found the
 * membarrier system call (then it needs no fence) or fell back to fences.
 */
#ifndef _LGPL_SOURCE
#define _LGPL_SOURCE
#endif
#if defined(FLAVOUR_MEMB)
#include <urcu/urcu-memb.h>
#define FLAVOUR "urcu-memb"
#define reader_register() urcu_memb_register_thread()
#define reader_unregister() urcu_memb_unregister_thread()
#define section_lock() urcu_memb_read_lock()
#define section_unlock() urcu_memb_read_unlock()
#define between_sections() ((void)0)
#elif defined(FLAVOUR_QSBR)
#include <urcu/urcu-qsbr.h>
#define FLAVOUR "urcu-qsbr"
#define reader_register() urcu_qsbr_register_thread()
#define reader_unregister() urcu_qsbr_unregister_thread()
#define section_lock() urcu_qsbr_read_lock()
#define section_unlock() urcu_qsbr_read_unlock()
#define between_sections() urcu_qsbr_quiescent_state()
#else
#error "build with -DFLAVOUR_MEMB or -DFLAVOUR_QSBR"
#endif

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct config {
	int port;
	int retries;
};

static struct config *current;
static pthread_barrier_t ready;
static volatile int stop;
static long counts[64];

/* Iterations between two looks at the stop flag. */
#define CHUNK 4096

static double clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *section_reader(void *arg)
{
	long *count = arg, n = 0, sum = 0;

	reader_register();
	pthread_barrier_wait(&ready);
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		for (int i = 0; i < CHUNK; i++) {
			section_lock();
			sum += rcu_dereference(current)->port;
			section_unlock();
			between_sections();
		}
		n += CHUNK;
	}
	reader_unregister();
	*count = n + (sum == 42); /* keep sum alive */
	return NULL;
}

static void *plain_reader(void *arg)
{
	long *count = arg, n = 0, sum = 0;

	pthread_barrier_wait(&ready);
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		for (int i = 0; i < CHUNK; i++)
			sum += __atomic_load_n(&current, __ATOMIC_ACQUIRE)->port;
		n += CHUNK;
	}
	*count = n + (sum == 42);
	return NULL;
}

static void run(const char *name, void *(*fn)(void *), int threads, long ms, int memb)
{
	pthread_t tid[64];
	double t0, c0, t1, c1;
	long ops = 0;

	stop = 0;
	pthread_barrier_init(&ready, NULL, threads + 1);
	for (int i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, fn, &counts[i]);
	pthread_barrier_wait(&ready);
	t0 = clock_ns(CLOCK_MONOTONIC);
	c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	usleep(ms * 1000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		ops += counts[i];
	}
	t1 = clock_ns(CLOCK_MONOTONIC);
	c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	pthread_barrier_destroy(&ready);
	printf("%s threads=%d ops=%ld ns/op=%.4f cpu-ns/op=%.4f", name, threads, ops,
	       (t1 - t0) / ops, (c1 - c0) / ops);
	if (memb >= 0)
		printf(" membarrier=%d", memb);
	printf("\n");
}

int main(int argc, char **argv)
{
	static struct config cfg = { .port = 8080 };
	int threads = argc > 1 ? atoi(argv[1]) : 1;
	long ms = argc > 2 ? atol(argv[2]) : 200;
	int memb = -1;

	if (threads < 1 || threads > 64 || ms < 1) {
		fprintf(stderr, "usage: sections THREADS(1-64) MILLISECONDS\n");
		return 2;
	}
	rcu_assign_pointer(current, &cfg);
	run(FLAVOUR, section_reader, threads, ms, -1);
#if defined(FLAVOUR_MEMB)
	/* liburcu-memb decides at startup whether it can use membarrier. */
	memb = urcu_memb_has_sys_membarrier;
#endif
	run("plain", plain_reader, threads, ms, memb);
	return 0;
}
