// Case: exitsynchronize
// Source: LKML 2009 series "use rcu_barrier() on module unload" (https://lkml.iu.edu/hypermail/linux/kernel/0906.1/00224.html: synchronize_rcu() does not wait for callbacks); Documentation/RCU/rcubarrier.rst
// Kind: bad
// Pair: -
package exitsynchronize

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type WordList struct {
	Words []string
}

type Filter struct {
	mu    sync.Mutex
	list  rcuapi.Pointer[WordList]
	stop  bool
	freed int
}

var profanity Filter

func Blocked(msg string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, w := range profanity.list.Dereference(s).Words {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

func SetWords(words []string) {
	profanity.mu.Lock()
	defer profanity.mu.Unlock()
	if profanity.stop {
		return
	}
	profanity.list.Replace(&WordList{Words: words}, &profanity.mu)
	rcuapi.Call(func() {
		profanity.mu.Lock()
		profanity.freed++
		profanity.mu.Unlock()
	})
}

var Module = &rcuapi.Module{
	Name: "chat-filter",
	Init: func() error {
		profanity.list.Init(&WordList{})
		return nil
	},
	Exit: func() {
		profanity.mu.Lock()
		profanity.stop = true
		profanity.mu.Unlock()
		rcuapi.Synchronize() // expect RCU6002
	},
}
