package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The travel columns are found by their titles in English, French and
// Spanish, and read as lists write them.
func TestTravelColumnsInThreeLanguages(t *testing.T) {
	for in, want := range map[string]Field{
		"Nationality": Nationality, "Nationalité": Nationality, "Nacionalidad": Nationality,
		"Date of birth": BirthDate, "Date de naissance": BirthDate, "Fecha de nacimiento": BirthDate,
		"Passport No.": PassportNumber, "N° de passeport": PassportNumber, "Número de pasaporte": PassportNumber,
		"Passport expiry date": PassportExpiry, "Expiration du passeport": PassportExpiry, "Caducidad del pasaporte": PassportExpiry,
		"Arrival date": ArrivalDate, "Date d’arrivée": ArrivalDate, "Fecha de llegada": ArrivalDate,
		"Arrival time": ArrivalTime, "Heure d’arrivée": ArrivalTime, "Hora de llegada": ArrivalTime,
		"Arrival flight": ArrivalFlight, "Vol d’arrivée": ArrivalFlight, "Vuelo de llegada": ArrivalFlight,
		"Departure date": DepartureDate, "Date de départ": DepartureDate, "Fecha de salida": DepartureDate,
		"Return flight": DepartureFlight, "Vol retour": DepartureFlight, "Vuelo de regreso": DepartureFlight,
		"Hotel": Hotel, "Chambre": Room, "Habitación": Room,
		"Dietary requirements": Dietary, "Régime alimentaire": Dietary, "Restricciones alimentarias": Dietary,
		"Accessibility needs": Access, "Accessibilité": Access, "Accesibilidad": Access,
		"Country": Country, "Pays de résidence": Country,
	} {
		if got := FieldOf(in); got != want {
			t.Errorf("header %q = %q, want %q", in, got, want)
		}
	}
}

func TestTravelValuesAreReadAndChecked(t *testing.T) {
	st, w := openStore(t)
	path := filepath.Join(t.TempDir(), "voyages.csv")
	csv := "Nom;Prénom;Nationalité;Date de naissance;N° de passeport;Expiration du passeport;Date d'arrivée;Heure d'arrivée;Vol d'arrivée;Date de départ;Hôtel;Chambre;Régime alimentaire\n" +
		"Houénou;Françoise;Bénin;04/03/1983;b 1749 326;31/01/2027;20/11/2022;14h35;kp 51;26/11/2022;Lagos Continental Hotel;514;sans porc\n" +
		"Agbéko;Hélène;Togo;31/02/1990;TA0371925;15/03/2023;2022-11-20 10:05;;KP 32;25.11.2022;Lagos Continental Hotel;518;\n" +
		"Ékambi;Jean-Noël;Cameroun;28/02/1976;0159/8234;07/08/2025;20/11/2022;25:00;ET 907;19/11/2022;;;\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	p := prepareFile(t, st, w, path, "voyages", Options{})
	if len(p.Ready) != 1 {
		t.Fatalf("ready %v, refused %v", names(p), reasonKeys(p))
	}
	got := p.Ready[0].Participant.Travel
	want := data.Travel{Nationality: "BJ", BirthDate: data.NewDate(1983, time.March, 4), PassportNumber: "B1749326",
		PassportExpiry: data.NewDate(2027, time.January, 31),
		Arrival:        data.Journey{Date: data.NewDate(2022, 11, 20), Time: "14:35", Flight: "kp 51"},
		Departure:      data.Journey{Date: data.NewDate(2022, 11, 26)}, Hotel: "Lagos Continental Hotel", Room: "514",
		Dietary: "sans porc"}
	if got != want {
		t.Errorf("read %+v\nwant %+v", got, want)
	}
	keys := reasonKeys(p)
	// Agbéko: the 31st of February; Ékambi: a slash in the passport
	// number, 25:00, and a departure before the arrival.
	if r := keys[3]; len(r) != 1 || r[0] != "error.import_date" {
		t.Errorf("row 3 refused for %v", r)
	}
	if r := keys[4]; len(r) != 3 || r[0] != "error.import_time" || r[1] != "error.passport_number" || r[2] != "error.departure_before_arrival" {
		t.Errorf("row 4 refused for %v", r)
	}
	if _, err := p.Import(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Participants(w.ID, data.ParticipantFilter{})
	if len(all) != 1 || all[0].Travel.Arrival.Flight != "KP 51" || all[0].Travel.PassportNumber != "B1749326" ||
		all[0].Country != "BJ" {
		t.Errorf("imported %+v", all)
	}
}
