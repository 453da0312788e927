// Package rcu6003 holds the fixtures of RCU6003: a Barrier in a module's
// Exit that comes before the code that stops new callbacks. Each shape is
// a package of its own (one module each): the sub-packages hold the shapes
// that must be reported, those under ok/ the correct idioms that must not
// be. This package queues nothing and has no module.
package rcu6003
