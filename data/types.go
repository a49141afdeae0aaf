// Package data holds Atelier's domain types, their validation and the SQLite
// store they live in. It imports nothing else of the project.
package data

import "time"

// Language is a working or preferred language: one of en, fr, es.
type Language string

const (
	English Language = "en"
	French  Language = "fr"
	Spanish Language = "es"
)

// Languages lists the languages Atelier works in, in display order.
var Languages = []Language{English, French, Spanish}

// ExcusedPolicy says how an excused absence weighs in the certificate rule.
type ExcusedPolicy string

const (
	ExcusedAttended ExcusedPolicy = "attended" // counts as if present
	ExcusedExcluded ExcusedPolicy = "excluded" // the session leaves the count
	ExcusedAbsent   ExcusedPolicy = "absent"   // counts as missed
)

// ExcusedPolicies lists the allowed policies.
var ExcusedPolicies = []ExcusedPolicy{ExcusedExcluded, ExcusedAttended, ExcusedAbsent}

// CertificateRule decides who qualifies for a certificate of attendance.
type CertificateRule struct {
	MinPercent    int // of the sessions that count
	LateCounts    bool
	ExcusedPolicy ExcusedPolicy
}

// DefaultCertificateRule is what a new workshop starts with.
var DefaultCertificateRule = CertificateRule{MinPercent: 80, LateCounts: true, ExcusedPolicy: ExcusedExcluded}

// Workshop is one training programme: the unit everything else belongs to.
type Workshop struct {
	ID          int64
	Title       string
	Theme       string
	City        string
	Country     string // ISO 3166-1 alpha-2
	Region      string
	Venue       string
	StartDate   Date
	EndDate     Date
	Language    Language
	GrantTarget int
	Rule        CertificateRule
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Role is what an organisation does for a workshop.
type Role string

const (
	RoleOrganiser Role = "organiser"
	RoleHost      Role = "host"
	RolePartner   Role = "partner"
	RoleSupporter Role = "supporter"
)

// Roles lists the roles in the order they are printed.
var Roles = []Role{RoleOrganiser, RoleHost, RolePartner, RoleSupporter}

// Organisation is a body that organises, hosts, partners or supports
// workshops; it is shared between the workshops of a file.
type Organisation struct {
	ID        int64
	Name      string
	ShortName string
	Country   string
	Website   string
	Logo      []byte // PNG or JPEG, nil when none
	LogoType  string // image/png or image/jpeg
}

// WorkshopOrganisation is an organisation in one of its roles on a workshop.
type WorkshopOrganisation struct {
	Organisation
	Role     Role
	Position int
}

// SessionKind tells sessions apart in the programme.
type SessionKind string

const (
	KindLecture    SessionKind = "lecture"
	KindSeminar    SessionKind = "seminar"
	KindHandsOn    SessionKind = "hands_on"
	KindFieldVisit SessionKind = "field_visit"
	KindPanel      SessionKind = "panel"
	KindCeremony   SessionKind = "ceremony"
	KindBreak      SessionKind = "break"
)

// SessionKinds lists every kind.
var SessionKinds = []SessionKind{KindLecture, KindSeminar, KindHandsOn, KindFieldVisit, KindPanel, KindCeremony, KindBreak}

// Session is one block of the programme. Start and End are local wall-clock
// times at the venue, carried in UTC so that no conversion ever applies.
type Session struct {
	ID                   int64
	WorkshopID           int64
	Title                string
	Kind                 SessionKind
	Start                time.Time
	End                  time.Time
	Room                 string
	Description          string
	CountsForCertificate bool
	Mandatory            bool
	TrainerIDs           []int64
}

// Day is the calendar day the session starts on.
func (s Session) Day() Date { return DateOf(s.Start) }

// IsBreak tells a break (lunch, coffee) from a session people attend: a
// break is in the programme, but never counts towards a certificate and is
// never mandatory, whatever its row says, and nobody is marked for it.
func (s Session) IsBreak() bool { return s.Kind == KindBreak }

// breakCountsForNothing clears what a break cannot be.
func (s *Session) breakCountsForNothing() {
	if s.IsBreak() {
		s.CountsForCertificate, s.Mandatory = false, false
	}
}

// Duration is how long the session lasts.
func (s Session) Duration() time.Duration { return s.End.Sub(s.Start) }

// Trainer is an expert who leads sessions of a workshop.
type Trainer struct {
	ID          int64
	WorkshopID  int64
	Name        string
	Title       string
	Affiliation string
	Country     string
	Email       string
	Languages   string // as written, e.g. "English, French"
	Bio         string
}

// Gender as the participant declares it; empty when not given.
type Gender string

const (
	GenderUnspecified Gender = ""
	GenderFemale      Gender = "female"
	GenderMale        Gender = "male"
	GenderOther       Gender = "other"
)

// Genders lists the allowed values.
var Genders = []Gender{GenderUnspecified, GenderFemale, GenderMale, GenderOther}

// Status is where a participant stands in selection.
type Status string

const (
	StatusApplicant  Status = "applicant"
	StatusSelected   Status = "selected"
	StatusWaitlisted Status = "waitlisted"
	StatusConfirmed  Status = "confirmed"
	StatusWithdrawn  Status = "withdrawn"
)

// Statuses lists the statuses in selection order.
var Statuses = []Status{StatusApplicant, StatusSelected, StatusWaitlisted, StatusConfirmed, StatusWithdrawn}

// Grant is the support a participant receives.
type Grant struct {
	Awarded       bool
	Travel        bool
	Accommodation bool
	PerDiem       bool
	AmountMinor   int64  // in the currency's minor unit (cents)
	Currency      string // ISO 4217, e.g. USD, EUR, NGN
	Paid          bool
}

// Participant is an applicant or grantee of a workshop.
type Participant struct {
	ID               int64
	WorkshopID       int64
	GivenName        string
	FamilyName       string
	PrintedName      string // as it appears on the certificate; empty means given + family
	Gender           Gender
	Country          string // ISO 3166-1 alpha-2
	Institution      string
	Position         string
	Email            string
	Phone            string
	Language         Language // preferred; empty means the workshop's
	Status           Status
	Grant            Grant
	DirectoryConsent bool
	Notes            string
	Travel           Travel // passport, arrival, departure, stay (travel.go)
}

// FullName is the name in the usual given-then-family order.
func (p Participant) FullName() string {
	switch {
	case p.GivenName == "":
		return p.FamilyName
	case p.FamilyName == "":
		return p.GivenName
	}
	return p.GivenName + " " + p.FamilyName
}

// NameOnCertificate is the printed name, or the full name when none was set.
func (p Participant) NameOnCertificate() string {
	if p.PrintedName != "" {
		return p.PrintedName
	}
	return p.FullName()
}

// Mark is an attendance status; Unmarked means no one has marked it yet.
type Mark string

const (
	Unmarked Mark = ""
	Present  Mark = "present"
	Late     Mark = "late"
	Excused  Mark = "excused"
	Absent   Mark = "absent"
)

// Marks lists the statuses a mark can be set to.
var Marks = []Mark{Present, Late, Excused, Absent}

// Attendance is one participant's mark for one session.
type Attendance struct {
	ParticipantID int64
	SessionID     int64
	Mark          Mark
	MarkedAt      time.Time
	Note          string
	// Device is the helper's device that made the mark, as its helper
	// named it on the venue page; "" for this computer.
	Device string
	// Revision is the mark's row in the attendance log, set when it is
	// saved: a later mark has a larger one.
	Revision int64
}

// Certificate is an entry of the certificates register. Exactly one of
// ParticipantID and TrainerID is set.
type Certificate struct {
	ID               int64
	WorkshopID       int64
	ParticipantID    int64
	TrainerID        int64
	Serial           string
	Code             string
	Language         Language
	SessionsAttended int
	SessionsCounted  int
	MinutesAttended  int
	IssuedOn         Date
	UpdatedAt        time.Time
	// What the certificate says, kept as printed: the title in the
	// certificate's language, and the place at issue.
	HolderName    string
	WorkshopTitle string
	StartDate     Date
	EndDate       Date
	City          string
	Country       string
	// What the issuer's key signed (see signing.go) and its signature:
	// the certificate's QR code holds them. Empty for a certificate issued
	// before signatures, whose Code is an HMAC over the fields above with
	// the file's secret (certificate_codes.go).
	SignedText  string
	Signature   []byte
	IssuerKeyID int64
}
