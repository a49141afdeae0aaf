package importer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

func openStore(t testing.TB) (*data.Store, data.Workshop) {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "atelier.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := data.Workshop{Title: "Regional training", City: "Lagos", Country: "NG", Language: data.English,
		StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	return st, w
}

// writeXLSX builds a workbook the way committees send them: a title, a
// blank row or two, then the header and the rows.
func writeXLSX(t testing.TB, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		f.SetActiveSheet(1)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func prepareFile(t *testing.T, st *data.Store, w data.Workshop, path, sheet string, opt Options) *Preview {
	t.Helper()
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(st, w.ID, rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func names(p *Preview) []string {
	var out []string
	for _, c := range p.Ready {
		out = append(out, c.Participant.GivenName+" "+c.Participant.FamilyName)
	}
	return out
}

func reasonKeys(p *Preview) map[int][]string {
	out := map[int][]string{}
	for _, r := range p.Rejected {
		for _, fe := range r.Reasons {
			out[r.Row] = append(out[r.Row], fe.Key)
		}
	}
	return out
}

func TestXLSXWithTitleRowsAndFrenchHeaders(t *testing.T) {
	st, w := openStore(t)
	path := filepath.Join(t.TempDir(), "candidatures.xlsx")
	decomposed := norm.NFD.String("Ọláńrewájú") // as some web forms send it
	writeXLSX(t, path, "Candidatures", [][]any{
		{"Atelier régional — liste des candidatures"},
		{},
		{"Arrêtée au 3 octobre"},
		{},
		{"N°", "NOM", "Prénom(s)", "Sexe", "Pays", "Musée / Institution", "Fonction", "Courriel", "Langue", "Bourse", "Téléphone"},
		{1, "  Àdìgún ", decomposed, "F", "Nigéria", "Musée national, Ọ̀yọ́", "Conservatrice", "o.adigun@example.org", "Anglais", "Oui", "+234 803 000 0000"},
		{2, "Diallo", "Aïssatou", "F", "Sénégal", "Musée des civilisations noires", "Régisseuse", "a.diallo@example.sn", "Français", "non", ""},
		{3, "Kaboré", "Issa", "H", "Burkina Faso", "Musée national", "Guide", "issa@example.bf", "FR", "", ""},
		{4, "Gonçalves", "Ana", "F", "Côte d'Ivoire", "Musée des civilisations", "Médiatrice", "ana@example.ci", "fr, en", "x", ""},
	})
	p := prepareFile(t, st, w, path, "Candidatures", Options{})
	if p.HeaderRow != 5 {
		t.Fatalf("header found at row %d, want 5", p.HeaderRow)
	}
	want := []Field{Ignore, FamilyName, GivenName, Gender, Country, Institution, Position, Email, Language, Grant, Phone}
	if !reflect.DeepEqual(p.Mapping, want) {
		t.Fatalf("mapping %v\nwant %v", p.Mapping, want)
	}
	if len(p.Rejected) != 0 {
		t.Fatalf("rejected %+v", p.Rejected)
	}
	got := p.Ready[0].Participant
	if got.GivenName != "Ọláńrewájú" || !norm.NFC.IsNormalString(got.GivenName) || got.FamilyName != "Àdìgún" {
		t.Errorf("names %q %q (NFC %v)", got.GivenName, got.FamilyName, norm.NFC.IsNormalString(got.GivenName))
	}
	if got.Gender != data.GenderFemale || got.Country != "NG" || got.Language != data.English || !got.Grant.Awarded ||
		got.Phone != "+234 803 000 0000" || got.Institution != "Musée national, Ọ̀yọ́" || p.Ready[0].Row != 6 {
		t.Errorf("first row read as %+v (row %d)", got, p.Ready[0].Row)
	}
	issa := p.Ready[2].Participant
	if issa.Gender != data.GenderMale || issa.Country != "BF" || issa.Language != data.French || issa.Grant.Awarded {
		t.Errorf("Issa %+v", issa)
	}
	if ana := p.Ready[3].Participant; ana.Country != "CI" || ana.Language != data.French || !ana.Grant.Awarded {
		t.Errorf("Ana %+v", ana)
	}

	if _, err := p.Import(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	list, err := st.Participants(w.ID, data.ParticipantFilter{Text: "olanrewaju"})
	if err != nil || len(list) != 1 || list[0].GivenName != "Ọláńrewájú" {
		t.Fatalf("after import, search finds %v (%v)", list, err)
	}
}

// csvFile writes text in an encoding, as Excel and others save it.
func csvFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCSVInEachEncodingAndDelimiter(t *testing.T) {
	spanish := "Listado de participantes\n\nApellidos;Nombre;Correo electrónico;País;Institución;Cargo;Género;Idioma;Beca\n" +
		"Ñúñez;José;jose@example.co;Colombia;Museo del Oro;Curador;Hombre;Español;Sí\n" +
		"\"Pérez; Gómez\";María;maria@example.mx;México;Museo Nacional de Antropología;Conservadora;Mujer;Inglés;no\n"
	french := "Nom;Prénom;Adresse électronique;Pays;Institution;Poste;Sexe;Langue;Bourse\r\n" +
		"Ndiaye;Aïssatou;aissatou@example.sn;Sénégal;Musée Théodore Monod;Conservatrice;F;Français;oui\r\n" +
		"Bâ;Amadou Hampâté;amadou@example.ml;Mali;Musée national du Mali;Directeur;H;Français;non\r\n"
	english := "Family name\tFirst name\tE-mail\tCountry\tMuseum\tJob title\tGender\tLanguage\tGrant\r\n" +
		"Mensah\tKwame\tkwame@example.gh\tGhana\tNational Museum of Ghana\tCurator\tM\tEnglish\tyes\r\n" +
		"Ọkafọ̀\tChukwuemeka\tchukwu@example.ng\tNigeria\tNational Museum, Lagos\tEducator\tmale\tEnglish\tno\r\n"

	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(english)
	utf16noBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(english)
	cp1252, err := charmap.Windows1252.NewEncoder().String(french)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		bytes []byte
		want  []string
	}{
		{"utf8-bom-semicolon.csv", append([]byte{0xEF, 0xBB, 0xBF}, spanish...), []string{"José Ñúñez", "María Pérez; Gómez"}},
		{"utf8-comma.csv", []byte(strings.ReplaceAll(strings.ReplaceAll(spanish, ";", ","), "Pérez, Gómez", "Pérez Gómez")),
			[]string{"José Ñúñez", "María Pérez Gómez"}},
		{"windows-1252.csv", []byte(cp1252), []string{"Aïssatou Ndiaye", "Amadou Hampâté Bâ"}},
		{"utf16le-tab.txt", []byte(utf16le), []string{"Kwame Mensah", "Chukwuemeka Ọkafọ̀"}},
		{"utf16le-no-bom.txt", []byte(utf16noBOM), []string{"Kwame Mensah", "Chukwuemeka Ọkafọ̀"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, w := openStore(t)
			p := prepareFile(t, st, w, csvFile(t, c.name, c.bytes), "", Options{})
			if got := names(p); !reflect.DeepEqual(got, c.want) || len(p.Rejected) > 0 {
				t.Fatalf("ready %v, rejected %+v; want %v", got, p.Rejected, c.want)
			}
			first := p.Ready[0].Participant
			if first.Email == "" || first.Country == "" || first.Institution == "" || first.Position == "" ||
				first.Gender == "" || first.Language == "" || !first.Grant.Awarded {
				t.Errorf("a column was not mapped: %+v (mapping %v)", first, p.Mapping)
			}
			if p.Ready[1].Participant.Grant.Awarded {
				t.Errorf("“no” read as a grant: %+v", p.Ready[1].Participant)
			}
		})
	}
}

func TestEveryRejectionReason(t *testing.T) {
	st, w := openStore(t)
	existing := []*data.Participant{
		{WorkshopID: w.ID, GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Country: "NG", Email: "o.adigun@example.org"},
		{WorkshopID: w.ID, GivenName: "Kwame", FamilyName: "Mensah", Country: "GH"},
	}
	if err := st.SaveParticipants(existing); err != nil {
		t.Fatal(err)
	}
	rows := [][]string{
		{"Surname", "First name", "Email", "Country", "Gender", "Language", "Grant"},
		{"Diallo", "Aïssatou", "a.diallo@example.sn", "Senegal", "F", "French", "yes"}, // 2: fine
		{"", "", "nobody@example.org", "Ghana", "", "", ""},                            // 3: no name
		{"Bâ", "Amadou", "amadou@", "Mali", "M", "", ""},                               // 4: bad email
		{"Okoro", "Ngozi", "ngozi@example.ng", "Narnia", "", "", ""},                   // 5: unknown country
		{"Eze", "Chidi", "", "Nigeria", "sometimes", "Klingon", "perhaps"},             // 6: gender, language, grant
		{"Diallo", "Fatou", "A.Diallo@example.sn", "Senegal", "F", "", ""},             // 7: same email as row 2
		{"DIALLO", "aissatou", "other@example.sn", "Sénégal", "", "", ""},              // 8: same name and country as row 2
		{"Adigun", "Olanrewaju", "", "NG", "", "", ""},                                 // 9: an existing one, as she is
		{"Obi", "Ada", "O.ADIGUN@example.org", "Nigeria", "", "", ""},                  // 10: her again, by email
		{"Mensah", "Kwame", "", "Togo", "", "", ""},                                    // 11: same name, other country: fine
		{"", "", "", "", "", "", ""},                                                   // 12: blank, skipped
	}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]string{
		3:  {"error.import_no_name"},
		4:  {"error.email"},
		5:  {"error.import_country"},
		6:  {"error.import_gender", "error.import_language", "error.import_yes_no"},
		7:  {"error.import_duplicate_email"},
		8:  {"error.import_duplicate_name"},
		10: {"error.import_same_person"},
	}
	if got := reasonKeys(p); !reflect.DeepEqual(got, want) {
		t.Errorf("reasons %v\nwant %v", got, want)
	}
	if got := names(p); !reflect.DeepEqual(got, []string{"Aïssatou Diallo", "Kwame Mensah"}) {
		t.Errorf("ready %v", got)
	}
	if p.Blank != 1 {
		t.Errorf("%d blank rows, want 1", p.Blank)
	}
	// Row 9 is Ọláńrewájú Àdìgún by name and country: her spelling in the
	// file stays, and the row changes nothing.
	if len(p.Unchanged) != 1 || p.Unchanged[0].Row != 9 || p.Unchanged[0].Name != "Ọláńrewájú Àdìgún" || len(p.Updates) != 0 {
		t.Errorf("unchanged %+v, updates %+v", p.Unchanged, p.Updates)
	}
	// Messages name the column and the value, and the row they duplicate.
	msgs := map[int]string{}
	for _, r := range p.Rejected {
		msgs[r.Row] = r.Reasons[0].Message
	}
	for row, words := range map[int][]string{
		4:  {"Email", `"amadou@"`},
		5:  {"Country", `"Narnia"`},
		7:  {"Email", "row 2"},
		8:  {"Surname", "row 2", "name and country"},
		10: {"Email", "row 9", "Ọláńrewájú Àdìgún"},
	} {
		for _, w := range words {
			if !strings.Contains(msgs[row], w) {
				t.Errorf("row %d: %q does not say %q", row, msgs[row], w)
			}
		}
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	st, w := openStore(t)
	rows := [][]string{{"Last name", "First name"}, {"Diallo", "Aïssatou"}, {"Bâ", "Amadou"}, {"Sow", "Mariama"}}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil || len(p.Ready) != 3 {
		t.Fatalf("%v, %+v", err, p)
	}
	// Something goes wrong between the preview and the import: the store
	// refuses the third, and the first two are not saved either.
	p.Ready[2].Participant.Email = "not an email"
	if _, err := p.Import(context.Background(), st); err == nil {
		t.Fatal("an invalid row was imported")
	}
	if list, _ := st.Participants(w.ID, data.ParticipantFilter{}); len(list) != 0 {
		t.Fatalf("%d participants saved by a failed import", len(list))
	}
}

func TestMappingOverrideAndFullNames(t *testing.T) {
	st, w := openStore(t)
	rows := [][]string{
		{"Nombre completo", "Contacto", "Procedencia"},
		{"Ọláńrewájú Àdìgún", "o@example.org", "Nigeria"},
		{"DIALLO Aïssatou", "a@example.sn", "Senegal"},
		{"Ñúñez, José Luis", "j@example.co", "Colombia"},
	}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Mapping, []Field{FullName, Ignore, Ignore}) {
		t.Fatalf("guessed %v", p.Mapping)
	}
	p, err = Prepare(st, w.ID, rows, Options{HeaderRow: 1, Mapping: []Field{FullName, Email, Country}})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(p); !reflect.DeepEqual(got, []string{"Ọláńrewájú Àdìgún", "Aïssatou DIALLO", "José Luis Ñúñez"}) {
		t.Errorf("split names %v", got)
	}
	if c := p.Ready[2].Participant; c.Email != "j@example.co" || c.Country != "CO" {
		t.Errorf("overridden columns not read: %+v", c)
	}

	if _, err := Prepare(st, w.ID, [][]string{{"a", "b"}, {"1", "2"}}, Options{}); !errors.Is(err, ErrNoHeader) {
		t.Errorf("a sheet without a header: %v", err)
	}
}

func TestCountryAndHeaderWords(t *testing.T) {
	for in, want := range map[string]string{"Nigeria": "NG", "nigéria": "NG", "RDC": "CD", "Congo-Kinshasa": "CD",
		"Camerún": "CM", "Cameroun": "CM", "Côte d’Ivoire": "CI", "Ivory Coast": "CI", "États-Unis": "US", "USA": "US",
		"Sénégal": "SN", "SEN": "SN", "gh": "GH", "Reino Unido": "GB", "Nigeria (Lagos)": "NG", "Afrique du Sud": "ZA"} {
		if got, ok := countryCode(in); !ok || got != want {
			t.Errorf("country %q = %q, %v; want %s", in, got, ok, want)
		}
	}
	for in, want := range map[string]Field{"E-mail address": Email, "Correo electrónico*": Email, "Apellido(s)": FamilyName,
		"Nom de famille": FamilyName, "Prénom": GivenName, "NOMBRE": GivenName, "Institution / Organisation": Institution,
		"Nom de l'institution": Ignore, "Sexo": Gender, "Teléfono": Phone, "Name": FullName, "Nom complet": FullName,
		"Langue préférée": Language, "Beca": Grant, "Job title": Position} {
		if got := FieldOf(in); got != want {
			t.Errorf("header %q = %q, want %q", in, got, want)
		}
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	path := csvFile(t, "photo.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	if _, err := Open(path); !errors.Is(err, ErrFormat) {
		t.Errorf("binary file: %v", err)
	}
	broken := csvFile(t, "broken.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 100)...))
	if _, err := Open(broken); !errors.Is(err, ErrFormat) {
		t.Errorf("broken workbook: %v", err)
	}
}
