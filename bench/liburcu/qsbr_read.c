/*
 * qsbr_read: the cost of one QSBR read-side section in liburcu, measured
 * the way rcuapi's BenchmarkRead/qsbr measures its own: each thread runs
 * read lock, dereference a published pointer, read one field, read unlock,
 * announce a quiescent state; the figure is wall time divided by the
 * iterations of all threads together (as Go's RunParallel reports).
 * "plain" is the same loop with only the pointer load, the counterpart of
 * BenchmarkRead/atomic.
 *
 * usage: qsbr_read [threads [iterations per thread]]
 */
#define _LGPL_SOURCE /* inline the read-side fast paths, as a C user would */
#include <urcu-qsbr.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct config {
	int port;
	int retries;
};

static struct config *current;
static long iterations = 200000000;
static pthread_barrier_t ready;
static volatile long sink;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *qsbr_reader(void *arg)
{
	long n = 0;

	(void)arg;
	rcu_register_thread();
	pthread_barrier_wait(&ready);
	for (long i = 0; i < iterations; i++) {
		rcu_read_lock();
		n += rcu_dereference(current)->port;
		rcu_read_unlock();
		rcu_quiescent_state();
	}
	rcu_unregister_thread();
	sink += n;
	return NULL;
}

static void *plain_reader(void *arg)
{
	long n = 0;

	(void)arg;
	pthread_barrier_wait(&ready);
	for (long i = 0; i < iterations; i++)
		n += __atomic_load_n(&current, __ATOMIC_ACQUIRE)->port;
	sink += n;
	return NULL;
}

static double run(void *(*fn)(void *), int threads)
{
	pthread_t tid[64];
	double start;

	pthread_barrier_init(&ready, NULL, threads + 1);
	for (int i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, fn, NULL);
	pthread_barrier_wait(&ready);
	start = now();
	for (int i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	pthread_barrier_destroy(&ready);
	return (now() - start) / ((double)iterations * threads);
}

int main(int argc, char **argv)
{
	static struct config cfg = { .port = 8080 };
	int threads = argc > 1 ? atoi(argv[1]) : 1;

	if (argc > 2)
		iterations = atol(argv[2]);
	if (threads < 1 || threads > 64 || iterations < 1) {
		fprintf(stderr, "usage: qsbr_read [threads (1-64) [iterations per thread]]\n");
		return 2;
	}
	rcu_assign_pointer(current, &cfg);
	printf("liburcu-qsbr read section (threads=%d): %.3f ns/op\n", threads, run(qsbr_reader, threads));
	printf("plain acquire load        (threads=%d): %.3f ns/op\n", threads, run(plain_reader, threads));
	return 0;
}
