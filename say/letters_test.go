package say

import "testing"

func TestScriptNamesNameWhatTheFontLacksReadably(t *testing.T) {
	for in, want := range map[string]string{
		"\U0001E900\U0001E923":  "Adlam",
		"\U0001E900ب\U0001E901": "Adlam, Arabic",
		"ꆈꌠ":                    "Yi",
		"\u0301":                "",
	} {
		if got := ScriptNames(in); got != want {
			t.Errorf("ScriptNames(%q) = %q, want %q", in, got, want)
		}
	}
}
