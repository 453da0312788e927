// Package errlib is an error library in the style of
// github.com/cockroachdb/errors: every constructor and wrapper returns its
// one *withStack.
package errlib

import "fmt"

type leaf struct{ msg string }

func (e *leaf) Error() string { return e.msg }

type withStack struct {
	cause error
	pcs   []uintptr
}

func (e *withStack) Error() string { return e.cause.Error() }

func withStackDepth(err error, depth int) error {
	if err == nil {
		return nil
	}
	return &withStack{cause: err, pcs: make([]uintptr, depth)}
}

// Newf makes an error with a stack.
func Newf(format string, args ...any) error {
	var err error = &leaf{msg: fmt.Sprintf(format, args...)}
	err = withStackDepth(err, 1)
	return err
}

// Wrap adds a message and a stack to err.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	if msg != "" {
		err = fmt.Errorf("%s: %w", msg, err)
	}
	err = withStackDepth(err, 1)
	return err
}

// Plain returns one of two types.
func Plain(code int) error {
	if code == 0 {
		return &leaf{msg: "zero"}
	}
	return fmt.Errorf("code %d", code)
}

// Status returns nil for code 0, as grpc's status.Error does for OK.
func Status(code int, msg string) error {
	if code == 0 {
		return nil
	}
	return &leaf{msg: msg}
}
