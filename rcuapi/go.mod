module github.com/rcuvet/rcuvet/rcuapi

go 1.26.0
