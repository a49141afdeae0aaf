// Command pecheck checks the Windows executable that `make package` builds:
//
//	pecheck [--version X.Y.Z.B] FILE.exe
//
// It fails unless FILE is a PE32+ executable for x86-64 that starts
// without a console window (GUI subsystem) and whose resources hold an
// icon group with every icon it names, a manifest, and version
// information, whose file version must be --version when it is given. It
// prints what it found, so the package log shows the icon sizes and the
// version that Windows Explorer will show.
//
// It reads the file with debug/pe, so the check needs neither file(1) nor
// icoutils on the build machine.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	version := flag.String("version", "", "the file version the executable must carry, as X.Y.Z.B")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pecheck [--version X.Y.Z.B] FILE.exe")
		os.Exit(2)
	}
	summary, err := check(flag.Arg(0), *version)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pecheck: %s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
	fmt.Printf("pecheck: %s: %s\n", flag.Arg(0), summary)
}

func check(path, wantVersion string) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return "", fmt.Errorf("built for machine %#x, not x86-64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "", errors.New("not a PE32+ (64-bit) executable")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return "", fmt.Errorf("subsystem %d, not Windows GUI: it would open a console window", oh.Subsystem)
	}
	res, err := resources(f, oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE])
	if err != nil {
		return "", err
	}
	icons, err := iconSizes(res)
	if err != nil {
		return "", err
	}
	if len(res[rtManifest]) == 0 {
		return "", errors.New("no manifest resource")
	}
	if len(res[rtVersion]) == 0 {
		return "", errors.New("no version resource")
	}
	ver, err := fileVersion(res[rtVersion][0].data)
	if err != nil {
		return "", err
	}
	if wantVersion != "" && ver != wantVersion {
		return "", fmt.Errorf("file version %s, want %s", ver, wantVersion)
	}
	return fmt.Sprintf("PE32+ executable for x86-64, Windows GUI; icon %s; manifest; file version %s",
		strings.Join(icons, ", "), ver), nil
}

type resource struct {
	id   uint32 // the name's ID; 0 for a named resource
	data []byte
}

// resources reads the resource tree (type, then name, then language) into
// the resources of each type.
func resources(f *pe.File, dir pe.DataDirectory) (map[uint32][]resource, error) {
	if dir.Size == 0 {
		return nil, errors.New("no resources at all")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+s.VirtualSize {
			sec = s
		}
	}
	if sec == nil {
		return nil, errors.New("the resource directory is in no section")
	}
	raw, err := sec.Data()
	if err != nil {
		return nil, err
	}
	base := dir.VirtualAddress - sec.VirtualAddress
	bad := errors.New("damaged resource directory")
	u16 := func(o uint32) (uint32, error) {
		if uint64(o)+2 > uint64(len(raw)) {
			return 0, bad
		}
		return uint32(binary.LittleEndian.Uint16(raw[o:])), nil
	}
	u32 := func(o uint32) (uint32, error) {
		if uint64(o)+4 > uint64(len(raw)) {
			return 0, bad
		}
		return binary.LittleEndian.Uint32(raw[o:]), nil
	}
	// entries lists a directory's (name or ID, offset) pairs; offsets are
	// from the start of the resource directory.
	entries := func(o uint32) ([][2]uint32, error) {
		named, err1 := u16(base + o + 12)
		ids, err2 := u16(base + o + 14)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		var list [][2]uint32
		for i := range named + ids {
			e := base + o + 16 + 8*i
			name, err1 := u32(e)
			off, err2 := u32(e + 4)
			if err := errors.Join(err1, err2); err != nil {
				return nil, err
			}
			list = append(list, [2]uint32{name, off})
		}
		return list, nil
	}
	const subdir = 0x80000000
	out := map[uint32][]resource{}
	types, err := entries(0)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		if t[1]&subdir == 0 {
			return nil, bad
		}
		names, err := entries(t[1] &^ subdir)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if n[1]&subdir == 0 {
				return nil, bad
			}
			langs, err := entries(n[1] &^ subdir)
			if err != nil {
				return nil, err
			}
			for _, l := range langs {
				rva, err1 := u32(base + l[1])
				size, err2 := u32(base + l[1] + 4)
				if err := errors.Join(err1, err2); err != nil || l[1]&subdir != 0 {
					return nil, bad
				}
				start := uint64(rva) - uint64(sec.VirtualAddress)
				if rva < sec.VirtualAddress || start+uint64(size) > uint64(len(raw)) {
					return nil, bad
				}
				id := n[0]
				if id&subdir != 0 {
					id = 0
				}
				out[t[0]] = append(out[t[0]], resource{id: id, data: raw[start : start+uint64(size)]})
			}
		}
	}
	return out, nil
}

// iconSizes reads the first icon group (the one Explorer shows) and
// describes each of its images, checking that each is present.
func iconSizes(res map[uint32][]resource) ([]string, error) {
	if len(res[rtGroupIcon]) == 0 {
		return nil, errors.New("no icon in the resources")
	}
	group := res[rtGroupIcon][0].data
	if len(group) < 6 || binary.LittleEndian.Uint16(group[2:]) != 1 {
		return nil, errors.New("damaged icon group")
	}
	n := int(binary.LittleEndian.Uint16(group[4:]))
	if n == 0 || len(group) < 6+14*n {
		return nil, errors.New("empty or damaged icon group")
	}
	images := map[uint32][]byte{}
	for _, r := range res[rtIcon] {
		images[r.id] = r.data
	}
	var sizes []string
	for i := range n {
		e := group[6+14*i:]
		w, h := int(e[0]), int(e[1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		img, ok := images[uint32(binary.LittleEndian.Uint16(e[12:]))]
		if !ok {
			return nil, fmt.Errorf("the icon group names a %d×%d image that is missing", w, h)
		}
		kind := "bitmap"
		if bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) {
			kind = "PNG"
		}
		sizes = append(sizes, fmt.Sprintf("%d×%d %s", w, h, kind))
	}
	return sizes, nil
}

// fileVersion finds VS_FIXEDFILEINFO by its signature and returns its file
// version as X.Y.Z.B.
func fileVersion(info []byte) (string, error) {
	i := bytes.Index(info, []byte{0xbd, 0x04, 0xef, 0xfe})
	if i < 0 || i+16 > len(info) {
		return "", errors.New("damaged version resource")
	}
	ms, ls := binary.LittleEndian.Uint32(info[i+8:]), binary.LittleEndian.Uint32(info[i+12:])
	return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff), nil
}
