// Atelier's venue page: a helper marks attendance for one session on the
// organiser's laptop, which keeps the record. Every tap is saved there at
// once (POST /api/mark); marks made elsewhere arrive by the stream of
// events (GET /api/events), each with its place in the laptop's log
// ("rev"), so that a cell always shows the latest, whatever arrives first.
'use strict';
(function () {
  const body = document.body;
  const W = JSON.parse(body.dataset.words);
  const csrf = body.dataset.csrf;
  const foldPairs = JSON.parse(body.dataset.folds);
  const lang = document.documentElement.lang;
  const $ = (id) => document.getElementById(id);
  const MARKS = ['present', 'late', 'excused', 'absent'];

  const state = {
    session: 0,
    people: [],
    byId: new Map(),
    sheetSession: 0, // whose people byId holds
    device: '',
    stream: null,
    message: null, // what #status says, over the connection's state
    live: false,
  };

  function say(key, args) {
    return (W[key] || W.failed).replace(/\{(\w+)\}/g, (m, k) => (args && k in args ? args[k] : m));
  }

  // fold is data.Fold: lower case, marks stripped, and the letters the
  // laptop writes as others ("ɗ" as "d"), so "olanrewaju" finds
  // "Ọláńrewájú" here as on the laptop.
  function fold(s) {
    let t = s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
    for (let i = 0; i + 1 < foldPairs.length; i += 2) {
      t = t.split(foldPairs[i]).join(foldPairs[i + 1]);
    }
    return t;
  }

  async function api(method, url, payload) {
    const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };
    if (payload !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.headers['X-CSRF-Token'] = csrf;
      options.body = JSON.stringify(payload);
    }
    let res;
    try {
      res = await fetch(url, options);
    } catch (e) {
      throw { key: 'offline' };
    }
    let answer = null;
    try {
      answer = await res.json();
    } catch (e) {
      answer = null;
    }
    if (res.status === 401) {
      signedOut();
      throw { key: 'signin' };
    }
    if (!res.ok) {
      throw { key: (answer && answer.error) || 'failed', status: res.status };
    }
    return answer;
  }

  function signedOut() {
    closeStream();
    location.href = '/login?signed_out=1';
  }

  // status shows a message for a while (with a button, if given), then
  // the connection's state again.
  function status(text, problem, button) {
    const el = $('status');
    clearTimeout(state.message);
    el.textContent = text;
    el.className = problem ? 'problem' : '';
    if (button) {
      el.appendChild(button);
    }
    state.message = setTimeout(() => {
      state.message = null;
      showLive();
    }, problem ? 8000 : 6000);
  }

  function showLive() {
    if (state.message) {
      return;
    }
    const el = $('status');
    el.className = state.live ? '' : 'problem';
    el.textContent = state.live ? W.live : W.reconnecting;
  }

  function setLive(live) {
    state.live = live;
    showLive();
  }

  // Sessions, grouped by day, the running one (or the next) first.
  async function start() {
    const d = await api('GET', '/api/sessions');
    $('workshop').textContent = d.workshop;
    document.title = W.title + ' · ' + d.workshop;
    const select = $('session');
    select.textContent = '';
    const label = (s) => s.start + '–' + s.end + ' · ' + s.title + (s.room ? ' (' + s.room + ')' : '');
    const group = (name) => {
      const g = document.createElement('optgroup');
      g.label = name;
      select.appendChild(g);
      return g;
    };
    const option = (g, s) => {
      const o = document.createElement('option');
      o.value = String(s.id);
      o.textContent = label(s);
      g.appendChild(o);
    };
    const current = d.sessions.find((s) => s.id === d.current);
    if (current) {
      option(group(W.now), current);
    }
    let day = '';
    let g = null;
    for (const s of d.sessions) {
      if (s.day !== day) {
        day = s.day;
        g = group(new Date(s.day + 'T12:00:00Z').toLocaleDateString(lang,
          { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }));
      }
      option(g, s);
    }
    setDevice(d.device);
    if (!d.sessions.length) {
      showEmpty(W.no_sessions);
      return;
    }
    const kept = Number(sessionStorage.getItem('atelier-session'));
    const chosen = d.sessions.some((s) => s.id === kept) ? kept : d.current || d.sessions[0].id;
    select.value = String(chosen);
    if (!state.device) {
      await nameDevice(true);
    }
    openSession(chosen);
  }

  function setDevice(name) {
    state.device = name;
    $('device-name').textContent = name;
    if (name) {
      localStorage.setItem('atelier-device', name);
    }
  }

  // nameDevice asks for this phone's name; a name it had before is sent
  // again without asking.
  async function nameDevice(first) {
    const known = localStorage.getItem('atelier-device') || '';
    if (first && known) {
      try {
        const r = await api('POST', '/api/device', { name: known });
        setDevice(r.device);
        return;
      } catch (e) {
        // ask below
      }
    }
    const dialog = $('name-dialog');
    $('name').value = state.device || known;
    $('name-problem').hidden = true;
    $('name-cancel').hidden = first;
    dialog.showModal();
    await new Promise((resolve) => {
      $('name-cancel').onclick = () => {
        dialog.close();
        resolve();
      };
      $('name-form').onsubmit = async (ev) => {
        ev.preventDefault();
        try {
          const r = await api('POST', '/api/device', { name: $('name').value });
          setDevice(r.device);
          dialog.close();
          resolve();
        } catch (e) {
          $('name-problem').textContent = say(e.key);
          $('name-problem').hidden = false;
        }
      };
    });
  }

  async function openSession(id) {
    state.session = id;
    sessionStorage.setItem('atelier-session', String(id));
    openStream();
    try {
      showSheet(await api('GET', '/api/sheet?session=' + id));
    } catch (e) {
      status(say(e.key), true);
    }
  }

  // showSheet shows a session's people as the laptop had them at
  // sheet.asOf. A person already on the list keeps their object and row,
  // so that a tap being saved while the list is read again still ends
  // saved (or failed) on the row the helper sees; a cell already showing
  // a later mark keeps it.
  function showSheet(sheet) {
    if (sheet.session.id !== state.session) {
      return;
    }
    const before = state.sheetSession === sheet.session.id ? state.byId : new Map();
    state.sheetSession = sheet.session.id;
    state.byId = new Map();
    state.people = sheet.people.map((p) => {
      let person = before.get(p.id);
      if (!person) {
        person = Object.assign(p, { rev: sheet.asOf });
        person.row = makeRow(person);
      } else {
        person.name = p.name;
        person.institution = p.institution;
        person.row.querySelector('.name').textContent = p.name;
        person.row.querySelector('.inst').textContent = p.institution;
        person.row.querySelector('.marks').setAttribute('aria-label', p.name);
        if (person.rev <= sheet.asOf) {
          Object.assign(person, { mark: p.mark, device: p.device, at: p.at, rev: sheet.asOf });
        }
      }
      person.folded = fold(person.name);
      state.byId.set(p.id, person);
      return person;
    });
    // The rows are put in place only when they changed: a row taken out
    // and put back would lose the finger (or the test driver) on it.
    const list = $('people');
    const rows = state.people.map((p) => p.row);
    if (rows.length !== list.children.length || rows.some((r, i) => list.children[i] !== r)) {
      list.replaceChildren(...rows);
    }
    for (const p of state.people) {
      showRow(p);
    }
    showEmpty(state.people.length ? '' : W.no_people);
    filter();
    showCounts();
  }

  function makeRow(p) {
    const li = document.createElement('li');
    li.dataset.id = String(p.id);
    const who = document.createElement('div');
    who.className = 'who';
    for (const [cls, text] of [['name', p.name], ['inst', p.institution], ['meta', '']]) {
      const d = document.createElement('div');
      d.className = cls;
      d.textContent = text;
      who.appendChild(d);
    }
    const marks = document.createElement('div');
    marks.className = 'marks';
    marks.setAttribute('role', 'group');
    marks.setAttribute('aria-label', p.name);
    for (const m of MARKS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.mark = m;
      b.textContent = W['letter_' + m];
      b.title = W[m];
      b.setAttribute('aria-label', W[m]);
      b.setAttribute('aria-pressed', 'false');
      marks.appendChild(b);
    }
    li.append(who, marks);
    return li;
  }

  // showRow shows a person's mark, or the one being saved.
  function showRow(p) {
    const shown = p.saving || p.mark;
    for (const b of p.row.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.mark === shown));
    }
    p.row.dataset.mark = p.mark;
    let meta = '';
    if (p.mark) {
      const args = { mark: W[p.mark], device: p.device, time: p.at };
      meta = say(p.device ? 'by_device' : 'by_laptop', args);
    }
    p.row.querySelector('.meta').textContent = meta;
  }

  // plural picks the language's form for a count: French says "0 absent"
  // as "1 absent", Spanish "0 ausentes" and "1 ausente".
  const plural = new Intl.PluralRules(lang);

  function showCounts() {
    const n = { present: 0, late: 0, excused: 0, absent: 0, unmarked: 0 };
    for (const p of state.people) {
      n[p.mark || 'unmarked']++;
    }
    // Each count on one line, its number with its word.
    const parts = [];
    for (const mark of Object.keys(n)) {
      const key = 'count_' + mark + '_' + plural.select(n[mark]);
      const part = document.createElement('span');
      part.textContent = say(key in W ? key : 'count_' + mark + '_other', { n: n[mark] });
      parts.push(part);
      parts.push(' · ');
    }
    parts.pop();
    $('counts').replaceChildren(...parts);
  }

  function showEmpty(text) {
    $('empty').textContent = text;
    $('empty').hidden = !text;
  }

  // apply shows a mark saved on the laptop, unless the cell already shows
  // a later one.
  function apply(change, fromElsewhere) {
    const p = state.byId.get(change.participant);
    if (!p || change.session !== state.session || change.rev <= p.rev) {
      return p;
    }
    Object.assign(p, { mark: change.mark, device: change.device, at: change.at, rev: change.rev });
    showRow(p);
    showCounts();
    if (fromElsewhere) {
      p.row.dataset.state = '';
      void p.row.offsetWidth; // restarts the flash
      p.row.dataset.state = 'changed';
    }
    return p;
  }

  async function tap(p, mark) {
    if (p.saving || p.mark === mark) {
      return;
    }
    const before = p.mark;
    const t0 = performance.now();
    p.saving = mark;
    p.row.dataset.state = 'saving';
    showRow(p);
    try {
      const r = await api('POST', '/api/mark', { session: state.session, participant: p.id, mark });
      p.saving = '';
      apply(r, false);
      showRow(p);
      p.row.dataset.state = 'saved';
      p.row.dataset.ms = String(Math.round(performance.now() - t0));
      offerUndo(p, before, r.rev);
    } catch (e) {
      p.saving = '';
      p.row.dataset.state = 'failed';
      showRow(p);
      status(say(e.key), true);
    }
  }

  function offerUndo(p, before, rev) {
    const undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'quiet';
    undo.id = 'undo';
    undo.textContent = W.undo;
    undo.onclick = async () => {
      if (p.rev !== rev) {
        return; // someone marked after: theirs stands
      }
      try {
        apply(await api('POST', '/api/mark', { session: state.session, participant: p.id, mark: before }), false);
        status(say('marked', { name: p.name, mark: W[before || 'unmarked'] }), false);
      } catch (e) {
        status(say(e.key), true);
      }
    };
    status(say('marked', { name: p.name, mark: W[p.mark || 'unmarked'] }) + ' ', false, undo);
  }

  function filter() {
    const q = fold($('search').value.trim());
    let shown = 0;
    for (const p of state.people) {
      const show = !q || p.folded.includes(q);
      p.row.hidden = !show;
      shown += show ? 1 : 0;
    }
    if (state.people.length) {
      showEmpty(shown ? '' : W.no_match);
    }
  }

  async function markCode(ev) {
    ev.preventDefault();
    const input = $('code');
    const code = input.value.trim();
    if (!code) {
      return;
    }
    input.value = '';
    try {
      const r = await api('POST', '/api/mark', { session: state.session, code, mark: 'present' });
      const p = apply(r, false);
      status(say('marked', { name: r.name, mark: W[r.mark] }), false);
      if (p) {
        for (const other of state.people) {
          other.row.classList.remove('found');
        }
        p.row.classList.add('found');
        p.row.scrollIntoView({ block: 'center' });
      }
    } catch (e) {
      status(say(e.key, { code }), true);
    }
    input.focus(); // the next badge
  }

  // The stream of marks: opened with the session, closed while the page
  // is hidden (a phone asleep), opened again when it is seen: each new
  // stream starts with the whole sheet.
  function openStream() {
    closeStream();
    if (!state.session || document.hidden) {
      return;
    }
    const es = new EventSource('/api/events?session=' + state.session);
    state.stream = es;
    es.addEventListener('sheet', (e) => {
      showSheet(JSON.parse(e.data));
      setLive(true);
    });
    es.addEventListener('mark', (e) => apply(JSON.parse(e.data), true));
    es.addEventListener('reload', async () => {
      try {
        showSheet(await api('GET', '/api/sheet?session=' + state.session));
      } catch (e) {
        status(say(e.key), true);
      }
    });
    es.addEventListener('signin', signedOut);
    es.onerror = () => {
      setLive(false);
      if (es.readyState === EventSource.CLOSED && state.stream === es) {
        // Refused rather than cut: signed out (api goes to the login), or
        // the laptop too busy; try again in a while.
        setTimeout(() => api('GET', '/api/sessions').then(openStream, () => setTimeout(openStream, 5000)), 2000);
      }
    };
  }

  function closeStream() {
    if (state.stream) {
      state.stream.close();
      state.stream = null;
    }
  }

  $('people').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-mark]');
    if (!b) {
      return;
    }
    const p = state.byId.get(Number(b.closest('li').dataset.id));
    if (p) {
      tap(p, b.dataset.mark);
    }
  });
  $('session').addEventListener('change', () => openSession(Number($('session').value)));
  $('search').addEventListener('input', filter);
  $('badge').addEventListener('submit', markCode);
  $('rename').addEventListener('click', () => nameDevice(false));
  document.addEventListener('visibilitychange', () => (document.hidden ? closeStream() : openStream()));
  start().catch((e) => status(say(e.key), true));
})();
