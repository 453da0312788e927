//go:build race

package rcuapi_test

const raceEnabled = true
