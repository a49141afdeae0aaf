//go:build linux

// Command xwindow is the X11 side of scripts/smoke.sh: it waits for a
// process's window to be drawn, saves what it shows, and asks it to close
// the way a window manager's close button does.
//
//	xwindow wait --pid PID [--since UNIX-NANOSECONDS] [--timeout 15s] [--shot FILE.png]
//	xwindow close --pid PID
//
// wait succeeds once a mapped top-level window whose _NET_WM_PID is PID
// shows a picture that is not nearly all one colour; it prints how long
// after --since the window was mapped and drawn, and when it was last seen
// to change before a still half second (a window that draws its list
// first and the workshop in the next frames has settled then); and its
// WM_CLASS class. The shot is of the settled window. It fails if the process
// ends first or the timeout passes, saying whether no window appeared or
// the window stayed blank.
//
// close sends the window a WM_DELETE_WINDOW client message. Xvfb runs no
// window manager, so nothing else would turn a close request into that
// message: wmctrl -c asks the (absent) window manager, and xdotool's
// windowclose destroys the window instead of asking the program.
//
// Xlib comes with the X11 headers that Fyne's build needs anyway, so the
// smoke test needs no xdotool or ImageMagick.
package main

/*
#cgo LDFLAGS: -lX11
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>

// Xlib's default error handler ends the process; a window can vanish
// between two requests, so errors are only recorded.
static int lastError;
static int recordError(Display *d, XErrorEvent *e) { lastError = e->error_code; return 0; }
static void recordErrors(void) { XSetErrorHandler(recordError); }

static long windowPID(Display *d, Window w, Atom pidAtom) {
	Atom type;
	int format;
	unsigned long n, after;
	unsigned char *prop = NULL;
	long pid = -1;
	if (XGetWindowProperty(d, w, pidAtom, 0, 1, False, XA_CARDINAL, &type, &format, &n, &after, &prop) == Success
			&& prop != NULL && format == 32 && n == 1) {
		pid = *(long *)prop;
	}
	if (prop != NULL) {
		XFree(prop);
	}
	return pid;
}

// findWindow returns the first viewable child of the root window that
// belongs to pid, or 0. Without a window manager, top-level windows are the
// root's direct children.
static Window findWindow(Display *d, long pid) {
	Window root = DefaultRootWindow(d), parent, *children = NULL, found = 0;
	unsigned int n = 0;
	Atom pidAtom = XInternAtom(d, "_NET_WM_PID", False);
	if (!XQueryTree(d, root, &root, &parent, &children, &n)) {
		return 0;
	}
	for (unsigned int i = 0; i < n && !found; i++) {
		XWindowAttributes a;
		if (XGetWindowAttributes(d, children[i], &a) && a.map_state == IsViewable
				&& windowPID(d, children[i], pidAtom) == pid) {
			found = children[i];
		}
	}
	if (children != NULL) {
		XFree(children);
	}
	return found;
}

static XImage *grab(Display *d, Window w) {
	XWindowAttributes a;
	if (!XGetWindowAttributes(d, w, &a) || a.map_state != IsViewable) {
		return NULL;
	}
	return XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
}

static void freeImage(XImage *img) { XDestroyImage(img); }

// windowClass returns the class part of WM_CLASS (which desktop entries
// match with StartupWMClass), to be freed with XFree; or NULL.
static char *windowClass(Display *d, Window w) {
	XClassHint h = {0};
	if (!XGetClassHint(d, w, &h)) {
		return NULL;
	}
	if (h.res_name != NULL) {
		XFree(h.res_name);
	}
	return h.res_class;
}

static void askToClose(Display *d, Window w) {
	XEvent e = {0};
	e.xclient.type = ClientMessage;
	e.xclient.window = w;
	e.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
	e.xclient.format = 32;
	e.xclient.data.l[0] = XInternAtom(d, "WM_DELETE_WINDOW", False);
	e.xclient.data.l[1] = CurrentTime;
	XSendEvent(d, w, False, NoEventMask, &e);
	XFlush(d);
}
*/
import "C"

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/bits"
	"os"
	"strings"
	"time"
	"unsafe"
)

// blankShare is the share of pixels in the most common colour above which
// a picture counts as blank: Atelier's window is mostly background, but its
// list, form, tabs and menu bar cover far more than 1 %.
const blankShare = 0.99

func main() {
	if len(os.Args) < 2 {
		fail("usage: xwindow wait|close --pid PID [options]")
	}
	fs := flag.NewFlagSet("xwindow "+os.Args[1], flag.ExitOnError)
	pid := fs.Int("pid", 0, "process whose window to look for")
	var err error
	switch os.Args[1] {
	case "wait":
		since := fs.Int64("since", 0, "start of the process, in Unix nanoseconds (default: now)")
		timeout := fs.Duration("timeout", 15*time.Second, "how long to wait for a drawn window")
		shot := fs.String("shot", "", "save the first drawn picture to this PNG file")
		_ = fs.Parse(os.Args[2:])
		start := time.Now()
		if *since != 0 {
			start = time.Unix(0, *since)
		}
		err = wait(*pid, start, *timeout, *shot)
	case "close":
		_ = fs.Parse(os.Args[2:])
		err = closeWindow(*pid)
	default:
		err = fmt.Errorf("unknown command %q (wait or close)", os.Args[1])
	}
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "xwindow:", msg)
	os.Exit(1)
}

func openDisplay() (*C.Display, error) {
	C.recordErrors()
	d := C.XOpenDisplay(nil)
	if d == nil {
		return nil, fmt.Errorf("cannot open display %q", os.Getenv("DISPLAY"))
	}
	return d, nil
}

func wait(pid int, start time.Time, timeout time.Duration, shot string) error {
	d, err := openDisplay()
	if err != nil {
		return err
	}
	defer C.XCloseDisplay(d)
	var mapped time.Duration
	var last *image.RGBA
	share := 0.0
	deadline := time.Now().Add(timeout)
	for ; time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !running(pid) {
			return fmt.Errorf("process %d ended before its window was drawn", pid)
		}
		w := C.findWindow(d, C.long(pid))
		if w == 0 {
			continue
		}
		if mapped == 0 {
			mapped = time.Since(start)
		}
		img, err := capture(d, w)
		if err != nil {
			return err
		}
		if img == nil {
			continue
		}
		drawn := time.Since(start)
		last, share = img, dominantShare(img)
		if share > blankShare {
			continue
		}
		settled, img := settle(d, w, img, start)
		b := img.Bounds()
		fmt.Printf("cold start: window mapped after %d ms, first drawn frame after %d ms (%d×%d, %.0f %% in its most common colour), settled after %d ms\n",
			mapped.Milliseconds(), drawn.Milliseconds(), b.Dx(), b.Dy(), 100*share, settled.Milliseconds())
		class := ""
		if c := C.windowClass(d, w); c != nil {
			class = C.GoString(c)
			C.XFree(unsafe.Pointer(c))
		}
		fmt.Printf("window class: %s\n", class)
		return save(shot, img)
	}
	if last == nil {
		return fmt.Errorf("no window of process %d appeared within %v", pid, timeout)
	}
	_ = save(shot, last)
	return fmt.Errorf("the window of process %d stayed blank for %v (%.1f %% of it in one colour)", pid, timeout, 100*share)
}

// settle watches the window from its first drawn frame until it has not
// changed for half a second (at most five seconds in all), and returns
// when it last changed, counted from start, and what it then showed.
func settle(d *C.Display, w C.Window, first *image.RGBA, start time.Time) (time.Duration, *image.RGBA) {
	last, changed := first, time.Since(start)
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		img, err := capture(d, w)
		if err != nil || img == nil {
			break
		}
		if !img.Bounds().Eq(last.Bounds()) || !bytes.Equal(img.Pix, last.Pix) {
			last, changed = img, time.Since(start)
			continue
		}
		if time.Since(start)-changed > 500*time.Millisecond {
			break
		}
	}
	return changed, last
}

func closeWindow(pid int) error {
	d, err := openDisplay()
	if err != nil {
		return err
	}
	defer C.XCloseDisplay(d)
	w := C.findWindow(d, C.long(pid))
	if w == 0 {
		return fmt.Errorf("process %d has no window to close", pid)
	}
	C.askToClose(d, w)
	return nil
}

// running is false once pid has exited, including while it is a zombie
// that the shell has not reaped yet.
func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses and may
	// itself contain spaces or parentheses.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] != 'Z' && s[i+2] != 'X'
}

// capture reads the window's pixels, or returns nil if the window went
// away meanwhile.
func capture(d *C.Display, w C.Window) (*image.RGBA, error) {
	ximg := C.grab(d, w)
	if ximg == nil {
		return nil, nil
	}
	defer C.freeImage(ximg)
	if ximg.bits_per_pixel != 32 {
		// smoke.sh starts Xvfb at depth 24, which it stores in 32 bits.
		return nil, fmt.Errorf("the screen has %d bits per pixel; only 32 is read", ximg.bits_per_pixel)
	}
	width, height, stride := int(ximg.width), int(ximg.height), int(ximg.bytes_per_line)
	data := unsafe.Slice((*byte)(unsafe.Pointer(ximg.data)), stride*height)
	masks := [3]uint32{uint32(ximg.red_mask), uint32(ximg.green_mask), uint32(ximg.blue_mask)}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		for x := range width {
			o := y*stride + 4*x
			var p uint32
			if ximg.byte_order == C.LSBFirst {
				p = uint32(data[o]) | uint32(data[o+1])<<8 | uint32(data[o+2])<<16 | uint32(data[o+3])<<24
			} else {
				p = uint32(data[o])<<24 | uint32(data[o+1])<<16 | uint32(data[o+2])<<8 | uint32(data[o+3])
			}
			img.SetRGBA(x, y, color.RGBA{channel(p, masks[0]), channel(p, masks[1]), channel(p, masks[2]), 0xff})
		}
	}
	return img, nil
}

// channel extracts an 8-bit colour channel given by its mask.
func channel(p, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	return uint8((p & mask) >> bits.TrailingZeros32(mask))
}

func dominantShare(img *image.RGBA) float64 {
	counts := map[uint32]int{}
	most := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		c := uint32(img.Pix[i])<<16 | uint32(img.Pix[i+1])<<8 | uint32(img.Pix[i+2])
		counts[c]++
		most = max(most, counts[c])
	}
	total := len(img.Pix) / 4
	if total == 0 {
		return 1
	}
	return float64(most) / float64(total)
}

func save(path string, img image.Image) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(png.Encode(f, img), f.Close())
}
