package reports

import (
	"bytes"
	"fmt"

	"github.com/atelier-workshops/atelier/reports/pdfsplit"
)

// CertificatePDFs renders the certificates of d as one PDF each, for
// sending: each is cut from the single PDF printing makes of d, exactly
// as the files of `atelier certificates --each` are (see
// cutCertificateFiles), and named as they are.
func CertificatePDFs(d CertificateData) (files [][]byte, names []string, err error) {
	var printed bytes.Buffer
	if err := WriteCertificates(d, &printed, nil); err != nil {
		return nil, nil, err
	}
	cutter, err := pdfsplit.New(printed.Bytes())
	if err != nil {
		return nil, nil, err
	}
	if cutter.Pages() != len(d.Certificates) {
		return nil, nil, fmt.Errorf("the printed document has %d pages for %d certificates", cutter.Pages(), len(d.Certificates))
	}
	files = make([][]byte, len(d.Certificates))
	for i, c := range d.Certificates {
		files[i] = cutter.Cut(i, string(known(c.Language)))
	}
	return files, certificateFileNames(d.Certificates), nil
}
