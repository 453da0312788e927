// Package rcu6001 holds the fixtures of RCU6001: a module's Exit that does
// not wait with Barrier, on every path, for the callbacks its package
// queues. The rule is per package (every Exit of a package must wait for
// every domain on which the package queues callbacks of its own), so each
// shape is a package of its own: the sub-packages hold the shapes that must
// be reported, those under ok/ the correct idioms that must not be. This
// package queues nothing and has no module.
package rcu6001
