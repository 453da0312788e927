module fixtures

go 1.26.0

require github.com/rcuvet/rcuvet/rcuapi v0.0.0

replace github.com/rcuvet/rcuvet/rcuapi => ../../rcuapi
