/*
 * memb.pml: a Promela model of rcuapi's memb read path and the grace-period
 * check that pairs with it (rcuapi/memb.go: lockMemb, unlockMemb,
 * membDrained; rcuapi/domain.go: runGP, waitUntil with its membarrier after
 * setting flagWaiting).
 *
 * Memory model. The updater's accesses are sync/atomic operations and the
 * membarrier system call: sequentially consistent, one step each. A reader's
 * counter increments are plain stores, and the processor may delay them:
 * each P (the thread running it) has a store buffer, modelled as a count of
 * pending increments per counter, pendL and pendU, which a separate process
 * (flusher) makes visible one at a time in ANY order, so that a later store
 * may become visible before an earlier one (weaker than amd64's FIFO store
 * buffer, as on arm64). A reader's loads (the phase, the pointer, the
 * waiting flag) read memory directly, so they may be performed while its
 * earlier increments are still pending: the store-to-load reordering that
 * amd64 allows. The increment itself reads its own P's view (memory plus
 * pending), as store forwarding does, and only the goroutine pinned to a P
 * writes the P's counters, so increments are never lost.
 *
 * A reader picks the P of each lock and each unlock nondeterministically: a
 * section may begin on one P and end on another. When a goroutine moves to
 * another P, the scheduler's synchronisation (a locked instruction on amd64)
 * drains the buffer of the P it leaves; the model drains it then.
 *
 * membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) makes every running thread
 * execute a full barrier before it returns: modelled as one step that drains
 * every buffer. A reader's loads that come after that step in the
 * interleaving see everything the updater did before it.
 *
 * Properties:
 *   - data: a reader asserts, at its last use of the object it loaded, that
 *     the updater has not freed it (the updater frees the old object after
 *     each grace period);
 *   - claim 1 of memb.go: the check never finds more unlocks than locks
 *     (assert(l >= u)); a correct program never triggers the grace
 *     period's double-ReadUnlock report;
 *   - no deadlock (a lost wake-up leaves the updater parked for ever).
 * Ghost marks of sections (gp.pml) are not used: with delayed stores a
 * section whose increment is still pending when a grace period starts may
 * safely be missed (claim 2), so only the data property is the claim.
 *
 * Variants:
 *   -DNO_CHECK_MB   no membarrier between the unlock sum and the lock sum
 *   -DLOCKS_FIRST   the lock sum is read before the unlock sum
 *   -DNO_WAIT_MB    one membarrier after setting flagWaiting instead of one
 *                   at the start of every check while it is set (lost wake-up)
 *   -DEARLY         the check takes one reader still inside as drained
 *   -DFIFO          buffers drain in program order (amd64's TSO) instead of
 *                   any order; with -DNO_CHECK_MB this is the amd64 case
 * Bounds: -DNREADERS=, -DNP= (2 at most), -DNGP=, -DSPINS=.
 */

#ifndef NREADERS
#define NREADERS 2
#endif
#ifndef NP
#define NP 2		/* Ps, each with its counters and store buffer */
#endif
#ifndef NGP
#define NGP 2
#endif
#ifndef SPINS
#define SPINS 1		/* checks before parking */
#endif

/* counters: index p*2 + phase */
byte lockc[NP * 2];
byte unlockc[NP * 2];
byte pendL[NP * 2];	/* increments of lockc still in P's store buffer */
byte pendU[NP * 2];
#ifdef FIFO
/* FIFO: per P, the order of its pending stores (at most 8):
 * 1..4 = lock phase 0/1, unlock phase 0/1 */
byte q[NP * 8];
byte qn[NP];
#endif

bit phase;
byte waiting;		/* 0, or 1 + the phase a parked grace period waits for (flagWaitPhase0 << ph) */
chan wake = [1] of { bit };

byte ptr;
bit freed[NGP + 1];

/* drainP(p): make P p's pending stores visible (at a migration). */
#ifndef FIFO
inline drainP(p) {
	lockc[p * 2] = lockc[p * 2] + pendL[p * 2]; pendL[p * 2] = 0;
	lockc[p * 2 + 1] = lockc[p * 2 + 1] + pendL[p * 2 + 1]; pendL[p * 2 + 1] = 0;
	unlockc[p * 2] = unlockc[p * 2] + pendU[p * 2]; pendU[p * 2] = 0;
	unlockc[p * 2 + 1] = unlockc[p * 2 + 1] + pendU[p * 2 + 1]; pendU[p * 2 + 1] = 0
}
#else
inline drainP(p) {
	lockc[p * 2] = lockc[p * 2] + pendL[p * 2]; pendL[p * 2] = 0;
	lockc[p * 2 + 1] = lockc[p * 2 + 1] + pendL[p * 2 + 1]; pendL[p * 2 + 1] = 0;
	unlockc[p * 2] = unlockc[p * 2] + pendU[p * 2]; pendU[p * 2] = 0;
	unlockc[p * 2 + 1] = unlockc[p * 2 + 1] + pendU[p * 2 + 1]; pendU[p * 2 + 1] = 0;
	qn[p] = 0;
	q[p * 8] = 0; q[p * 8 + 1] = 0; q[p * 8 + 2] = 0; q[p * 8 + 3] = 0;
	q[p * 8 + 4] = 0; q[p * 8 + 5] = 0; q[p * 8 + 6] = 0; q[p * 8 + 7] = 0
}
#endif

/* membarrier: every buffer drains */
inline membarrier() {
	atomic {
		drainP(0);
#if NP > 1
		drainP(1)
#endif
	}
}

/* enqueue a pending store for FIFO order; k is 1..4 */
#ifdef FIFO
#define ENQ(p, k)	q[p * 8 + qn[p]] = k; qn[p]++
#else
#define ENQ(p, k)	skip
#endif

/* pick a P for the current goroutine; on a move, the P left drains */
inline pickP(cur, nxt) {
	if
	:: nxt = 0
	:: NP > 1 -> nxt = 1
	fi;
	if
	:: cur != 255 && cur != nxt -> drainP(cur)
	:: else -> skip
	fi;
	cur = nxt
}

proctype reader(byte r) {
	byte cur = 255, nxt, i, p0;
	byte k = 0;
	do
	:: k < (r == 0 -> 2 : 1) ->
		/* lockMemb: procPin; ph := phase.Load() */
		atomic { pickP(cur, nxt); i = phase };
		/* lines[p].lock[ph]++ (plain, buffered); procUnpin */
		atomic { pendL[cur * 2 + i]++; ENQ(cur, 1 + i) };
		/* the section: p := x.Dereference(s) (an atomic load) */
		p0 = ptr;
		/* last use of the object */
		atomic { assert(!freed[p0]); p0 = 0 };
		/* unlockMemb: procPin; lines[p].unlock[ph]++ (plain); procUnpin */
		atomic { pickP(cur, nxt); pendU[cur * 2 + i]++; ENQ(cur, 3 + i) };
		/* if d.flags.Load()&(flagWaitPhase0<<ph) != 0 { d.wakeGP() } */
		if
		:: atomic { waiting == 1 + i ->
			if
			:: nfull(wake) -> wake!1
			:: full(wake) -> skip
			fi }
		:: atomic { waiting != 1 + i -> skip }
		fi;
		i = 0;
		k++
	:: else -> break
	od
}

/* The processor makes pending stores visible, one at a time: in any order,
 * or with -DFIFO in program order per P. */
active proctype flusher() {
	byte j;
end:
	do
#ifndef FIFO
	:: atomic { pendL[0] > 0 -> pendL[0]--; lockc[0]++ }
	:: atomic { pendL[1] > 0 -> pendL[1]--; lockc[1]++ }
	:: atomic { pendU[0] > 0 -> pendU[0]--; unlockc[0]++ }
	:: atomic { pendU[1] > 0 -> pendU[1]--; unlockc[1]++ }
#if NP > 1
	:: atomic { pendL[2] > 0 -> pendL[2]--; lockc[2]++ }
	:: atomic { pendL[3] > 0 -> pendL[3]--; lockc[3]++ }
	:: atomic { pendU[2] > 0 -> pendU[2]--; unlockc[2]++ }
	:: atomic { pendU[3] > 0 -> pendU[3]--; unlockc[3]++ }
#endif
#else
	:: atomic { qn[0] > 0 ->
		j = q[0];
		if
		:: j <= 2 -> pendL[j - 1]--; lockc[j - 1]++
		:: j > 2 -> pendU[j - 3]--; unlockc[j - 3]++
		fi;
		q[0] = q[1]; q[1] = q[2]; q[2] = q[3]; q[3] = q[4];
		q[4] = q[5]; q[5] = q[6]; q[6] = q[7]; q[7] = 0; qn[0]--; j = 0 }
#if NP > 1
	:: atomic { qn[1] > 0 ->
		j = q[8];
		if
		:: j <= 2 -> pendL[2 + j - 1]--; lockc[2 + j - 1]++
		:: j > 2 -> pendU[2 + j - 3]--; unlockc[2 + j - 3]++
		fi;
		q[8] = q[9]; q[9] = q[10]; q[10] = q[11]; q[11] = q[12];
		q[12] = q[13]; q[13] = q[14]; q[14] = q[15]; q[15] = 0; qn[1]--; j = 0 }
#endif
#endif
	od
}

/* membDrained(p): u := sum of unlocks; membarrier; l := sum of locks;
 * drained iff l == u. One atomic load per counter, interleaved with
 * everything else. */
#if NP > 1
#define SUMU(p)	u = unlockc[p]; u = u + unlockc[2 + p]
#define SUML(p)	l = lockc[p]; l = l + lockc[2 + p]
#else
#define SUMU(p)	u = unlockc[p]
#define SUML(p)	l = lockc[p]
#endif

inline check(p) {
#ifndef LOCKS_FIRST
	SUMU(p);
#ifndef NO_CHECK_MB
	membarrier();
#endif
	SUML(p);
#else
	SUML(p);
	membarrier();
	SUMU(p);
#endif
	atomic {
		assert(l >= u);		/* claim 1: never more unlocks than locks */
#ifndef EARLY
		ok = (l == u);
#else
		ok = (l <= u + 1);
#endif
		l = 0; u = 0
	}
}

/* waitDrained(p): SPINS checks, then set flagWaiting and, until a check
 * succeeds, membarrier, check, park on the wake channel. */
inline waitDrained(p) {
	do
	:: atomic { !ok && n < SPINS -> n++ }; check(p)
	:: atomic { ok || n == SPINS -> n = 0; break }
	od;
	if
	:: atomic { ok -> ok = 0 }
	:: atomic { !ok -> waiting = 1 + p };
#ifdef NO_WAIT_MB
		membarrier();		/* only once, after setting the flag */
#endif
		do
		::
#ifndef NO_WAIT_MB
			membarrier();	/* at the start of every parked check */
#endif
			check(p);
			if
			:: atomic { ok -> ok = 0; break }
			:: atomic { !ok; wake?_ }
			fi
		od;
		waiting = 0
	fi
}

active proctype updater() {
	byte g = 0, n, l, u;
	bit idx, ok;
	do
	:: g < NGP ->
		ptr = g + 1;		/* publish the new object */
		idx = phase;
		waitDrained(1 - idx);
		phase = 1 - idx;	/* the flip: an atomic RMW */
		waitDrained(idx);
		freed[g] = 1;		/* the old object is reclaimed */
		g++
	:: else -> break
	od
}

init {
	byte r = 0;
	atomic {
		do
		:: r < NREADERS -> run reader(r); r++
		:: else -> break
		od
	}
}
