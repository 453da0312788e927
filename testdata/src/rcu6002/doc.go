// Package rcu6002 holds the fixtures of RCU6002: a module's Exit that waits
// for a grace period with Synchronize where it must wait for callbacks with
// Barrier. Each shape is a package of its own (a module's duty is set by
// what its package queues): the sub-packages hold the shapes that must be
// reported, those under ok/ the correct idioms that must not be. This
// package queues nothing and has no module.
package rcu6002
