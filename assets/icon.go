package assets

import _ "embed"

// Icon is the application icon, a 512×512 PNG drawn by scripts/icongen
// (regenerate it with `make icon`).
//
//go:embed icon.png
var Icon []byte
