/*
 * gp.pml: a Promela model of the grace-period algorithm of rcuapi
 * (rcuapi/domain.go: readLock, readUnlock, wakeGP, runGP, waitDrained and
 * the waitUntil it calls, drained).
 *
 * Memory model: every shared access in these functions is a sync/atomic
 * operation or a channel operation, and Go's atomics are sequentially
 * consistent (the Go memory model: "all the atomic operations executed in
 * a program behave as though executed in some sequentially consistent
 * order"). So each atomic operation is one indivisible Promela step and the
 * steps interleave in one global order. phase is domain.phase & phaseIdx and
 * waiting is domain.flags & flagWaiting, two words in the code too; the only
 * writer of either bit is the grace period (phase.Or / phase.And and
 * flags.Or / flags.And touch one bit), readLock loads only phase and
 * readUnlock only flags. phaseDead (SRCU Cleanup) is not modelled.
 *
 * Variants, all from this one file through the C preprocessor that spin runs:
 *   (none)          the algorithm as domain.go implements it
 *   -DSINGLE_FLIP   runGP flips without first draining the inactive phase
 *   -DNO_FINAL_DRAIN runGP drains and flips but does not wait for the old phase
 *   -DLOST_WAKEUP   waitDrained sets flagWaiting only after a failed check
 *                   and then parks without checking again (a lost wake-up)
 *   -DNO_FLIP       runGP drains both phases but never flips (safe, not live)
 *   -DDATA_ONLY     leave out the ghost assertion at the end of the grace
 *                   period, so that only the readers' use-after-free
 *                   assertion can fail
 *   -DLIVE          readers and the grace period loop forever, for the
 *                   non-progress-cycle check (pan -l -f); ghosts and the
 *                   pointer check are left out
 * Bounds (defaults below): -DNREADERS=, -DNSLOTS= (at most 4), -DNSECTIONS=,
 * -DNGP=, -DSPINS=, -DNEST=. Reader 0 re-enters: it runs NSECTIONS outer sections one
 * after another; every other reader runs one. Every outer section may hold
 * one nested section, with its own slot and phase, inside it.
 */

#ifndef NREADERS
#define NREADERS 2	/* reader goroutines */
#endif
#ifndef NSLOTS
#define NSLOTS 2	/* reader slots (readerSlot shards) */
#endif
#ifndef NSECTIONS
#define NSECTIONS 2	/* outer sections reader 0 enters one after another (the others: 1) */
#endif
#ifndef NGP
#define NGP 2		/* grace periods the updater runs */
#endif
#ifndef SPINS
#define SPINS 1		/* drained() checks before parking (8 or 256 in the code) */
#endif
#ifndef NEST
#define NEST 1		/* 1: a section may hold a nested section; 0: never */
#endif

#define NLEVELS 2	/* a reader holds at most an outer and a nested section */
#define NSEC (NREADERS * NLEVELS)

/* --- the domain's shared state --- */
bit  phase;			/* d.phase & phaseIdx */
bit  waiting;			/* d.flags & flagWaiting */
byte cnt[NSLOTS * 2];		/* slots[s].n[i] is cnt[s*2 + i] */
chan wake = [1] of { bit };	/* d.wake: capacity 1, readers poke it */

#ifndef LIVE
/* --- the data a reader protects: an RCU pointer and the objects it points to --- */
byte ptr;			/* the published object: 0, 1, ..., NGP */
bit  freed[NGP + 1];		/* set by the updater after the grace period */

/*
 * Ghosts (never read by the algorithm). in[r*NLEVELS+l] is 1 while reader r's
 * section at level l is inside: from the counter increment that ends
 * readLock to the decrement in readUnlock. pre[...] is set at the start of
 * a grace period for every section that is inside then, and cleared when
 * that section ends; the grace period asserts at its end that none is left.
 */
bit in[NSEC];
bit pre[NSEC];
#endif

/* readLock: load the phase, then increment that phase's counter in the
 * section's slot. The slot is chosen nondeterministically: slotHash hashes a
 * stack address, so any reader can land in any slot, and readers share.
 * (s, i) is the counter the Section records (Section.c) for readUnlock. */
#ifndef LIVE
#define GHOST_ENTER(l)	in[r * NLEVELS + l] = 1
#define GHOST_LEAVE(l)	in[r * NLEVELS + l] = 0; pre[r * NLEVELS + l] = 0
#else
#define GHOST_ENTER(l)	skip
#define GHOST_LEAVE(l)	skip
#endif

inline readLock(l, s, i) {
	atomic {
		/* slotHash is local computation: merged with the load */
		if
		:: s = 0
		:: NSLOTS > 1 -> s = 1
		:: NSLOTS > 2 -> s = 2
		:: NSLOTS > 3 -> s = 3
		fi;
		i = phase			/* p := d.phase.Load() (0 or 1) */
	};
	atomic { cnt[s * 2 + i]++; GHOST_ENTER(l) }	/* c := &sa.s[slot].n[p]; c.Add(1) */
}

/* readUnlock: decrement; if the slot's counter reached zero and a grace
 * period is parked, poke it without blocking. */
inline readUnlock(l, s, i) {
	atomic {				/* n := Section.c.Add(-1) */
		assert(cnt[s * 2 + i] > 0);	/* the n < 0 misuse panic never fires */
		cnt[s * 2 + i]--;
		nz = (cnt[s * 2 + i] != 0);
		GHOST_LEAVE(l);
		s = 0; i = 0
	}
	if
	:: atomic { !nz && waiting -> nz = 0 };	/* n <= 0 && d.flags.Load()&flagWaiting != 0 */
		atomic {			/* wakeGP: select with default */
			if
			:: nfull(wake) -> wake!1
			:: full(wake) -> skip
			fi
		}
	:: atomic { !nz && !waiting -> nz = 0 }
	:: atomic { nz -> nz = 0 }
	fi
}

#ifndef LIVE
#define DEREF(p)	p = ptr
#define USE(p)		atomic { assert(!freed[p]); p = 0 }	/* last use */
#else
#define DEREF(p)	skip
#define USE(p)		skip
#endif

proctype reader(byte r) {
	byte s0, i0, s1, i1, p0, p1;
	bit nz;
#ifndef LIVE
	byte k = 0;
	do
	:: k < (r == 0 -> NSECTIONS : 1) ->
#else
	do
	:: true ->
#endif
		readLock(0, s0, i0);
		DEREF(p0);			/* p := x.Dereference(s) */
		if
		:: NEST ->			/* a nested section, in its own slot and phase */
			readLock(1, s1, i1);
			DEREF(p1);
			USE(p1);
			readUnlock(1, s1, i1)
		:: true -> skip
		fi;
		USE(p0);			/* the outer pointer, used after the nested section */
		readUnlock(0, s0, i0);
#ifndef LIVE
		k++
	:: else -> break
#endif
	od
}

/* drained(idx): load every slot's counter of phase p, one atomic load each,
 * stopping at the first nonzero one; sets ok to the result. */
inline drained(p) {
	do
	:: atomic { cnt[j * 2 + p] != 0 -> j = 0; ok = 0; break }
	:: atomic { cnt[j * 2 + p] == 0 && j < NSLOTS - 1 -> j++ }
	:: atomic { cnt[j * 2 + p] == 0 && j == NSLOTS - 1 -> j = 0; ok = 1; break }
	od
}

/* waitDrained(idx), that is waitUntil(drained(idx)): check up to SPINS
 * times, then set flagWaiting and park on the wake channel until a check
 * succeeds; clear flagWaiting at the end.
 * The stall timer is left out: with stall warnings off it never fires, and
 * with them on it only adds a re-check every few seconds, so leaving it out
 * keeps a lost wake-up a deadlock that spin reports. */
inline waitDrained(p) {
	do
	:: atomic { !ok && n < SPINS -> n++ }; drained(p)	/* runtime.Gosched() between */
	:: atomic { ok || n == SPINS -> n = 0; break }
	od;
	if
	:: atomic { ok -> ok = 0 }
#ifndef LOST_WAKEUP
	:: atomic { !ok -> waiting = 1 };	/* d.flags.Or(flagWaiting) */
		do
		:: drained(p);			/* for !d.drained(idx) */
			if
			:: atomic { ok -> ok = 0; break }
			:: atomic { !ok; wake?_ }	/* case <-d.wake */
			fi
		od;
		waiting = 0			/* defer d.flags.And(^flagWaiting) */
#else
	:: !ok ->
		do
		:: drained(p);
			if
			:: atomic { ok -> ok = 0; break }
			:: atomic { !ok -> waiting = 1 }; wake?_	/* Or(flagWaiting) too late */
			fi
		od;
		waiting = 0
#endif
	fi
}

/* The updater: publish a new object, run one grace period (runGP), free
 * the old object; NGP times. Only one goroutine runs runGP at a time
 * (gpMachine.driving, under gpMachine.mu), so one process models them all. */
active proctype updater() {
	byte g, j, n;
	bit idx, ok;
#ifndef LIVE
	g = 0;
	do
	:: g < NGP ->
		ptr = g + 1;			/* p.Assign(new) */
#else
	do
	:: true ->
#endif
		/* runGP */
		atomic {
			idx = phase;		/* idx := d.phase.Load() & phaseIdx */
#ifndef LIVE
			/* ghost: the sections inside when the grace period starts */
			j = 0;
			do
			:: j < NSEC -> pre[j] = in[j]; j++
			:: else -> j = 0; break
			od
#endif
		}
#ifndef SINGLE_FLIP
		waitDrained(1 - idx);		/* d.waitDrained(idx^1, ...) */
#endif
#ifndef NO_FLIP
		phase = 1 - idx;		/* d.phase.Or / And(phaseIdx) */
#endif
#ifndef NO_FINAL_DRAIN
		waitDrained(idx);		/* d.waitDrained(idx, ...) */
#endif
#ifndef LIVE
#ifndef DATA_ONLY
		/* safety: no section that was inside at the start is inside now */
		d_step {
			j = 0;
			do
			:: j < NSEC -> assert(!pre[j]); j++
			:: else -> j = 0; break
			od
		}
#endif
		freed[g] = 1;			/* the old object is reclaimed */
		g++
	:: else -> break
#else
progress:
		skip
#endif
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
