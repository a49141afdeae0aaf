package cli

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDBPath is atelier.db in the user's data folder: XDG_DATA_HOME or
// ~/.local/share on Linux, %LOCALAPPDATA% on Windows, Application Support
// on macOS. The backups of every file Atelier opens go into that folder.
func DefaultDBPath() string {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LOCALAPPDATA")
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			if home, err := os.UserHomeDir(); err == nil {
				dir = filepath.Join(home, ".local", "share")
			}
		}
	}
	if dir == "" {
		dir = "."
	}
	name := "atelier"
	if runtime.GOOS != "linux" {
		name = "Atelier"
	}
	return filepath.Join(dir, name, "atelier.db")
}
