package cli

import (
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// atelier serve shares the page on 127.0.0.1 until interrupted: it
// prints the address, the PIN given and a QR code of the address, the
// page answers meanwhile, and Ctrl-C stops it with a count of the marks.
func TestServeUntilInterrupted(t *testing.T) {
	db := demoFile(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	address := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	var out, errOut strings.Builder
	cmd := cliChild("serve", "--db", db, "--workshop", "1", "--addr", "127.0.0.1:"+strconv.Itoa(port), "--pin", "482913")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	answered := false
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(20 * time.Second); !answered && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := client.Get(address + "login"); err == nil {
			res.Body.Close()
			answered = res.StatusCode == http.StatusOK
		}
	}
	if !answered {
		t.Fatal("the page did not answer")
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v: %s", err, errOut.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Signal(syscall.SIGKILL)
		t.Fatal("serve did not stop on Ctrl-C")
	}
	printed := out.String()
	for _, want := range []string{"open  " + address, "type the PIN                     482913", "Stopped sharing: 0 marks saved",
		terminalQR(address)} {
		if !strings.Contains(printed, want) {
			t.Errorf("serve printed %q, not %q", printed, want)
		}
	}
	if _, err := client.Get(address + "login"); err == nil {
		t.Error("the page still answers after Ctrl-C")
	}
}

// A public address or a PIN that is not six digits is refused in words,
// with nothing listening.
func TestServeRefusesAPublicAddressAndABadPIN(t *testing.T) {
	db := demoFile(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "8.8.8.8:8765"}, "Address: 8.8.8.8:8765 is not on a local network"},
		{[]string{"--addr", "0.0.0.0:8765"}, "is not on a local network"},
		{[]string{"--addr", "127.0.0.1:0", "--pin", "12ab"}, "PIN: give six digits"},
		{[]string{"--addr", "127.0.0.1:0", "--workshop", "99"}, "there is no workshop 99"},
	} {
		args := append([]string{"serve", "--db", db, "--workshop", "1"}, c.args...)
		code, _, errOut := runCLI(args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "error.") {
			t.Errorf("%v: code %d, %q", c.args, code, errOut)
		}
	}
}
