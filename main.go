// Command atelier plans, runs and reports international training workshops
// for museum professionals. This file only wires the pieces: the command
// line (package cli) reads the arguments and runs a sub-command, or opens
// the store and hands it to the window (package app) started here, the one
// place that imports Fyne's driver.
package main

import (
	// First, so that it runs before Fyne reads the locale: see its doc.
	_ "atelier.local/localeenv"

	_ "embed"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/go-gl/glfw/v3.3/glfw"

	"github.com/atelier-workshops/atelier/app"
	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/cli"
	"github.com/atelier-workshops/atelier/data"
)

// FyneApp.toml is the one place the name, ID and version are written; the
// binary carries it so that --version and the About box agree with it
// wherever the binary is moved.
//
//go:embed FyneApp.toml
var fyneAppToml string

func main() {
	meta := metadata()
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, cli.Program{
		Version: meta.Version,
		Build:   meta.Build,
		Window: func(st *data.Store, dataDir string) {
			fyneapp.SetMetadata(meta)
			a := fyneapp.NewWithID(meta.ID)
			a.SetIcon(meta.Icon)
			app.Start(a, st, app.WithDataFolder(dataDir), app.WithWorkArea(primaryWorkArea))
			a.Run()
		},
	}))
}

// primaryWorkArea is the primary screen's area left free by panels, in
// Fyne's units: GLFW measures it in the screen's pixels, which Fyne's
// units are at the monitor's content scale. GLFW is ready once the window
// exists, and this runs on the main thread, as GLFW requires.
func primaryWorkArea() (fyne.Size, bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	scale, _ := m.GetContentScale()
	if w <= 0 || h <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w)/max(scale, 1), float32(h)/max(scale, 1)), true
}

// metadata reads the [Details] of FyneApp.toml: flat "Key = value" lines
// are all it has, so a few lines of parsing beat a TOML dependency.
func metadata() fyne.AppMetadata {
	meta := fyne.AppMetadata{Name: "Atelier", Icon: fyne.NewStaticResource("icon.png", assets.Icon),
		Release: true, Migrations: map[string]bool{}}
	section := ""
	for line := range strings.SplitSeq(fyneAppToml, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		key, value = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(value), `"`)
		switch section + "." + key {
		case "Details.ID":
			meta.ID = value
		case "Details.Name":
			meta.Name = value
		case "Details.Version":
			meta.Version = value
		case "Details.Build":
			meta.Build, _ = strconv.Atoi(value)
		case "Migrations.fyneDo":
			meta.Migrations["fyneDo"] = value == "true"
		}
	}
	return meta
}
