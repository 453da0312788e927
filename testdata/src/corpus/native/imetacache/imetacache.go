// Case: a TTL cache: hits return the loaded map (documented read-only, callers only read), misses build a fresh map and store it, last writer wins
// Source: idiom: github.com/prometheus/prometheus@v0.316.0 web/api/v1/search.go searchMetadataCache and API.buildMetricMetadataMap ("Callers must treat the returned map as read-only"; "concurrent writers race and the last Store wins, which is acceptable")
// Kind: idiom
// Pair: none

package imetacache

import (
	"sync/atomic"
	"time"
)

// MetricMetadata describes one metric family.
type MetricMetadata struct {
	MetricFamily string
	Type         string
	Help         string
}

type metadataCacheEntry struct {
	built time.Time
	data  map[string][]MetricMetadata
}

type searchMetadataCache struct {
	entry atomic.Pointer[metadataCacheEntry]
}

const ttl = 30 * time.Second

// buildMetadataMap returns metadata keyed by family. On a cache hit the map is
// the cached one, so callers only read it.
func (c *searchMetadataCache) buildMetadataMap(now time.Time, targets [][]MetricMetadata) map[string][]MetricMetadata {
	if e := c.entry.Load(); e != nil && now.Sub(e.built) < ttl {
		return e.data
	}
	out := map[string][]MetricMetadata{}
	for _, mds := range targets {
		for _, md := range mds {
			out[md.MetricFamily] = append(out[md.MetricFamily], md)
		}
	}
	c.entry.Store(&metadataCacheEntry{built: now, data: out})
	return out
}

// help is a caller: it only reads the map.
func (c *searchMetadataCache) help(now time.Time, targets [][]MetricMetadata, family string) string {
	m := c.buildMetadataMap(now, targets)
	if mds := m[family]; len(mds) > 0 {
		return mds[0].Help
	}
	return ""
}
