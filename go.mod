module github.com/rcuvet/rcuvet

go 1.26.0

require go.uber.org/goleak v1.3.0

require (
	golang.org/x/tools v0.51.0 // indirect
	honnef.co/go/tools v0.8.2 // indirect
)
