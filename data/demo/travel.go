package demo

import (
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The Lagos grantees' travel and stay: passports for those who need a visa
// (every grantee from abroad), flights into Murtala Muhammed airport and
// two hotels near the venue. Grantees from Lagos itself travel daily and
// sleep at home; those from other states fly in or come by road. Hélène
// Agbéko's passport expires in March 2023, less than six months after the
// workshop, as a visa letter warns. Everything personal is invented.

// day is a day of November 2022, the month of the Lagos workshop.
func day(d int) data.Date { return data.NewDate(2022, time.November, d) }

func fly(d int, at, flight string) data.Journey {
	return data.Journey{Date: day(d), Time: at, Flight: flight}
}

func road(d int) data.Journey { return data.Journey{Date: day(d)} }

const (
	continental = "Lagos Continental Hotel"
	guestHouse  = "Pan-Atlantic University Guest House"
)

var lagosTravel = map[string]data.Travel{
	// From other states of Nigeria: no passport needed.
	"eniola.osuntoki@example.org": {Nationality: "NG", BirthDate: data.NewDate(1990, time.June, 14),
		Arrival: road(20), Departure: road(26), Hotel: guestHouse, Room: "G07"},
	"ifeoluwa.adigun@example.org": {Nationality: "NG", BirthDate: data.NewDate(1995, time.February, 2),
		Arrival: road(20), Departure: road(25), Hotel: guestHouse, Room: "G08", Dietary: "Vegetarian"},
	"chukwuemeka.okafo@example.org": {Nationality: "NG", BirthDate: data.NewDate(1974, time.October, 30),
		Arrival: fly(20, "16:40", "P4 7121"), Departure: fly(26, "10:15", "P4 7120"), Hotel: guestHouse, Room: "G11"},
	"ngozi.uche@example.org": {Nationality: "NG", BirthDate: data.NewDate(1992, time.August, 19),
		Arrival: fly(20, "13:05", "P4 7305"), Departure: fly(26, "09:30", "P4 7306"), Hotel: guestHouse, Room: "G12"},
	"obioma.nwankwo@example.org": {Nationality: "NG", BirthDate: data.NewDate(1989, time.April, 8),
		Arrival: fly(20, "11:20", "W3 3112"), Departure: fly(26, "12:45", "W3 3113"), Hotel: guestHouse, Room: "G14"},
	"nneka.onwu@example.org": {Nationality: "NG", BirthDate: data.NewDate(1986, time.January, 23),
		Arrival: fly(20, "11:20", "W3 3112"), Departure: fly(26, "12:45", "W3 3113"), Hotel: guestHouse, Room: "G15"},
	"danjuma.abubakar@example.org": {Nationality: "NG", BirthDate: data.NewDate(1981, time.May, 3),
		Arrival: fly(20, "15:10", "P4 7501"), Departure: fly(26, "14:20", "P4 7502"), Hotel: guestHouse, Room: "G16",
		Dietary: "Halal"},
	"kabiru.bello@example.org": {Nationality: "NG", BirthDate: data.NewDate(1984, time.September, 11),
		Arrival: fly(20, "18:25", "8V 322"), Departure: fly(26, "16:00", "8V 323"), Hotel: guestHouse, Room: "G17",
		Dietary: "Halal"},
	"hauwau.dahiru@example.org": {Nationality: "NG", BirthDate: data.NewDate(1993, time.December, 1),
		Arrival: fly(20, "18:25", "8V 322"), Departure: fly(26, "16:00", "8V 323"), Hotel: guestHouse, Room: "G18",
		Dietary: "Halal"},
	"temitope.olatunji@example.org": {Nationality: "NG", BirthDate: data.NewDate(1991, time.March, 27),
		Arrival: road(20), Departure: road(26), Hotel: guestHouse, Room: "G19"},
	"bola.ajibade@example.org": {Nationality: "NG", BirthDate: data.NewDate(1987, time.July, 5),
		Arrival: road(20), Departure: road(25), Hotel: guestHouse, Room: "G20"},
	"funmilayo.ogundele@example.org": {Nationality: "NG", BirthDate: data.NewDate(1994, time.November, 16),
		Arrival: road(20), Departure: road(26), Hotel: guestHouse, Room: "G21",
		Access: "Ground-floor room: knee injury, no stairs"},
	// From abroad: a visa invitation each.
	"efua.boakye@example.org": {Nationality: "GH", BirthDate: data.NewDate(1988, time.May, 21),
		PassportNumber: "G2847301", PassportExpiry: data.NewDate(2029, time.April, 2),
		Arrival: fly(21, "08:40", "AW 113"), Departure: fly(26, "11:30", "AW 114"), Hotel: continental, Room: "512"},
	"francoise.houenou@example.org": {Nationality: "BJ", BirthDate: data.NewDate(1983, time.March, 4),
		PassportNumber: "B1749326", PassportExpiry: data.NewDate(2027, time.January, 31),
		Arrival: fly(20, "14:35", "KP 51"), Departure: fly(26, "15:50", "KP 52"), Hotel: continental, Room: "514"},
	"sedjro.hounkpatin@example.org": {Nationality: "BJ", BirthDate: data.NewDate(1979, time.December, 12),
		PassportNumber: "B0938815", PassportExpiry: data.NewDate(2026, time.June, 18),
		Arrival: fly(20, "14:35", "KP 51"), Departure: fly(26, "15:50", "KP 52"), Hotel: continental, Room: "516",
		Dietary: "No pork"},
	"helene.agbeko@example.org": {Nationality: "TG", BirthDate: data.NewDate(1990, time.October, 9),
		PassportNumber: "TA0371925", PassportExpiry: data.NewDate(2023, time.March, 15),
		Arrival: fly(20, "10:05", "KP 32"), Departure: fly(25, "19:40", "KP 33"), Hotel: continental, Room: "518"},
	"jeannoel.ekambi@example.org": {Nationality: "CM", BirthDate: data.NewDate(1976, time.February, 28),
		PassportNumber: "01598234", PassportExpiry: data.NewDate(2025, time.August, 7),
		Arrival: fly(20, "21:15", "ET 907"), Departure: fly(26, "23:55", "ET 908"), Hotel: continental, Room: "520"},
	"aichatou.hamani@example.org": {Nationality: "NE", BirthDate: data.NewDate(1992, time.April, 17),
		PassportNumber: "10PC48271", PassportExpiry: data.NewDate(2028, time.November, 30),
		Arrival: fly(22, "12:05", "ET 935"), Departure: fly(26, "13:10", "ET 936"), Hotel: continental, Room: "522",
		Dietary: "Halal"},
	"yao.nguessan@example.org": {Nationality: "CI", BirthDate: data.NewDate(1985, time.July, 22),
		PassportNumber: "20AB31846", PassportExpiry: data.NewDate(2030, time.January, 14),
		Arrival: fly(20, "17:50", "HF 512"), Departure: fly(26, "12:00", "HF 513"), Hotel: continental, Room: "524"},
	"maria.nunez@example.org": {Nationality: "GQ", BirthDate: data.NewDate(1989, time.September, 3),
		PassportNumber: "E0284417", PassportExpiry: data.NewDate(2027, time.May, 20),
		Arrival: fly(20, "19:30", "C2 0741"), Departure: fly(26, "08:45", "C2 0740"), Hotel: continental, Room: "526",
		Dietary: "Vegetarian"},
}

// lagosLogistics sets the Lagos workshop's daily allowance (in naira for
// grantees paid in naira, in dollars for the others) and the address under
// its letters' letterhead.
func lagosLogistics(st *data.Store, id int64) error {
	if err := st.SetPerDiemRates(id, []data.PerDiemRate{{Currency: "NGN", AmountMinor: 1500000},
		{Currency: "USD", AmountMinor: 4000}}); err != nil {
		return err
	}
	return st.SetLetterSettings(id, data.LetterSettings{Address: "Yemisi Shyllon Museum of Art\n" +
		"Pan-Atlantic University, Km 52 Lekki-Epe Expressway\nIbeju-Lekki, Lagos, Nigeria\ntraining@icom.museum"})
}
