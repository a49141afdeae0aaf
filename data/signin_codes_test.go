package data

import "testing"

func TestSignInCodesAreShortUniqueAndStable(t *testing.T) {
	ps := []Participant{
		{ID: 7, GivenName: "Kwame", FamilyName: "Gyamfi"},
		{ID: 3, GivenName: "Ọláńrewájú", FamilyName: "Adébáyọ̀"},
		{ID: 5, GivenName: "Ƙabiru", FamilyName: "Ɓello"},
		{ID: 9, GivenName: "Kofi", FamilyName: "Gyan"},
		{ID: 4, GivenName: "", FamilyName: "漢字"},
	}
	codes := SignInCodes(ps)
	want := map[int64]string{7: "GK1", 3: "AO1", 5: "BK1", 9: "GK2", 4: "XX1"}
	for id, code := range want {
		if codes[id] != code {
			t.Errorf("participant %d: code %q, want %q", id, codes[id], code)
		}
	}
	// Someone added later does not change the codes already printed.
	more := append(ps, Participant{ID: 12, GivenName: "Kojo", FamilyName: "Gyasi"})
	again := SignInCodes(more)
	for id, code := range want {
		if again[id] != code {
			t.Errorf("after an addition, participant %d: code %q, was %q", id, again[id], code)
		}
	}
	if again[12] != "GK3" {
		t.Errorf("newcomer: %q", again[12])
	}
	seen := map[string]bool{}
	for _, c := range again {
		if seen[c] {
			t.Fatalf("code %q given twice: %v", c, again)
		}
		seen[c] = true
	}
}
