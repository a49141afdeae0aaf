package venue

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The login is a plain form (POST /login: pin, device, csrf) that works
// without script. Its CSRF token is the value of a cookie it sets, sent
// back in the form: a page of another site can neither read the cookie
// nor make the browser send it (SameSite=Strict).

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.gate.session(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	message := ""
	if r.URL.Query().Has("signed_out") {
		message = say(language(r), "signin")
	}
	s.showLogin(w, r, http.StatusOK, message, "")
}

// showLogin renders the login page with a fresh CSRF token.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, message, device string) {
	lang := language(r)
	token := randomToken()
	http.SetCookie(w, cookie(s.gate.loginCookie, token, time.Hour))
	render(w, status, "login.html", loginView{Lang: lang, W: words[lang], CSRF: token, Message: message, Device: device})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	device := strings.TrimSpace(r.PostFormValue("device"))
	if c, err := r.Cookie(s.gate.loginCookie); err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		s.showLogin(w, r, http.StatusForbidden, say(lang, "stale"), device)
		return
	}
	verdict, wait := s.gate.tryPIN(clientKey(r), strings.TrimSpace(r.PostFormValue("pin")))
	switch verdict {
	case loginRetired:
		s.showLogin(w, r, http.StatusTooManyRequests, say(lang, "retired"), device)
		return
	case loginLocked:
		minutes := int((wait + time.Minute - 1) / time.Minute)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		s.showLogin(w, r, http.StatusTooManyRequests, say(lang, "locked", "minutes", strconv.Itoa(minutes)), device)
		return
	case loginWrong:
		s.showLogin(w, r, http.StatusUnauthorized, say(lang, "wrong_pin"), device)
		return
	}
	name := ""
	if device != "" {
		var err error
		if name, err = data.DeviceName(device); err != nil {
			// The PIN was right: the helper fixes the name and types it again.
			s.showLogin(w, r, http.StatusUnprocessableEntity, say(lang, "device_name"), device)
			return
		}
	}
	ss := s.gate.begin(clientKey(r), name)
	http.SetCookie(w, cookie(s.gate.loginCookie, "", -1))
	http.SetCookie(w, cookie(s.gate.cookieName, ss.token, s.gate.longest))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.gate.end(sessionOf(r))
	http.SetCookie(w, cookie(s.gate.cookieName, "", -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
