// Package precommit holds the test of the pre-commit hooks that the
// repository's .pre-commit-hooks.yaml declares; it has no code of its own.
package precommit
