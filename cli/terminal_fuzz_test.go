package cli

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzTerminalSafe: whatever bytes a value holds, what reaches the
// terminal is valid UTF-8 with no control a terminal acts on, and text
// without any passes unchanged.
func FuzzTerminalSafe(f *testing.F) {
	for _, seed := range []string{"Ọláńrewájú\n", "\x1b]0;title\x07", "a\u202eb\u009b", "\xe9\xff\x00", "\tעברית\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		n, err := (terminalSafe{&out}).Write(in)
		if err != nil || n != len(in) {
			t.Fatalf("wrote %d of %d: %v", n, len(in), err)
		}
		if bad := rawControls(out.String()); len(bad) > 0 || !utf8.Valid(out.Bytes()) {
			t.Fatalf("%q came out as %q", in, out.Bytes())
		}
		if clean(in) && !bytes.Equal(out.Bytes(), in) {
			t.Fatalf("clean %q came out as %q", in, out.Bytes())
		}
	})
}
