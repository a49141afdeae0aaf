package data

import (
	"errors"
	"testing"
)

// A mail account is checked field by field before it is kept, and each
// mistake names its field; port 465 with anything but TLS is one (the
// client would wait for a greeting the server never sends, and the server
// would seem away). What is kept reads back as saved.
func TestMailAccountIsCheckedThenKept(t *testing.T) {
	good := MailAccount{Host: "smtp.example.org", Port: 587, Security: SecuritySTARTTLS, User: "organiser@example.org",
		FromName: "Équipe de Lagos", FromAddress: "lagos@example.org", PerMinute: DefaultPerMinute}
	if err := good.Validate(); err != nil {
		t.Fatalf("a good account: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*MailAccount)
		field string
		key   string
	}{
		{"a URL for a host", func(a *MailAccount) { a.Host = "smtp://smtp.example.org" }, "host", "error.mail_host"},
		{"port 0", func(a *MailAccount) { a.Port = 0 }, "port", "error.mail_port"},
		{"STARTTLS on 465", func(a *MailAccount) { a.Port = 465 }, "security", "error.mail_tls_port"},
		{"none on 465", func(a *MailAccount) { a.Port, a.Security = 465, SecurityNone }, "security", "error.mail_tls_port"},
		{"a rate too high", func(a *MailAccount) { a.PerMinute = MaxPerMinute + 1 }, "per_minute", "error.mail_rate"},
		{"no sender", func(a *MailAccount) { a.FromAddress = "" }, "from_address", ""},
	} {
		a := good
		c.edit(&a)
		var v *ValidationError
		if err := a.Validate(); !errors.As(err, &v) || v.Fields[0].Field != c.field || c.key != "" && v.Fields[0].Key != c.key {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	tls := good
	tls.Port, tls.Security = 465, SecurityTLS
	if err := tls.Validate(); err != nil {
		t.Errorf("TLS on 465: %v", err)
	}

	st, _ := openTemp(t)
	if _, kept, err := st.MailAccount(); kept || err != nil {
		t.Fatalf("a new file has an account: %v %v", kept, err)
	}
	bad := good
	bad.Port = 465
	if err := st.SaveMailAccount(bad); err == nil {
		t.Fatal("STARTTLS on 465 was kept")
	}
	if err := st.SaveMailAccount(tls); err != nil {
		t.Fatal(err)
	}
	if got, kept, err := st.MailAccount(); !kept || err != nil || got != tls {
		t.Fatalf("read back %+v %v %v", got, kept, err)
	}
}
