//go:build !race

package rcuapi_test

const raceEnabled = false
