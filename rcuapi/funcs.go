package rcuapi

import (
	"reflect"
	"runtime"
	"strconv"
	"strings"
)

// funcName is the name the runtime gives fn's code, such as
// "example.com/filters.(*Counter).flush-fm".
func funcName(fn any) string {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return ""
	}
	if f := runtime.FuncForPC(v.Pointer()); f != nil {
		return f.Name()
	}
	return ""
}

// packageOf returns the package path part of a runtime function name: the
// text up to the first dot after the last slash. The runtime escapes dots in
// the last path element, so that dot always ends the package path.
func packageOf(funcName string) string {
	slash := strings.LastIndexByte(funcName, '/')
	dot := strings.IndexByte(funcName[slash+1:], '.')
	if dot < 0 {
		return funcName
	}
	return funcName[:slash+1+dot]
}

func itoa(i int) string { return strconv.Itoa(i) }
