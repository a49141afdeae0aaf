package venue

import (
	"errors"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/atelier-workshops/atelier/data"
)

// The server listens on a local address only: loopback (this computer),
// a private network's (RFC 1918 for IPv4, RFC 4193 for IPv6) or a
// link-local one. Those are not routed on the internet, so the page is
// reached from the venue's own network and nowhere else. Any other address
// is refused, and so is the unspecified one (0.0.0.0, ::), which would
// listen on every network the laptop is on, a public one included.

// DefaultPort is the port the server tries first; when it is taken, the
// next few are tried, then any free one.
const DefaultPort = 8765

// Local reports whether ip is an address the server may listen on.
func Local(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast()
}

// Candidate is a local address of this computer that phones may reach.
type Candidate struct {
	IP        netip.Addr
	Interface string // the network interface's name, e.g. wlan0
}

// Loopback reports whether phones cannot reach it: only this computer can.
func (c Candidate) Loopback() bool { return c.IP.IsLoopback() }

// LocalAddresses lists the addresses of this computer the server may
// listen on, the likeliest to reach phones first: private IPv4 addresses
// of real interfaces (a venue's Wi-Fi, a phone's hotspot), then private
// IPv6 ones, then link-local IPv4, then those of virtual interfaces
// (containers, VPNs, virtual machines), and last this computer alone.
func LocalAddresses() []Candidate {
	ifaces, err := net.Interfaces()
	if err != nil {
		return []Candidate{{IP: netip.MustParseAddr("127.0.0.1"), Interface: "lo"}}
	}
	var out []Candidate
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			prefix, err := netip.ParsePrefix(a.String())
			if err != nil {
				continue
			}
			ip := prefix.Addr().Unmap()
			// An IPv6 link-local address needs its zone, which no phone's
			// browser takes in an address.
			if !Local(ip) || ip.Is6() && ip.IsLinkLocalUnicast() {
				continue
			}
			out = append(out, Candidate{IP: ip, Interface: ifc.Name})
		}
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return rank(a) - rank(b) })
	if !slices.ContainsFunc(out, Candidate.Loopback) {
		out = append(out, Candidate{IP: netip.MustParseAddr("127.0.0.1"), Interface: "lo"})
	}
	return out
}

// virtualInterfaces are name prefixes of interfaces phones are not on.
var virtualInterfaces = []string{"docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "tun", "tap", "wg", "zt",
	"tailscale", "utun", "lxc", "lxd", "podman", "cni", "flannel", "vEthernet"}

func rank(c Candidate) int {
	r := 0
	switch ip := c.IP; {
	case ip.IsLoopback():
		return 100
	case ip.Is4() && ip.IsPrivate():
		r = 0
	case ip.IsPrivate():
		r = 1
	default: // link-local IPv4
		r = 2
	}
	for _, p := range virtualInterfaces {
		if strings.HasPrefix(c.Interface, p) {
			r += 10
		}
	}
	return r
}

// addressError is a refused --addr, worded by the translation files.
func addressError(key, addr string) error {
	english := map[string]string{
		"error.venue_address":        "Address: “" + addr + "” is not an address and port such as 192.168.1.10:8765",
		"error.venue_public_address": "Address: " + addr + " is not on a local network; the attendance page is shared only on the venue’s own network (addresses such as 192.168.…, 10.… or 172.16–31.…)",
		"error.venue_no_network":     "This computer is on no local network: join the venue’s Wi-Fi or a phone’s hotspot, then share again",
		"error.venue_port_taken":     "Address: " + addr + " is already used by another program; choose another port",
		"error.venue_not_here":       "Address: " + addr + " is not an address of this computer",
	}[key]
	return data.FieldError{Field: "address", Key: key, Args: map[string]any{"Address": addr}, Message: english}
}

// listenAddress reads addr (HOST:PORT, :PORT or "") into the address to
// listen on and whether its port may move on when taken. An empty host is
// this computer's likeliest address on the local network.
func listenAddress(addr string) (ip netip.Addr, port int, portGiven bool, err error) {
	host, portText := addr, ""
	if addr != "" {
		if host, portText, err = net.SplitHostPort(addr); err != nil {
			if _, perr := netip.ParseAddr(strings.Trim(addr, "[]")); perr == nil || !strings.Contains(addr, ":") {
				host, portText = strings.Trim(addr, "[]"), "" // a host alone
			} else {
				return ip, 0, false, addressError("error.venue_address", addr)
			}
		}
	}
	port = DefaultPort
	if portText != "" {
		n, err := strconv.Atoi(portText)
		if err != nil || n < 0 || n > 65535 {
			return ip, 0, false, addressError("error.venue_address", addr)
		}
		port, portGiven = n, true
	}
	switch host {
	case "":
		for _, c := range LocalAddresses() {
			if !c.Loopback() {
				return c.IP, port, portGiven, nil
			}
		}
		return ip, 0, false, addressError("error.venue_no_network", addr)
	case "localhost":
		host = "127.0.0.1"
	}
	ip, err = netip.ParseAddr(host)
	if err != nil {
		return ip, 0, false, addressError("error.venue_address", addr)
	}
	if !Local(ip) {
		return ip, 0, false, addressError("error.venue_public_address", addr)
	}
	return ip.Unmap(), port, portGiven, nil
}

// listen opens the server's socket on ip: on port, or when port was not
// given and is taken, on one of the next nine, or on any free one.
func listen(ip netip.Addr, port int, portGiven bool) (net.Listener, error) {
	tries := []int{port}
	if !portGiven {
		for k := 1; k < 10; k++ {
			tries = append(tries, port+k)
		}
		tries = append(tries, 0)
	}
	var err error
	for _, p := range tries {
		var ln net.Listener
		ln, err = net.Listen("tcp", netip.AddrPortFrom(ip, uint16(p)).String())
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
	}
	addr := netip.AddrPortFrom(ip, uint16(port)).String()
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, addressError("error.venue_port_taken", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return nil, addressError("error.venue_not_here", addr)
	}
	return nil, err
}
