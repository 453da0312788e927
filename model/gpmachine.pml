/*
 * gpmachine.pml: a Promela model of how rcuapi numbers, shares and drives
 * grace periods (rcuapi/domain.go: gpMachine, snapshotLocked, waitGPLocked,
 * requestGPLocked, drive, driveLocked; rcuapi/rcu.go: GetState, StartPoll,
 * PollState, CondSynchronize).
 *
 * One grace period (runGP) is two ghost events here, its start and its end;
 * gp.pml checks what happens between them. The two models compose: gp.pml
 * shows that every section inside at the start of a runGP has ended by its
 * end, provided runGP calls never overlap; this model shows that they never
 * overlap, and that each Synchronize (and a CondSynchronize, or a PollState
 * that reports true) waits for a runGP that started after it was called.
 * A section that began before the call is then either over or inside at
 * that runGP's start, so it is over when the call returns.
 *
 * Memory model: gpMachine's fields are read and written under mu, except
 * completed, an atomic read by PollState; Go's atomics are sequentially
 * consistent and sync.Mutex orders the critical sections, so one global
 * interleaving of the steps below is the right model. The expedite counter
 * only changes how long runGP spins and is left out.
 *
 * Variants:
 *   -DSHORT_SNAPSHOT snapshotLocked ignores a running grace period
 *                    (returns completed+1 always)
 *   -DNO_CLOSE       driveLocked does not close g.done after a grace
 *                    period (waiters are never woken: an invalid end state)
 * Bounds: -DNSYNC= Synchronize callers (default 2), plus one StartPoll /
 * PollState / CondSynchronize caller.
 */

#ifndef NSYNC
#define NSYNC 2
#endif
#define FOREVER 255		/* ^uint64(0): drive() runs while anything is requested */

bit  mu;			/* gpMachine.mu */
byte completed;			/* gpMachine.completed */
byte requested;			/* gpMachine.requested */
bit  running;			/* gpMachine.running */
bit  driving;			/* gpMachine.driving */
bit  doneMade;			/* gpMachine.done != nil */
byte doneGen;			/* which done channel: closing one makes the next */

/* ghosts: runGP calls that have started and that have ended */
byte started, ended;

inline lock()   { atomic { mu == 0 -> mu = 1 } }
inline unlock() { assert(mu == 1); mu = 0 }

inline snapshotLocked(t) {
#ifndef SHORT_SNAPSHOT
	if
	:: running -> t = completed + 2
	:: else -> t = completed + 1
	fi
#else
	t = completed + 1
#endif
}

/* runGP, as two events; gp.pml assumes that runGP calls never overlap. */
inline runGP() {
	atomic { assert(started == ended); started++ };
	ended++
}

/* driveLocked(target): called and returns with mu held and driving set. */
inline driveLocked(target) {
	do
	:: requested > completed ->
		if
		:: completed >= target ->
			run drive();		/* go d.drive(); driving stays set */
			break
		:: else -> skip
		fi;
		running = 1;
		unlock();
		runGP();
		lock();
		running = 0;
		completed++;
#ifndef NO_CLOSE
		if
		:: doneMade -> doneGen++; doneMade = 0	/* close(g.done); g.done = nil */
		:: else -> skip
		fi
#else
		skip
#endif
	:: else ->
		driving = 0;
		break
	od
}

proctype drive() {
	lock();
	driveLocked(FOREVER);
	unlock()
}

/* waitGPLocked(target): called with mu held, returns with it released. */
inline waitGPLocked(target) {
	if
	:: target > requested -> requested = target
	:: else -> skip
	fi;
	if
	:: !driving ->
		driving = 1;
		driveLocked(target);
		unlock()
	:: else ->
		do
		:: completed < target ->
			doneMade = 1;		/* if g.done == nil { g.done = make(...) } */
			gen = doneGen;		/* ch := g.done */
			unlock();
			doneGen != gen;		/* <-ch */
			lock()
		:: else -> break
		od;
		unlock()
	fi
}

/* requestGPLocked(target) */
inline requestGPLocked(target) {
	if
	:: target > requested -> requested = target
	:: else -> skip
	fi;
	if
	:: !driving && requested > completed ->
		driving = 1;
		run drive()			/* go d.drive() */
	:: else -> skip
	fi
}

/* Synchronize: every runGP that had started when it was called does not
 * count; one that starts later must have ended when it returns. */
proctype syncer() {
	byte s, t, gen;
	s = started;				/* the call */
	lock();
	snapshotLocked(t);
	waitGPLocked(t);
	assert(ended > s)			/* the return */
}

/* StartPoll, then PollState at any one moment, then CondSynchronize. */
proctype poller() {
	byte s, st, gen;
	s = started;				/* StartPoll is called */
	lock();
	snapshotLocked(st);
	requestGPLocked(st);
	unlock();
	if					/* PollState(st) */
	:: completed >= st -> assert(ended > s)
	:: else -> skip
	fi;
	if					/* CondSynchronize(st) */
	:: completed >= st -> skip
	:: else ->
		lock();
		waitGPLocked(st)
	fi;
	assert(ended > s)
}

init {
	byte i = 0;
	atomic {
		do
		:: i < NSYNC -> run syncer(); i++
		:: else -> break
		od;
		run poller()
	}
}
