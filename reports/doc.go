// Package reports turns a workshop's data into the documents organisers
// hand out and send on: the programme, sign-in sheets and certificates as
// PDF, and the secretariat's Excel workbook. It reads from package data and
// knows nothing of the GUI.
package reports
