// Case: the constructor stores a typed nil head before any path can load it
// Source: ethereum/go-ethereum PR #19352 https://github.com/ethereum/go-ethereum/pull/19352, code at the fix ead711779d6e, core/blockchain.go NewBlockChain (var nilBlock *types.Block; bc.currentBlock.Store(nilBlock))
// Kind: fixed
// Pair: geth19352bad

package geth19352fixed

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
	var nilBlock *Block
	bc.currentBlock.Store(nilBlock)
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
	return bc.currentBlock.Load().(*Block)
}
