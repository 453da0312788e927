package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// QSBR online periods. A QSBR reader handle that is online holds up every
// grace period of its domain until it passes a quiescent state, so all the
// time it is online is one long read-side section: it must not block
// there (RCU1005), nor wait for its own domain's grace period, directly or
// one or more calls down (RCU1006), and a lock it takes there is a lock a
// reader takes inside its section (RCU3003). An offline handle's sections
// protect nothing: reading under one is reading under no section (RCU1001).
//
// checkQSBROnline follows, in each function, the handles it registers
// (online from Register) and the handles it is given (state unknown), as
// Online makes them online and Offline or Unregister offline; Quiescent
// keeps a handle online.

// onlineState is what may hold at a point: the handles online (-> where
// they went online), those offline (-> where they went offline), and
// those with a section open (-> its ReadLock).
type onlineState struct {
	online, offline, inSection map[ssa.Value]token.Pos
}

func (s onlineState) clone() onlineState {
	return onlineState{maps.Clone(s.online), maps.Clone(s.offline), maps.Clone(s.inSection)}
}

func (s *onlineState) join(o onlineState) bool {
	a := mergeInto(s.online, o.online)
	b := mergeInto(s.offline, o.offline)
	c := mergeInto(s.inSection, o.inSection)
	return a || b || c
}

// qsbrHandle is a reader handle a function uses: its domain, as a value
// within the function (for a handle it registers) and as a class.
type qsbrHandle struct {
	domain ref
	class  ident.Class
	name   string
}

func (e *engine) checkQSBROnline(fn *ssa.Function) {
	handles := make(map[ssa.Value]qsbrHandle)
	for instr := range instructions(fn) {
		if c, ok := instr.(*ssa.Call); ok && methodName(c.Common()) == rcuapiPath+".QSBR.Register" && !kept(c) {
			d := c.Common().Args[0]
			handles[c] = qsbrHandle{domain: refOf(d), class: valueClass(d), name: refOf(d).name()}
		}
	}
	for _, p := range fn.Params {
		if isQSBRReader(p.Type()) {
			handles[p] = qsbrHandle{class: e.qsbrDomain(p), name: p.Name()}
		}
	}
	if len(handles) == 0 {
		return
	}
	offline := make(map[*ssa.Call]token.Pos) // sections begun while their handle was offline
	step := func(b *ssa.BasicBlock, st onlineState, report bool) onlineState {
		for _, instr := range b.Instrs {
			if report {
				e.checkOnlineAt(instr, st, handles)
			}
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			cc := c.Common()
			if _, ok := handles[c]; ok {
				st.online[c] = c.Pos()
				delete(st.offline, c)
				continue
			}
			if len(cc.Args) == 0 {
				continue
			}
			h := cc.Args[0]
			if _, ok := handles[h]; !ok {
				continue
			}
			switch methodName(cc) {
			case rcuapiPath + ".QSBRReader.Offline", rcuapiPath + ".QSBRReader.Unregister":
				delete(st.online, h)
				st.offline[h] = c.Pos()
			case rcuapiPath + ".QSBRReader.Online":
				st.online[h] = c.Pos()
				delete(st.offline, h)
			case rcuapiPath + ".QSBRReader.ReadLock":
				if at, ok := st.offline[h]; ok && report {
					offline[c] = at
				}
				st.inSection[h] = c.Pos()
			case rcuapiPath + ".QSBRReader.ReadUnlock":
				delete(st.inSection, h)
			}
		}
		return st
	}
	init := onlineState{map[ssa.Value]token.Pos{}, map[ssa.Value]token.Pos{}, map[ssa.Value]token.Pos{}}
	in := forward(fn, init, onlineState.clone, (*onlineState).join,
		func(b *ssa.BasicBlock, st onlineState) onlineState { return step(b, st, false) }, nil)
	for _, b := range fn.Blocks {
		if in[b.Index] != nil {
			step(b, in[b.Index].clone(), true)
		}
	}
	if len(offline) == 0 {
		return
	}
	// Dereferences under those sections read under no section.
	for instr := range instructions(fn) {
		c, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee := c.Common().StaticCallee()
		if callee == nil {
			continue
		}
		obj, _ := callee.Object().(*types.Func)
		role, ok := e.model.Lookup(obj).Has(apisem.Deref)
		if !ok || role.Arg >= len(c.Common().Args) {
			continue
		}
		if rl, ok := c.Common().Args[role.Arg].(*ssa.Call); ok {
			if at, ok := offline[rl]; ok {
				e.report(derefEnded, c.Pos(), fmt.Sprintf("Dereference under the section begun by ReadLock at %s while its QSBR reader was offline (since %s): an offline reader's sections hold up no grace period, so they protect nothing; call Online before ReadLock", e.at(rl.Pos()), e.at(at)), rel(at, "the reader goes offline here"))
			}
		}
	}
}

// checkOnlineAt records what instr does wrong while handles of st are
// online: blocking, waiting for their domain, taking a lock.
func (e *engine) checkOnlineAt(instr ssa.Instruction, st onlineState, handles map[ssa.Value]qsbrHandle) {
	if len(st.online) == 0 && len(st.inSection) == 0 {
		return
	}
	// One online handle is enough to name: the first registered.
	var h ssa.Value
	for v := range st.online {
		if h == nil || e.comparePos(st.online[v], st.online[h]) < 0 {
			h = v
		}
	}
	hd := handles[h]
	why := ""
	switch v := instr.(type) {
	case *ssa.Send:
		why = "sends on a channel" // brief, outside a section: see briefBlock
	case *ssa.UnOp:
		if v.Op == token.ARROW {
			why = "receives from a channel"
		}
	case *ssa.Select:
		if v.Blocking {
			why = "waits in a select without a default case"
		}
	case *ssa.Call:
		c := v.Common()
		fn := c.StaticCallee()
		if fn == nil {
			why = networkCall(c) // conn.Write through net.Conn
			break
		}
		for _, a := range c.Args {
			if _, ok := st.online[a]; ok && (fn.Signature.Recv() == nil || !isRCUType(fn.Signature.Recv().Type(), "QSBRReader")) {
				return // the callee is given the handle: it may go offline itself
			}
		}
		if op := lockClassOf(v, fn); op.Known() && hd.class.Known() {
			k := lockIn{hd.class, op}
			if _, ok := e.readerLocks[k]; !ok {
				e.readerLocks[k] = v.Pos() // a reader's lock, for RCU3003
			}
		}
		obj, _ := fn.Object().(*types.Func)
		if api := e.model.Lookup(obj); api != nil {
			role, ok := api.Has(apisem.Sync)
			if !ok {
				role, ok = api.Has(apisem.Barrier)
			}
			if ok && role.Domain >= 0 && role.Domain < len(c.Args) {
				for oh, at := range st.online {
					d := handles[oh]
					if r := refOf(c.Args[role.Domain]); d.domain.known() && r == d.domain || d.class.Known() && valueClass(c.Args[role.Domain]).Var() == d.class.Var() {
						e.report(selfWaitQSBR, v.Pos(), fmt.Sprintf("%s of %s while this goroutine's handle of it, registered at %s, may be online: the grace period waits for that handle, which waits here; call Offline on the handle first (and Online after)", fn.Name(), "QSBR domain "+d.name, e.at(at)), rel(at, "the handle goes online here"))
						return
					}
				}
			}
			return // the rest of the API does not block
		}
		if w := networkCall(c); w != "" {
			why = w
			break
		}
		var m = e.funcBlocksOf(fn, obj)
		if m == nil {
			return
		}
		if m.GraceWhy != "" {
			for oh, at := range st.online {
				d := handles[oh]
				if cl := atCall(m.GraceDomain, c); d.class.Known() && cl.Var() == d.class.Var() {
					e.report(selfWaitQSBR, v.Pos(), fmt.Sprintf("call to %s, which %s, while this goroutine's handle of QSBR domain %s, online since %s, may be online: the grace period waits for that handle, which waits here; call Offline on the handle first (and Online after)", fn.Name(), m.GraceWhy, d.name, e.at(at)), rel(at, "the handle goes online here"))
					return
				}
			}
		}
		if m.Why != "" {
			why = "calls a function literal that " + m.Why
			if obj != nil {
				why = e.blocking.Call(obj).Why
			}
		}
	}
	if why == "" {
		return
	}
	// Inside a section every block counts, brief or not, as it does in a
	// classic section: the section is the reader's promise not to wait.
	var sh ssa.Value // the section begun first, of a handle not known offline
	for v, at := range st.inSection {
		if _, off := st.offline[v]; !off && (sh == nil || e.comparePos(at, st.inSection[sh]) < 0) {
			sh = v
		}
	}
	if sh != nil {
		at := st.inSection[sh]
		e.report(blockOnline, instr.Pos(), fmt.Sprintf("%s inside the read-side section of %s begun at %s: a QSBR reader that blocks in its section holds up every grace period of its domain; copy out what you need and end the section first", why, e.readerName(sh), e.at(at)), rel(at, "the section begins here"))
		return
	}
	if len(st.online) == 0 || briefBlock(why) {
		return
	}
	at := st.online[h]
	e.report(blockOnline, instr.Pos(), fmt.Sprintf("%s while %s is online (since %s): an online reader that blocks holds up every grace period of its domain; call Offline before blocking (and Online after)", why, e.readerName(h), e.at(at)), rel(at, "the reader goes online here"))
}

// briefBlock reports whether a reason to block is brief enough for an
// online QSBR reader outside its sections: a send (its consumer takes it),
// a mutex held for a moment. Waiting for something that may never come
// (a receive, a select, a sleep, I/O, a WaitGroup) holds up every grace
// period of the domain, and is reported. Inside a section every block is
// (rcu1005_block.go).
func briefBlock(why string) bool {
	last := why
	if i := strings.LastIndex(why, "which "); i >= 0 {
		last = why[i+len("which "):]
	}
	switch {
	case strings.HasPrefix(last, "sends on a channel"):
		return true
	case strings.HasPrefix(last, "calls sync.Mutex.Lock"), strings.HasPrefix(last, "calls sync.RWMutex.Lock"), strings.HasPrefix(last, "calls sync.RWMutex.RLock"):
		return true
	}
	return false
}

// funcBlocksOf returns why fn may block, or nil.
func (e *engine) funcBlocksOf(fn *ssa.Function, obj *types.Func) *blocking.MayBlock {
	if obj != nil {
		return e.blocking.Func(obj)
	}
	return e.funcBlocks(fn)
}

// readerName names a reader handle for messages: the parameter, or the
// handle a Register call made.
func (e *engine) readerName(h ssa.Value) string {
	if p, ok := h.(*ssa.Parameter); ok {
		return "QSBR reader " + p.Name()
	}
	return "the QSBR reader registered at " + e.at(h.Pos())
}
