package qr

import (
	"math/bits"
	"sync"
)

// A QR code encoder for certificates: byte mode at error correction level
// M (ISO/IEC 18004), the smallest version that holds the payload. It does
// what github.com/skip2/go-qrcode did for us in a tenth of the time and
// without its allocations: encoding was most of the cost of printing a
// thousand certificates.

// Per version 1–40 at level M: error correction codewords per block, and
// blocks (ISO/IEC 18004 table 9).
var (
	qrECCPerBlock = [41]int{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26,
		28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28}
	qrBlocks = [41]int{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
		25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49}
)

// qrRawModules is how many modules of a version hold codewords (data and
// error correction), once the function patterns are drawn.
func qrRawModules(v int) int {
	n := (16*v+128)*v + 64
	if v >= 2 {
		align := v/7 + 2
		n -= (25*align-10)*align - 55
		if v >= 7 {
			n -= 36
		}
	}
	return n
}

func qrDataCodewords(v int) int { return qrRawModules(v)/8 - qrECCPerBlock[v]*qrBlocks[v] }

// qrEncode returns the dark modules of payload's QR code, without the
// quiet zone, row by row; nil when the payload is too long for any version.
// The byte segment declares its bytes UTF-8 (ECI designator 26), so that
// readers stop guessing: without it zbar took a name with one accented
// letter for Shift JIS, and phone scanners guess too.
func qrEncode(payload []byte) [][]bool { return qrEncodeECI(payload, true) }

// qrEncodeECI is qrEncode with or without the UTF-8 designator; without,
// it is what go-qrcode writes, which the tests hold it against.
func qrEncodeECI(payload []byte, eci bool) [][]bool {
	v := qrVersion(payload, eci)
	if v == 0 {
		return nil
	}
	return qrLayoutFor(v).symbol(qrCodewords(v, payload, eci))
}

// qrVersion is the smallest version that holds payload, or 0 for none.
func qrVersion(payload []byte, eci bool) int {
	header := 4
	if eci {
		header += 12 // the ECI mode indicator and an 8-bit designator
	}
	for v := 1; v <= 40; v++ {
		count := 8
		if v > 9 {
			count = 16
		}
		if header+count+8*len(payload) <= 8*qrDataCodewords(v) {
			return v
		}
	}
	return 0
}

// qrECIUTF8 is the ECI designator of UTF-8 (ISO/IEC 18004 and AIM ECI).
const qrECIUTF8 = 26

// qrCodewords lays payload out as byte-mode data (after the UTF-8 ECI
// designator when eci is set), pads it, adds the Reed–Solomon error
// correction of each block and interleaves the blocks.
func qrCodewords(v int, payload []byte, eci bool) []byte {
	capacity := qrDataCodewords(v)
	var bits qrBits
	if eci {
		bits.add(7, 4)
		bits.add(qrECIUTF8, 8)
	}
	bits.add(4, 4)
	if v > 9 {
		bits.add(len(payload), 16)
	} else {
		bits.add(len(payload), 8)
	}
	for _, b := range payload {
		bits.add(int(b), 8)
	}
	bits.add(0, min(4, 8*capacity-bits.n))
	bits.add(0, (8-bits.n%8)%8)
	for pad := 0xEC; len(bits.b) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.add(pad, 8)
	}

	blocks, eccLen := qrBlocks[v], qrECCPerBlock[v]
	raw := qrRawModules(v) / 8
	short := blocks - raw%blocks // blocks one data codeword shorter than the rest
	shortLen := raw / blocks
	products := qrLayoutFor(v).rsProducts
	all := make([][]byte, blocks)
	k := 0
	for i := range all {
		n := shortLen - eccLen
		if i >= short {
			n++
		}
		data := bits.b[k : k+n]
		k += n
		block := make([]byte, 0, shortLen+1)
		block = append(block, data...)
		if i < short {
			block = append(block, 0) // a hole the interleaving skips
		}
		all[i] = append(block, rsRemainder(data, products)...)
	}
	out := make([]byte, 0, raw)
	for i := range all[0] {
		for j, block := range all {
			if i != shortLen-eccLen || j >= short {
				out = append(out, block[i])
			}
		}
	}
	return out
}

type qrBits struct {
	b []byte
	n int // bits written
}

// add appends the low bits of value, most significant first, as many at
// a time as fit in the last byte.
func (q *qrBits) add(value, bits int) {
	for bits > 0 {
		used := q.n % 8
		if used == 0 {
			q.b = append(q.b, 0)
		}
		take := min(8-used, bits)
		chunk := value >> (bits - take) & (1<<take - 1)
		q.b[q.n/8] |= byte(chunk << (8 - used - take))
		q.n += take
		bits -= take
	}
}

// gfMul multiplies in GF(2⁸) modulo x⁸+x⁴+x³+x²+1.
func gfMul(x, y byte) byte {
	var z byte
	for i := 7; i >= 0; i-- {
		hi := z >> 7
		z = z<<1 ^ hi*0x1D
		z ^= (y >> i & 1) * x
	}
	return z
}

// rsDivisor is the generator polynomial of degree n, leading 1 left out.
func rsDivisor(n int) []byte {
	d := make([]byte, n)
	d[n-1] = 1
	root := byte(1)
	for range n {
		for j := range d {
			d[j] = gfMul(d[j], root)
			if j+1 < n {
				d[j] ^= d[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return d
}

// gfExp and gfLog turn products in GF(2⁸) into sums of logarithms; gfExp
// is doubled so that a sum of two logarithms needs no reduction.
var gfExp, gfLog = func() (exp [510]byte, log [256]int) {
	x := byte(1)
	for i := range 255 {
		exp[i], exp[i+255] = x, x
		log[x] = i
		x = gfMul(x, 2)
	}
	return exp, log
}()

// rsProducts are the generator polynomial's coefficients (leading 1 left
// out) multiplied by every byte: row f is the generator times f, which
// rsRemainder adds for a factor f, worked out once per version rather than
// a logarithm and an exponent per coefficient per codeword.
func rsProducts(n int) [][]byte {
	gen := rsDivisor(n)
	rows := make([][]byte, 256)
	all := make([]byte, 256*n)
	for f := range rows {
		rows[f] = all[f*n : (f+1)*n : (f+1)*n]
		if f == 0 {
			continue
		}
		for i, c := range gen {
			rows[f][i] = gfExp[gfLog[c]+gfLog[f]]
		}
	}
	return rows
}

// rsRemainder is the Reed–Solomon error correction of data: the remainder
// of its division by the generator whose multiples are products.
func rsRemainder(data []byte, products [][]byte) []byte {
	n := len(products[0])
	r := make([]byte, n)
	for _, b := range data {
		factor := b ^ r[0]
		copy(r, r[1:])
		r[n-1] = 0
		if factor == 0 {
			continue
		}
		for i, p := range products[factor][:n] {
			r[i] ^= p
		}
	}
	return r
}

type qrSymbol struct {
	size     int
	dark     [][]bool
	function [][]bool // finder, timing, alignment, format and version modules
}

func newQRSymbol(v int) *qrSymbol {
	size := 4*v + 17
	q := &qrSymbol{size: size, dark: make([][]bool, size), function: make([][]bool, size)}
	for y := range size {
		q.dark[y] = make([]bool, size)
		q.function[y] = make([]bool, size)
	}
	for i := range size {
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {size - 4, 3}, {3, size - 4}} {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x >= 0 && x < size && y >= 0 && y < size {
					ring := max(abs(dx), abs(dy))
					q.set(x, y, ring != 2 && ring != 4)
				}
			}
		}
	}
	align := qrAlignment(v)
	for i, ax := range align {
		for j, ay := range align {
			if i == 0 && j == 0 || i == 0 && j == len(align)-1 || i == len(align)-1 && j == 0 {
				continue // the finders are there
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					q.set(ax+dx, ay+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	q.drawFormat(0) // reserves the format modules before the data goes in
	if v >= 7 {
		rem := v
		for range 12 {
			rem = rem<<1 ^ rem>>11*0x1F25
		}
		bits := v<<12 | rem
		for i := range 18 {
			a, b := size-11+i%3, i/3
			q.set(a, b, bits>>i&1 != 0)
			q.set(b, a, bits>>i&1 != 0)
		}
	}
	return q
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// qrAlignment is where alignment patterns are centred, on both axes.
func qrAlignment(v int) []int {
	if v == 1 {
		return nil
	}
	n := v/7 + 2
	step := 26
	if v != 32 {
		step = (v*4 + n*2 + 1) / (n*2 - 2) * 2
	}
	out := make([]int, n)
	out[0] = 6
	for i, pos := n-1, 4*v+10; i > 0; i, pos = i-1, pos-step {
		out[i] = pos
	}
	return out
}

func (q *qrSymbol) set(x, y int, dark bool) {
	q.dark[y][x] = dark
	q.function[y][x] = true
}

// drawFormat writes the error correction level (M) and mask, twice.
func (q *qrSymbol) drawFormat(mask int) {
	data := mask // level M is 00
	rem := data
	for range 10 {
		rem = rem<<1 ^ rem>>9*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	for i := range 6 {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(q.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, q.size-15+i, bit(i))
	}
	q.set(8, q.size-8, true)
}

// placeCodewords fills the data modules in the zigzag of two-module
// columns from the bottom right.
func (q *qrSymbol) placeCodewords(data []byte) {
	i := 0
	q.placeOrder(func(x, y int) {
		if i < len(data)*8 {
			q.dark[y][x] = data[i>>3]>>(7-i&7)&1 != 0
			i++
		}
	})
}

// placeOrder calls place with each data module in the order data bits
// fill them.
func (q *qrSymbol) placeOrder(place func(x, y int)) {
	for right := q.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5 // the vertical timing pattern
		}
		for vert := range q.size {
			for j := range 2 {
				x, y := right-j, vert
				if (right+1)&2 == 0 {
					y = q.size - 1 - vert
				}
				if !q.function[y][x] {
					place(x, y)
				}
			}
		}
	}
}

func (q *qrSymbol) applyMask(mask int) {
	for y := range q.size {
		for x := range q.size {
			var invert bool
			switch mask {
			case 0:
				invert = (x+y)%2 == 0
			case 1:
				invert = y%2 == 0
			case 2:
				invert = x%3 == 0
			case 3:
				invert = (x+y)%3 == 0
			case 4:
				invert = (x/3+y/2)%2 == 0
			case 5:
				invert = x*y%2+x*y%3 == 0
			case 6:
				invert = (x*y%2+x*y%3)%2 == 0
			default:
				invert = ((x+y)%2+x*y%3)%2 == 0
			}
			if invert && !q.function[y][x] {
				q.dark[y][x] = !q.dark[y][x]
			}
		}
	}
}

// qrLayout is what every symbol of one version shares, worked out once:
// the function patterns as bit lines (with mask 0's format), where each
// data bit goes, and the modules each of the eight masks changes.
type qrLayout struct {
	size, words int
	rows, cols  []uint64 // the blank symbol: function patterns only
	// place says where each data bit goes, in placement order: the word
	// and bit of its module in the row lines and in the column lines,
	// worked out once, as a symbol places some 3,000 of them.
	place      []qrPlace
	masks      qrMasks
	rsProducts [][]byte // of the Reed–Solomon generator of the version's blocks (see rsProducts)
}

// qrPlace is where one data module is in a symbol's bit lines.
type qrPlace struct {
	rowWord, colWord int32
	rowBit, colBit   uint8
}

// qrMasks hold, for one version, the modules each of the eight masks
// changes: the data modules it inverts and the format modules that name
// it, as bit lines (rows, then columns) so that trying a mask is a XOR.
type qrMasks struct {
	rows, cols [8][]uint64
}

var qrLayoutCache struct {
	sync.Mutex
	byVersion [41]*qrLayout
}

func qrLayoutFor(v int) *qrLayout {
	qrLayoutCache.Lock()
	defer qrLayoutCache.Unlock()
	if l := qrLayoutCache.byVersion[v]; l != nil {
		return l
	}
	blank := newQRSymbol(v)
	l := &qrLayout{size: blank.size, rsProducts: rsProducts(qrECCPerBlock[v])}
	l.rows, l.cols, l.words = blank.bitLines()
	blank.placeOrder(func(x, y int) {
		l.place = append(l.place, qrPlace{rowWord: int32(y*l.words + x/64), rowBit: uint8(x % 64),
			colWord: int32(x*l.words + y/64), colBit: uint8(y % 64)})
	})
	for mask := range 8 {
		q := newQRSymbol(v)
		q.applyMask(mask)
		q.drawFormat(mask)
		l.masks.rows[mask], l.masks.cols[mask], _ = q.bitLines()
		xorLines(l.masks.rows[mask], l.masks.rows[mask], l.rows)
		xorLines(l.masks.cols[mask], l.masks.cols[mask], l.cols)
	}
	qrLayoutCache.byVersion[v] = l
	return l
}

// symbol places the codewords into the blank symbol, masks it with the
// mask of lowest penalty and returns its dark modules: the same symbol as
// placeCodewords, applyMask and drawFormat make module by module, in a
// fraction of the time.
func (l *qrLayout) symbol(codewords []byte) [][]bool {
	n, words := l.size, l.words
	rows := l.maskedRows(codewords)
	cells := make([]bool, n*n)
	dark := make([][]bool, n)
	for y := range dark {
		dark[y] = cells[y*n : (y+1)*n : (y+1)*n]
		for x := range dark[y] {
			dark[y][x] = rows[y*words+x/64]>>(x%64)&1 != 0
		}
	}
	return dark
}

// maskedRows is symbol's modules as bit lines, one row after another
// (see bitLines).
func (l *qrLayout) maskedRows(codewords []byte) []uint64 {
	n, words := l.size, l.words
	lines := make([]uint64, 4*n*words)
	rows, cols := lines[:n*words:n*words], lines[n*words:2*n*words]
	copy(rows, l.rows)
	copy(cols, l.cols)
	for i, p := range l.place[:min(len(l.place), 8*len(codewords))] {
		if codewords[i>>3]>>(7-i&7)&1 != 0 {
			rows[p.rowWord] |= 1 << p.rowBit
			cols[p.colWord] |= 1 << p.colBit
		}
	}
	tryRows, tryCols := lines[2*n*words:3*n*words], lines[3*n*words:]
	best, bestPenalty := 0, -1
	for mask := range 8 {
		xorLines(tryRows, rows, l.masks.rows[mask])
		xorLines(tryCols, cols, l.masks.cols[mask])
		if p := qrPenalty(tryRows, tryCols, n, words); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = mask, p
		}
	}
	xorLines(rows, rows, l.masks.rows[best])
	return rows
}

// packed is rows (bit lines of a symbol of side n) as a one-bit image:
// eight modules to a byte, the first the most significant, each row
// starting on a byte.
func packed(rows []uint64, n int) []byte {
	words, rowBytes := (n+63)/64, (n+7)/8
	out := make([]byte, n*rowBytes)
	for y := range n {
		line := rows[y*words : (y+1)*words]
		for j := range rowBytes {
			// Module x is bit x%64 of word x/64: least significant first.
			out[y*rowBytes+j] = bits.Reverse8(uint8(line[j/8] >> (8 * (j % 8))))
		}
	}
	return out
}

// bitLines returns the dark modules as bit lines: rows then columns, words
// uint64 to a line, module x of a line at bit x%64 of word x/64.
func (q *qrSymbol) bitLines() (rows, cols []uint64, words int) {
	n := q.size
	words = (n + 63) / 64
	rows, cols = make([]uint64, n*words), make([]uint64, n*words)
	for y, row := range q.dark {
		for x, d := range row {
			if d {
				rows[y*words+x/64] |= 1 << (x % 64)
				cols[x*words+y/64] |= 1 << (y % 64)
			}
		}
	}
	return rows, cols, words
}

func xorLines(dst, a, b []uint64) {
	for i := range dst {
		dst[i] = a[i] ^ b[i]
	}
}

// qrBestMask is the mask that gives q (its data placed, drawn with mask 0's
// format) the lowest penalty, the first of equals as the standard asks.
func qrBestMask(q *qrSymbol) int {
	l := qrLayoutFor((q.size - 17) / 4)
	rows, cols, words := q.bitLines()
	// The format is drawn for mask 0 already; the masks' lines change it.
	masked := make([]uint64, 2*len(rows))
	tryRows, tryCols := masked[:len(rows)], masked[len(rows):]
	best, bestPenalty := 0, -1
	for mask := range 8 {
		xorLines(tryRows, rows, l.masks.rows[mask])
		xorLines(tryCols, cols, l.masks.cols[mask])
		if p := qrPenalty(tryRows, tryCols, q.size, words); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = mask, p
		}
	}
	return best
}

// qrPenalty scores how hard a symbol is to scan (ISO/IEC 18004 7.8.3):
// long runs, 2×2 blocks, look-alikes of the finder pattern and an
// imbalance of dark and light. It runs eight times per code, so it works
// on 64 modules at a time.
func qrPenalty(rows, cols []uint64, n, words int) int {
	p := 0
	for _, lines := range [2][]uint64{rows, cols} {
		for start := 0; start < len(lines); start += words {
			p += qrLinePenalty(lines[start:start+words], n)
		}
	}
	for y := 0; y+1 < n; y++ {
		a, b := rows[y*words:(y+1)*words], rows[(y+1)*words:(y+2)*words]
		for i := range words {
			block := ^(a[i] ^ b[i]) &^ (a[i] ^ shifted(a, i, 1)) &^ (b[i] ^ shifted(b, i, 1)) & upTo(i, n-2)
			p += 3 * bits.OnesCount64(block)
		}
	}
	dark := 0
	for _, w := range rows {
		dark += bits.OnesCount64(w)
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + 10*k
}

// qrLinePenalty scores one row or column for runs and finder look-alikes.
func qrLinePenalty(line []uint64, n int) int {
	// The line between two light words, so that a module beyond either
	// end reads as light without a test (177 modules, version 40, take
	// three words).
	var padded [3 + 2]uint64
	copy(padded[1:], line)
	p := 0
	for i := range line {
		before, word, after := padded[i], padded[i+1], padded[i+2]
		// at(k) is word i moved by k modules: its bit j is module
		// 64i+j+k. k is a constant at every call, so the test goes.
		at := func(k int) uint64 {
			if k >= 0 {
				return word>>k | after<<(64-k)
			}
			return word<<-k | before>>(64+k)
		}
		same := func(k int) uint64 { return ^(at(k) ^ at(k+1)) } // modules x+k and x+k+1 alike
		// A run of L ≥ 5 alike scores L−2: one for each of its L−4
		// windows of five, and two more where it starts.
		run5 := same(0) & same(1) & same(2) & same(3) & upTo(i, n-5)
		continues := same(-1)
		if i == 0 {
			continues &^= 1 // nothing comes before the first module
		}
		p += bits.OnesCount64(run5) + 2*bits.OnesCount64(run5&^continues)
		// Dark-light-dark×3-light-dark with four light modules on either
		// side; beyond the edge counts as light.
		finder := at(0) &^ at(1) & at(2) & at(3) & at(4) &^ at(5) & at(6) & upTo(i, n-7)
		darkBefore := at(-1) | at(-2) | at(-3) | at(-4)
		darkAfter := at(7) | at(8) | at(9) | at(10)
		p += 40 * bits.OnesCount64(finder&^(darkBefore&darkAfter))
	}
	return p
}

// shifted is word i of a bit line moved by k modules: its bit j is module
// 64i+j+k (k may be negative), light beyond either end.
func shifted(line []uint64, i, k int) uint64 {
	if k >= 0 {
		w := line[i] >> k
		if i+1 < len(line) {
			w |= line[i+1] << (64 - k)
		}
		return w
	}
	w := line[i] << -k
	if i > 0 {
		w |= line[i-1] >> (64 + k)
	}
	return w
}

// upTo keeps, in word i, the bits of modules 0..last.
func upTo(i, last int) uint64 {
	switch first := 64 * i; {
	case last < first:
		return 0
	case last >= first+63:
		return ^uint64(0)
	default:
		return 1<<(last-first+1) - 1
	}
}
