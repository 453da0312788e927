// Package checklist is the Linux kernel's review checklist for RCU patches,
// restated for Go programs that use rcuapi, and the single source of the
// documentation of rcuvet's checks.
//
// The kernel's checklist has nineteen items, numbered here from 0 in the
// kernel's own order. Each [Item] says, in rcuapi's terms (Section,
// Dereference, Assign, Synchronize, Call, Barrier, SRCU, Module), what the
// item demands and why, and how it is enforced. Most items are enforced by
// one or more static checks. Some are enforced by rcuapi itself: the API
// offers no way to break them, or the runtime catches the mistake (panics on
// misused sections, stall reports, callbacks dropped at Unload and Cleanup,
// callback modes that shake out order dependence). A few, such as whether
// the data is read-mostly at all, no static check can decide; their entries
// say so and name the aid that helps instead.
//
// Each [Check] has a stable id (RCU1001 and so on; the first digit groups
// checks by concern: 1 read side, 2 update side, 3 callbacks, 4 performance
// and robustness, 5 flavours and domains, 6 modules and teardown), the
// checklist items it enforces, and its documentation: a title, a text that
// says what the check reports, why that is wrong and what to do instead, and
// a small bad example with its corrected version. Every example is a
// complete Go file written against the real rcuapi, and the package's tests
// type-check each one, so the documentation cannot drift from the API.
//
// The analyzer names each check's analyzer by its id, and every diagnostic
// carries the check's URL once rcuvet has a published home ([Check.DocRef]
// says where to read the documentation until then); "rcuvet -explain
// RCU1002" prints
// [Check.Explain]; the reference page docs/checks.md and the help entries of
// SARIF output are generated from the same entries. Nothing else in the
// project restates a check's documentation. [Check.Implemented] records
// which checks the analyzer runs so far.
package checklist

//go:generate go run ./internal/gendocs -o ../docs/checks.md
