package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Security is how the connection to the mail server is protected.
type Security string

const (
	SecuritySTARTTLS Security = "starttls" // plain connection made secure before anything is said (port 587)
	SecurityTLS      Security = "tls"      // secure from the first byte (port 465)
	SecurityNone     Security = "none"     // none: only for a relay on this computer or network
)

// Securities lists the choices, the usual one first.
var Securities = []Security{SecuritySTARTTLS, SecurityTLS, SecurityNone}

// DefaultPort is the usual port of a kind of connection.
func (s Security) DefaultPort() int {
	switch s {
	case SecurityTLS:
		return 465
	case SecurityNone:
		return 25
	}
	return 587
}

// MailAccount is the server Atelier sends mail through, and who the mail
// is from. The password is never kept here: it is in the system's
// keychain, or asked for each time (package mail).
type MailAccount struct {
	Host        string   `json:"host"`
	Port        int      `json:"port"`
	Security    Security `json:"security"`
	User        string   `json:"user,omitempty"`
	FromName    string   `json:"from_name,omitempty"`
	FromAddress string   `json:"from_address"`
	// PerMinute is the most messages sent in a minute (a provider's
	// limit, or a slow line's); 0 sends as fast as the server takes them.
	PerMinute int `json:"per_minute"`
}

// DefaultPerMinute keeps within what common providers allow a mailbox.
const DefaultPerMinute = 20

// MaxPerMinute is the highest rate that can be set.
const MaxPerMinute = 6000

// Validate checks an account before it is kept or used.
func (a MailAccount) Validate() error {
	c := checker{record: "mail account"}
	c.text("host", "Server", a.Host, MaxShortText, true)
	if strings.ContainsAny(a.Host, " /:@") {
		c.add("host", "Server", "error.mail_host", fmt.Sprintf("%q is not a server name (like smtp.example.org).", a.Host),
			map[string]any{"Value": a.Host})
	}
	if a.Port < 1 || a.Port > 65535 {
		c.add("port", "Port", "error.mail_port", fmt.Sprintf("must be a number from 1 to 65535, not %d.", a.Port),
			map[string]any{"Value": a.Port})
	}
	oneOf(&c, "security", "Security", a.Security, Securities)
	// Port 465 speaks TLS from the first byte (RFC 8314): a client that
	// waits there for the server's greeting, as STARTTLS and none do,
	// waits until the connection times out, and the server would seem
	// away rather than misconfigured.
	if a.Port == 465 && a.Security != SecurityTLS && !c.has("security") {
		c.add("security", "Security", "error.mail_tls_port",
			"must be TLS on port 465, which is secure from the first byte (STARTTLS goes with port 587).", nil)
	}
	c.text("user", "User name", a.User, MaxShortText, false)
	c.text("from_name", "Sender's name", a.FromName, MaxNameLength, false)
	c.required("from_address", "Sender's address", a.FromAddress)
	c.email("from_address", "Sender's address", a.FromAddress)
	if a.PerMinute < 0 || a.PerMinute > MaxPerMinute {
		c.add("per_minute", "Messages a minute", "error.mail_rate",
			fmt.Sprintf("must be from 0 (no limit) to %d, not %d.", MaxPerMinute, a.PerMinute),
			map[string]any{"Value": a.PerMinute, "Max": MaxPerMinute})
	}
	return c.err()
}

// Address is the server as HOST:PORT.
func (a MailAccount) Address() string { return fmt.Sprintf("%s:%d", a.Host, a.Port) }

const mailAccountKey = "mail.account"

// MailAccount reads the mail account kept in the file; ok is false when
// none was set up.
func (s *Store) MailAccount() (a MailAccount, ok bool, err error) {
	v, ok, err := settingIn(s.r, mailAccountKey)
	if err != nil || !ok {
		return a, false, err
	}
	return a, true, json.Unmarshal([]byte(v), &a)
}

// SaveMailAccount keeps the mail account in the file, once it is valid.
func (s *Store) SaveMailAccount(a MailAccount) error {
	a.Host, a.User = strings.TrimSpace(a.Host), strings.TrimSpace(a.User)
	a.FromName, a.FromAddress = normalise(a.FromName), strings.TrimSpace(a.FromAddress)
	if err := a.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.SetSetting(mailAccountKey, string(b))
}

// Secretariat is where a workshop sends its workbook.
type Secretariat struct {
	Name    string
	Address string
}

// Secretariat reads a workshop's secretariat; its address is empty when
// none is set.
func (s *Store) Secretariat(workshopID int64) (Secretariat, error) {
	return secretariatIn(s.r, workshopID)
}

func secretariatIn(q querier, workshopID int64) (Secretariat, error) {
	var sec Secretariat
	err := q.QueryRow(`SELECT name, address FROM workshop_secretariats WHERE workshop_id = ?`, workshopID).
		Scan(&sec.Name, &sec.Address)
	if err == sql.ErrNoRows {
		return Secretariat{}, nil
	}
	return sec, err
}

// SaveSecretariat keeps a workshop's secretariat; an empty address
// removes it.
func (s *Store) SaveSecretariat(workshopID int64, sec Secretariat) error {
	sec.Name, sec.Address = normalise(sec.Name), strings.TrimSpace(sec.Address)
	c := checker{record: "secretariat"}
	c.text("secretariat_name", "Secretariat", sec.Name, MaxNameLength, false)
	c.email("secretariat_address", "Secretariat's address", sec.Address)
	if err := c.err(); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if _, err := workshopIn(tx, workshopID); err != nil {
			return err
		}
		if sec.Address == "" {
			_, err := tx.Exec(`DELETE FROM workshop_secretariats WHERE workshop_id = ?`, workshopID)
			return err
		}
		_, err := tx.Exec(`INSERT INTO workshop_secretariats(workshop_id, name, address) VALUES (?, ?, ?)
			ON CONFLICT(workshop_id) DO UPDATE SET name = excluded.name, address = excluded.address`,
			workshopID, sec.Name, sec.Address)
		return err
	})
}
