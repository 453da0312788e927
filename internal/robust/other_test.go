//go:build !unix

package robust

import (
	"os"
	"time"
)

func quit(p *os.Process) error { return p.Kill() }

func cpuTime() time.Duration { return 0 }
