// Package pdfsplit cuts a PDF, as fpdf writes it, into one file per page:
// each file holds its page and what the page uses (fonts, images), copied
// byte for byte, with the document's information and a language of its
// own. It imports nothing of Atelier.
package pdfsplit

// Cutter cuts single pages out of one parsed PDF.
type Cutter struct{ c *pageCutter }

// New parses src and finds its pages; nothing is cut yet, so that a caller
// can check the page count first.
func New(src []byte) (*Cutter, error) {
	c, err := newPageCutter(src)
	if err != nil {
		return nil, err
	}
	return &Cutter{c}, nil
}

// Pages is how many pages the PDF has.
func (c *Cutter) Pages() int { return c.c.pageCount() }

// Cut makes a PDF of page i (from 0) alone; lang, when not empty, becomes
// the file's language. Cutting different pages at once is safe.
func (c *Cutter) Cut(i int, lang string) []byte { return c.c.cut(i, lang) }
