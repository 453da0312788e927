/*
 * qsbr.pml: a Promela model of rcuapi's QSBR flavour (rcuapi/qsbr.go:
 * Register, ReadLock/ReadUnlock, Quiescent, announce, Offline, Online,
 * Unregister, and the grace period waitGP with passed), on top of the
 * domain's waitUntil (rcuapi/domain.go), which parks on flagWaiting and
 * the wake channel exactly as in gp.pml.
 *
 * Memory model: gp, every handle's ctr, flagWaiting and the wake channel
 * are sync/atomic values or a channel, sequentially consistent in Go; the
 * readers list is guarded by a mutex. Each atomic operation is one step.
 * ReadLock and ReadUnlock touch only the handle's own fields, so a section
 * is modelled by what happens inside it: loading the protected pointer.
 *
 * Property: the updater publishes a new object, runs a grace period and
 * frees the old one. A handle may keep a pointer it loaded in a section
 * until its next quiescent state (Quiescent, Offline or Unregister); it
 * asserts that the object is not freed right before that quiescent state.
 * With the invalid-end-state check: no grace period waits for ever once
 * every handle has gone offline or unregistered.
 *
 * Variants:
 *   -DNO_WAIT           waitGP returns without waiting for the handles
 *   -DOFF_BY_ONE        passed accepts a quiescent state of the grace
 *                       period before (ctr >= g-1 instead of ctr >= g)
 *   -DWAKE_BEFORE_STORE announce loads flagWaiting before it stores ctr
 * Bounds: -DNR= handles (default 2), -DROUNDS= sections per handle
 * (default 2), -DNGP= grace periods (default 2), -DSPINS= (default 1).
 */

#ifndef NR
#define NR 2
#endif
#ifndef ROUNDS
#define ROUNDS 2
#endif
#ifndef NGP
#define NGP 2
#endif
#ifndef SPINS
#define SPINS 1
#endif

byte gp = 1;			/* qsbrState.gp: 1, 2, ... */
byte ctr[NR];			/* QSBRReader.ctr: 0 offline, else the gp of its last quiescent state */
bit  registered[NR];		/* st.readers, guarded by mu */
bit  mu;			/* qsbrState.mu */
bit  waiting;			/* d.flags & flagWaiting */
chan wake = [1] of { bit };	/* d.wake */

byte ptr = 1;			/* the published object: 1, 2, ..., NGP+1 (0: none) */
bit  freed[NGP + 2];

inline lock()   { atomic { mu == 0 -> mu = 1 } }
inline unlock() { mu = 0 }

inline wakeGP() {
	atomic {
		if
		:: nfull(wake) -> wake!1
		:: full(wake) -> skip
		fi
	}
}

/* announce(c): seen = c; ctr.Store(c); if waiting, wake. */
inline announce(c) {
#ifndef WAKE_BEFORE_STORE
	atomic { ctr[r] = c; seen = c };
	if
	:: waiting -> wakeGP()
	:: else -> skip
	fi
#else
	if
	:: waiting -> atomic { ctr[r] = c; seen = c }; wakeGP()
	:: else -> atomic { ctr[r] = c; seen = c }
	fi
#endif
}

/* Every pointer the handle loaded since its last quiescent state is still
 * in use right up to the next one. */
inline useHeld() {
	atomic { assert(!freed[p]); p = 0 }
}

proctype handle(byte r) {
	byte seen, c, k, p;

	/* Register: under mu, join st.readers and come online at the current gp */
	lock();
	registered[r] = 1;
	seen = gp;
	ctr[r] = seen;
	unlock();

	k = 0;
	do
	:: k < ROUNDS ->
		/* a section: ReadLock; p := x.Dereference(s); ReadUnlock */
		if
		:: p == 0 -> p = ptr
		:: else -> skip		/* still holds the one from an earlier section */
		fi;
		if
		:: true ->		/* Quiescent */
			useHeld();
			c = gp;		/* r.gp.Load() != r.seen */
			if
			:: c != seen ->
				c = gp;	/* quiescentSlow: announce(r.gp.Load()) */
				announce(c);
				c = 0
			:: else -> c = 0
			fi
		:: true ->		/* Offline, later Online */
			useHeld();
			announce(0);
			atomic { seen = gp; c = seen };	/* Online: seen = gp.Load() */
			atomic { ctr[r] = c; c = 0 }	/* ctr.Store(seen) */
		:: true -> skip		/* the next section, no quiescent state between */
		fi;
		k++
	:: else -> break
	od;

	/* end: go offline, or unregister (both are quiescent states) */
	useHeld();
	if
	:: announce(0)			/* Offline */
	:: lock(); registered[r] = 0; unlock(); announce(0)	/* Unregister */
	fi
}

/* passed(g): drop from pend the handles that are offline or have announced
 * a quiescent state at g or later; ok when none is left. One atomic load of
 * ctr per handle still pending. */
inline passed() {
	j = 0;
	do
	:: j < NR ->
		if
#ifndef OFF_BY_ONE
		:: atomic { pend & (1 << j) && (ctr[j] == 0 || ctr[j] >= g) -> pend = pend & ~(1 << j) }
#else
		:: atomic { pend & (1 << j) && (ctr[j] == 0 || ctr[j] >= g - 1) -> pend = pend & ~(1 << j) }
#endif
		:: else -> skip
		fi;
		j++
	:: else -> j = 0; break
	od;
	ok = (pend == 0)
}

/* waitUntil(passed(g)): as waitDrained in gp.pml. */
inline waitUntil() {
	do
	:: atomic { !ok && n < SPINS -> n++ }; passed()
	:: atomic { ok || n == SPINS -> n = 0; break }
	od;
	if
	:: atomic { ok -> ok = 0 }
	:: atomic { !ok -> waiting = 1 };
		do
		:: passed();
			if
			:: atomic { ok -> ok = 0; break }
			:: atomic { !ok; wake?_ }
			fi
		od;
		waiting = 0
	fi
}

active proctype updater() {
	byte i, g, j, n, pend;
	bit ok;
	i = 0;
	do
	:: i < NGP ->
		ptr = i + 2;			/* publish the new object */
		/* waitGP */
		lock();
		atomic { gp++; g = gp };	/* g := st.gp.Add(1) */
		j = 0;				/* st.pend = st.readers */
		do
		:: j < NR -> if :: registered[j] -> pend = pend | (1 << j) :: else -> skip fi; j++
		:: else -> j = 0; break
		od;
		unlock();
#ifndef NO_WAIT
		waitUntil();
#else
		pend = 0;
#endif
		freed[i + 1] = 1;		/* the old object is reclaimed */
		i++
	:: else -> break
	od
}

init {
	byte r = 0;
	atomic {
		do
		:: r < NR -> run handle(r); r++
		:: else -> break
		od
	}
}
