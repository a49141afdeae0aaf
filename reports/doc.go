// Package reports turns a workshop's data into the documents organisers
// hand out and send on: as PDF the programme, sign-in sheets, certificates,
// letters (visa invitation, grant award, attendance), badges and table
// cards, and the logistics sheets; the secretariat's Excel workbook and the
// overview of several files; and the verifier page. It knows nothing of the
// GUI. It reads from package data, with two exceptions, each printing what
// it issues in the same step: IssueAndPrintCertificates
// (certificate_files.go) has data enter the certificates it prints in the
// register, and IssueAndPrintLetters and PrintLetter (letter_output.go) do
// the same for letters. Three libraries of its own live beside it and
// import nothing of Atelier: qr, the QR encoder of the certificates;
// pdfsplit, which cuts the certificates' PDF into one file each; and
// pdfraster, which draws a page of a PDF into an image for the window's
// preview.
//
// Every PDF starts from newDocument (pdf.go), which embeds DejaVu Sans from
// package assets and gives the helpers documents share: text normalised to
// NFC with tone marks that NFC cannot compose placed above capitals by hand
// (text, markedText), text that shrinks to fit a width and is never cut
// (fitText), logos from bytes with their aspect ratio kept (image), country
// names in the document's language (countryName) and a footer with page
// numbers; wrapping that keeps no-break spaces (paragraph, lines) is in
// wrap.go, names in right-to-left scripts and in Adlam in rtl.go and
// adlam.go. Documents speak the workshop's working language, whatever the
// interface's: their labels are in words.go and their dates in dates.go.
// Each document's data is loaded in one call (a Load function here, or
// data's own for letters, badges and logistics) and rendered by a Write
// function that does no I/O, so that tests can render data built in
// memory; WriteFile (file.go) writes a document whole or not at all.
package reports
