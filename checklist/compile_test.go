package checklist

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"honnef.co/go/tools/analysis/lint"
)

// TestCompile checks that compile gives what lint's own Compile gives, on
// the escapes and their neighbours, and on random strings made of them.
func TestCompile(t *testing.T) {
	inputs := []string{
		"", "plain", `\'Dereference\'`, `say \"hi\"`, `\\'`, `\\"`, `\`, `a\`, `\\\'`,
		`\'\"`, "  padded \\'x\\'  ", "`already`", `\n`,
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'\\', '\'', '"', 'a', '`', ' '}
	for range 2000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		raw := lint.RawDocumentation{Title: s, Text: s + "\n\nsecond " + s, Before: " " + s, After: s + "\n", Since: "v1", Severity: lint.SeverityWarning}
		if got, want := compile(raw), raw.Compile(); !reflect.DeepEqual(got, want) {
			t.Fatalf("compile(%q):\n got %#v\nwant %#v", s, got, want)
		}
	}
}
