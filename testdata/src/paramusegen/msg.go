// Package paramusegen holds a type with methods in a hand-written file and
// in a generated one: only the hand-written method's read travels in a
// fact (paramuse does not export reads of generated code).
package paramusegen

type Msg struct{ Name string }

// Title reads through its receiver.
func (m *Msg) Title() string { return "# " + m.Name } // want Title:`reads\[0\]`

// Rename writes through its receiver.
func (m *Msg) Rename(n string) { m.Name = n } // want Rename:`writes\[0\]` Rename:`reads\[0\]`
