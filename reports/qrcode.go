package reports

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
func qrEncode(payload []byte) [][]bool {
	v := 1
	for ; v <= 40; v++ {
		count := 8
		if v > 9 {
			count = 16
		}
		if 4+count+8*len(payload) <= 8*qrDataCodewords(v) {
			break
		}
	}
	if v > 40 {
		return nil
	}
	q := newQRSymbol(v)
	q.placeCodewords(qrCodewords(v, payload))
	best, bestPenalty := 0, -1
	for mask := range 8 {
		q.applyMask(mask)
		q.drawFormat(mask)
		if p := q.penalty(); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = mask, p
		}
		q.applyMask(mask) // masking twice undoes it
	}
	q.applyMask(best)
	q.drawFormat(best)
	return q.dark
}

// qrCodewords lays payload out as byte-mode data, pads it, adds the
// Reed–Solomon error correction of each block and interleaves the blocks.
func qrCodewords(v int, payload []byte) []byte {
	capacity := qrDataCodewords(v)
	var bits qrBits
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
	divisor := rsDivisor(eccLen)
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
		all[i] = append(block, rsRemainder(data, divisor)...)
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

func (q *qrBits) add(value, bits int) {
	for i := bits - 1; i >= 0; i-- {
		if q.n%8 == 0 {
			q.b = append(q.b, 0)
		}
		if value>>i&1 != 0 {
			q.b[q.n/8] |= 0x80 >> (q.n % 8)
		}
		q.n++
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

func rsRemainder(data, divisor []byte) []byte {
	r := make([]byte, len(divisor))
	for _, b := range data {
		factor := b ^ r[0]
		copy(r, r[1:])
		r[len(r)-1] = 0
		for i, c := range divisor {
			r[i] ^= gfMul(c, factor)
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
				if !q.function[y][x] && i < len(data)*8 {
					q.dark[y][x] = data[i>>3]>>(7-i&7)&1 != 0
					i++
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

// penalty scores how hard the symbol is to scan: long runs, 2×2 blocks,
// look-alikes of the finder pattern and an imbalance of dark and light.
// It runs eight times per code, so it works on flat copies of the rows
// and the columns, one byte (0 or 1) per module.
func (q *qrSymbol) penalty() int {
	n := q.size
	rows, cols := make([]byte, n*n), make([]byte, n*n)
	dark := 0
	for y, row := range q.dark {
		for x, d := range row {
			if d {
				rows[y*n+x], cols[x*n+y] = 1, 1
				dark++
			}
		}
	}
	p := 0
	for _, grid := range [][]byte{rows, cols} {
		for start := 0; start < n*n; start += n {
			line := grid[start : start+n]
			run := 1
			for x := 1; x < n; x++ {
				if line[x] != line[x-1] {
					run = 1
					continue
				}
				run++
				if run == 5 {
					p += 3
				} else if run > 5 {
					p++
				}
			}
			for x := 0; x+7 <= n; x++ {
				w := line[x : x+7 : x+7]
				if w[0]&^w[1]&w[2]&w[3]&w[4]&^w[5]&w[6] == 1 && (allLight(line, x-4, x) || allLight(line, x+7, x+11)) {
					p += 40
				}
			}
		}
	}
	for y := 0; y+1 < n; y++ {
		a, b := rows[y*n:(y+1)*n], rows[(y+1)*n:(y+2)*n]
		for x := 0; x+1 < n; x++ {
			if c := a[x]; a[x+1] == c && b[x] == c && b[x+1] == c {
				p += 3
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + 10*k
}

// allLight reports whether modules from..to-1 of a line are all light,
// counting those beyond the edge as light.
func allLight(line []byte, from, to int) bool {
	for i := max(from, 0); i < min(to, len(line)); i++ {
		if line[i] != 0 {
			return false
		}
	}
	return true
}
