// Case: lease manager ranges over an rcuapi.Map inside an SRCU section, notifies expired holders over the network and deletes their leases from inside that section, then closes the deleted leases after one SRCU grace period
// Source: idiom: SRCU readers may block and may call the map's update methods (rcuapi.Map.Range docs); one synchronize_srcu() per batch of deletions
// Kind: idiom

package srcuexpiry

import (
	"io"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type lease struct {
	holder  string
	expires time.Time
	watch   io.Closer // the holder's watch stream
}

type Manager struct {
	dom    rcuapi.SRCU
	leases rcuapi.Map[string, *lease]
	notify func(holder, key string) error // network call
}

// Expire revokes every lease that has expired by now.
func (m *Manager) Expire(now time.Time) (revoked int, err error) {
	var gone []*lease
	s := m.dom.ReadLock()
	for key, l := range m.leases.Range(s) {
		if now.Before(l.expires) {
			continue
		}
		if nerr := m.notify(l.holder, key); nerr != nil && err == nil {
			err = nerr
		}
		if old, ok := m.leases.Delete(key); ok {
			gone = append(gone, old)
		}
	}
	m.dom.ReadUnlock(s)
	if len(gone) == 0 {
		return 0, err
	}
	m.dom.Synchronize()
	for _, l := range gone {
		l.watch.Close()
	}
	return len(gone), err
}

// Holder returns who holds key.
func (m *Manager) Holder(key string) (string, bool) {
	s := m.dom.ReadLock()
	defer m.dom.ReadUnlock(s)
	l, ok := m.leases.Load(s, key)
	if !ok {
		return "", false
	}
	return l.holder, true
}
