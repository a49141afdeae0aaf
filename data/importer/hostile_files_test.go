package importer

import "github.com/atelier-workshops/atelier/data/importer/importtest"

// The hostile workbooks of these tests are made by package importtest,
// which the command line's tests share.
type hostileSheet = importtest.Sheet

const (
	sheetHead = importtest.SheetHead
	sheetTail = importtest.SheetTail
)

var (
	xlsxParts        = importtest.Parts
	inlineRow        = importtest.InlineRow
	writeHostileXLSX = importtest.WriteXLSX
	inflatingSheet   = importtest.Inflating
	hugeCellSheet    = importtest.HugeCell
)
