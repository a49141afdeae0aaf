// Package reports turns a workshop's data into the documents organisers
// hand out and send on: the programme, sign-in sheets and certificates as
// PDF, and the secretariat's Excel workbook. It knows nothing of the GUI.
// It reads from package data, with one exception: IssueAndPrintCertificates
// (certificate_files.go) has data enter the certificates it prints in the
// register. Two libraries of its own live beside it and import nothing of
// Atelier: qr, the QR encoder of the certificates, and pdfsplit, which cuts
// the certificates' PDF into one file each.
//
// Every PDF starts from newDocument (pdf.go), which embeds DejaVu Sans from
// package assets and gives the helpers documents share: text normalised to
// NFC with tone marks that NFC cannot compose placed above capitals by hand
// (text), text that shrinks to fit a width and is never cut (fitText),
// wrapping that keeps no-break spaces (lines, paragraph), logos from bytes
// with their aspect ratio kept (image), country names in the document's
// language (countryName) and a footer with page numbers. Documents speak the
// workshop's working language, whatever the interface's: their labels are
// in words.go and their dates in dates.go. Each document loads its data in
// one Load function and renders it in a Write function that does no I/O,
// so that tests can render data built in memory.
package reports
