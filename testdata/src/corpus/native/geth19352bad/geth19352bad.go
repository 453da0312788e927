// Case: the chain head is an atomic.Value that the constructor's recovery path loads (with an unchecked type assertion) before anything was stored
// Source: ethereum/go-ethereum PR #19352 https://github.com/ethereum/go-ethereum/pull/19352 (fixes #19286), code at its parent 2133f18f15a3 (v1.9.5 plus 12 commits), core/blockchain.go NewBlockChain, loadLastState and CurrentBlock (bc.currentBlock.Load().(*types.Block)); the report is expected at the assertion, since no Store exists to report at
// Kind: bad
// Pair: geth19352fixed

package geth19352bad

import (
	"errors"
	"sync/atomic"
)

// Block is a chain block.
type Block struct {
	Number uint64
	Hash   [32]byte
}

// BlockChain is the canonical chain.
type BlockChain struct {
	db           map[[32]byte]*Block
	headHash     [32]byte
	currentBlock atomic.Value // *Block
}

// NewBlockChain opens the chain stored in db.
func NewBlockChain(db map[[32]byte]*Block, head [32]byte) (*BlockChain, error) {
	bc := &BlockChain{db: db, headHash: head}
	if err := bc.loadLastState(); err != nil {
		return nil, err
	}
	return bc, nil
}

func (bc *BlockChain) loadLastState() error {
	head, ok := bc.db[bc.headHash]
	if !ok {
		// Corrupt database: repair by rewinding from whatever is current.
		return bc.reset()
	}
	bc.currentBlock.Store(head)
	return nil
}

func (bc *BlockChain) reset() error {
	if cur := bc.CurrentBlock(); cur == nil || cur.Number == 0 {
		return errors.New("no genesis")
	}
	return nil
}

// CurrentBlock returns the head of the chain.
func (bc *BlockChain) CurrentBlock() *Block {
	return bc.currentBlock.Load().(*Block) // expect RCU7005
}
