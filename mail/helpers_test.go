package mail

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

func mustNoErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// demoStore is a new database file holding the demo workshops.
func demoStore(t testing.TB) (*data.Store, demo.Result) {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "test.db"), data.OpenOrCreate)
	mustNoErr(t, err)
	t.Cleanup(func() { st.Close() })
	res, err := demo.Write(st)
	mustNoErr(t, err)
	return st, res
}

// accountFor is an account sending through m, with no limit on the rate.
func accountFor(m *mailtest.Mailpit, security data.Security, user string) data.MailAccount {
	return data.MailAccount{Host: m.Host, Port: m.SMTPPort, Security: security, User: user,
		FromName: "Ọláńrewájú Ẹ̀kọ́ — Secrétariat", FromAddress: "organiser@example.org"}
}

// queue previews and queues the messages of r, as a user who agreed to the
// preview.
func queue(t testing.TB, st *data.Store, a data.MailAccount, r Request) []data.OutboxMessage {
	t.Helper()
	plan, err := Preview(st, a, r)
	mustNoErr(t, err)
	msgs, err := Queue(context.Background(), st, a, r, &plan)
	mustNoErr(t, err)
	return msgs
}

// attachedAsKept is the one attachment of the message Mailpit took as
// id, after checking that it is, byte for byte and by name, the one the
// outbox keeps for kept.
func attachedAsKept(t testing.TB, m *mailtest.Mailpit, id string, kept data.OutboxMessage) []byte {
	t.Helper()
	got := m.Message(t, id)
	if len(got.Attachments) != 1 || len(kept.Attachments) != 1 {
		t.Fatalf("%s: %d attachments arrived, %d kept", kept.ToAddress, len(got.Attachments), len(kept.Attachments))
	}
	body := m.Attachment(t, id, got.Attachments[0].PartID)
	if !bytes.Equal(body, kept.Attachments[0].Content) || got.Attachments[0].FileName != kept.Attachments[0].FileName {
		t.Errorf("%s: the attachment that arrived (%q, %d bytes) is not the one kept (%q, %d bytes)", kept.ToAddress,
			got.Attachments[0].FileName, len(body), kept.Attachments[0].FileName, len(kept.Attachments[0].Content))
	}
	return body
}

// pdfText is the text poppler reads in a PDF.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	tool := datatest.RequireTool(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "a.pdf")
	mustNoErr(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	mustNoErr(t, err)
	return string(out)
}
