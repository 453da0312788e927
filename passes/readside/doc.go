// Package readside holds rcuvet's read-side checks: the mistakes a reader
// can make with a Section and the pointers it protects.
//
//   - RCU1001: a dereference under a Section that has ended, may have ended
//     on some path, or is the zero value. Checklist items 2 and 9.
//   - RCU1002: a pointer obtained under a section used after the section
//     ended, or escaping it (stored in a package variable or heap memory,
//     returned, sent on a channel, captured by a goroutine) with no
//     reference taken. Checklist item 2.
//   - RCU1003: an unbalanced section: a path that returns or panics with
//     the section open, a section ended twice, or the zero Section ended.
//     Checklist item 2.
//   - RCU1004: a section ended on another domain than the one that began
//     it. Checklist items 7 and 14.
//   - RCU1005: something that may block (a channel operation, a lock, a
//     sleep, I/O, a grace-period wait, or a call to a function that does)
//     inside a classic section. Checklist items 2 and 14.
//   - RCU1006: Synchronize or Barrier of a domain inside a section of that
//     same domain, or of a QSBR domain while the function's own handle of
//     it is online, which waits for itself. Checklist items 6 and 15.
//   - RCU1007: a pointer obtained with Access dereferenced. Checklist item 2.
//
// The checks report findings of the shared engine (passes/internal/flow),
// which follows Section values and protected pointers through the program
// and across packages.
package readside
