/* Open Door package player: runs a course inside any SCORM 1.2 or SCORM 2004 LMS, or as a cmi5 AU
   against the LMS's LRS, without calling the Open Door server. Progress and answers are kept in the
   LMS (SCORM location and suspend data, or a cmi5 state document), so a learner resumes where they
   left off. Pass = pass mark AND every critical item right. */
(function () {
  'use strict';
  var course = window.OPENDOOR_COURSE;
  var main = document.getElementById('main');
  var text = window.OPENDOOR_TEXT || {};

  /* The player's words in the package's language (course.js), with {0}, {1}... filled in. */
  function t(key, english, args) {
    var s = text[key] || english;
    (args || []).forEach(function (a, i) { s = s.split('{' + i + '}').join(String(a)); });
    return s;
  }

  /* ---- LMS adapter ---- */
  /* The ADL API discovery algorithm: this window and each parent up to the top, then the opener (of
     this window or of its top window, for a course opened in a popup from inside an LMS frame) and
     each of the opener's parents. A window of another origin is passed over, not a dead end. */
  function scan(win, name) {
    for (var tries = 0; win && tries < 500; tries++) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* another origin: look further up */ }
      var up = null;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) { return null; }
      win = up;
    }
    return null;
  }
  function find(name) {
    var api = scan(window, name);
    [function () { return window.opener; }, function () { return window.top.opener; }].forEach(function (opener) {
      var w = null;
      try { w = opener(); } catch (e) { w = null; }
      if (!api && w) { api = scan(w, name); }
    });
    return api;
  }
  var standard = (window.OPENDOOR_PACKAGE || {}).standard;
  var api12 = standard === 'scorm2004' || standard === 'cmi5' ? null : find('API');
  var api04 = api12 || standard === 'scorm12' || standard === 'cmi5' ? null : find('API_1484_11');
  /* Every call's answer is checked; a commit that fails is tried again, and the state stays marked
     unsaved so the next timer or status change sends it. */
  var lms = {
    on: !!(api12 || api04), finished: false, dirty: false, tries: 0, retry: null,
    ok: function (r) { return r === true || r === 'true'; },
    error: function () {
      try { return String(api12 ? api12.LMSGetLastError() : api04.GetLastError()); } catch (e) { return '?'; }
    },
    start: function () {
      if (!lms.on) { return; }
      var open = function () { return lms.ok(api12 ? api12.LMSInitialize('') : api04.Initialize('')); };
      /* 101 (SCORM 1.2) and 103 (SCORM 2004): the LMS says the session is already open. */
      if (!open() && ['101', '103'].indexOf(lms.error()) < 0 && !open()) { lms.on = false; }
    },
    get: function (k12, k04) {
      if (!lms.on) { return ''; }
      return String((api12 ? (k12 ? api12.LMSGetValue(k12) : '') : (k04 ? api04.GetValue(k04) : '')) || '');
    },
    set: function (k12, k04, v) {
      var k = api12 ? k12 : k04;
      if (!lms.on || !k || lms.finished) { return false; }
      var ok = lms.ok(api12 ? api12.LMSSetValue(k, String(v)) : api04.SetValue(k, String(v)));
      if (!ok && window.console) { console.warn('The LMS refused ' + k + ' (error ' + lms.error() + ')'); }
      return ok;
    },
    commit: function () {
      if (!lms.on || lms.finished) { return false; }
      clearTimeout(lms.retry);
      var ok = lms.ok(api12 ? api12.LMSCommit('') : api04.Commit(''));
      if (ok) { lms.dirty = false; lms.tries = 0; notice(false, 'save'); return true; }
      lms.dirty = true;
      lms.tries++;
      if (window.console) { console.warn('The LMS did not save (error ' + lms.error() + '); trying again'); }
      if (lms.tries >= 3) { notice(true, 'save'); }
      lms.retry = setTimeout(lms.commit, Math.min(60000, 5000 * lms.tries));
      return false;
    },
    finish: function () {
      if (!lms.on || lms.finished) { return; }
      clearTimeout(lms.retry);
      lms.finished = lms.ok(api12 ? api12.LMSFinish('') : api04.Terminate(''));
      if (!lms.finished) { lms.finished = lms.ok(api12 ? api12.LMSFinish('') : api04.Terminate('')); }
    }
  };
  /* Saved every few minutes when something changed (a change of status saves at once). */
  setInterval(function () { if (lms.dirty) { lms.commit(); } }, 120000);

  /* The notice shown above the page while progress is not being recorded: no LMS was found, or the
     LMS keeps refusing to save. */
  function notice(show, why) {
    var id = 'lms-notice-' + why, el = document.getElementById(id);
    if (!show) { if (el) { el.parentNode.removeChild(el); } return; }
    if (el) { return; }
    el = document.createElement('div');
    el.id = id;
    el.className = 'lms-notice';
    el.setAttribute('role', 'alert');
    el.innerHTML = why === 'save'
      ? '<h2>' + t('package.saveFailed.title', 'Your progress is not being saved') + '</h2><p>' + t('package.saveFailed.text', 'Your learning platform is not answering. Keep this window open: the course will keep trying to save your progress.') + '</p>'
      : '<h2>' + t('package.noApi.title', 'Your progress is not being recorded') + '</h2><p>' + t('package.noApi.text', 'This course could not find your learning platform, so nothing you do here, including passing the assessment, will be recorded. To get your result recorded, close this window and open the course again from your learning platform.') + '</p>';
    main.parentNode.insertBefore(el, main);
  }

  /* ---- cmi5 (launched with endpoint, fetch, actor, registration and activityId) ----
     Every statement waits in an outbox, kept in this browser's storage under the registration, until
     the LRS acknowledges it: a result survives a slow or failing LRS and a closed window, and the next
     launch sends it again with the same id (in that launch's session, once the LRS has said it does not
     hold it). The order follows cmi5 section 9.3: initialized first, terminated last and nothing after
     it (not even a state document), at most one of passed/failed in a session, one completed and one
     passed per registration, no failed after passed. A retake in the same session therefore replaces
     the session's result: failed is held back until the learner leaves, and a later pass in the same
     session supersedes it. */
  var params = {};
  location.search.replace(/^\?/, '').split('&').forEach(function (p) {
    var kv = p.split('=');
    if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || '').replace(/\+/g, ' ')); }
  });
  var cmi5 = params.endpoint && params.fetch && params.actor && params.registration && params.activityId && !api12 && !api04
    ? { endpoint: params.endpoint.replace(/\/?$/, '/'), outbox: [], sending: false, waiting: [], ended: false, gone: false,
      backoff: 1000, store: 'opendoor-cmi5:' + params.registration + ':' + params.activityId } : null;
  var CMI5 = 'https://w3id.org/xapi/cmi5/context/';
  var VERBS = 'http://adlnet.gov/expapi/verbs/';
  var OUTCOMES = ['completed', 'passed', 'failed'];
  var ASSESSMENT = 'https://opendoor.invalid/xapi/extensions/assessment';

  function uuid() {
    var b = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) { crypto.getRandomValues(b); } else { for (var i = 0; i < 16; i++) { b[i] = Math.floor(Math.random() * 256); } }
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) + '-' + h.substr(20);
  }

  function lrs(method, path, body, keepalive) {
    var headers = { 'Authorization': 'Basic ' + cmi5.token, 'X-Experience-API-Version': '1.0.3' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(cmi5.endpoint + path, { method: method, headers: headers, keepalive: !!keepalive, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
  }

  function stateUrl(stateId) {
    return 'activities/state?activityId=' + encodeURIComponent(params.activityId) + '&agent=' + encodeURIComponent(params.actor) +
      '&registration=' + encodeURIComponent(params.registration) + '&stateId=' + encodeURIComponent(stateId);
  }

  function sessionId() { return ((cmi5.launch.contextTemplate || {}).extensions || {})[CMI5 + 'extensions/sessionid']; }

  function verbOf(st) { return st.verb.id.substring(VERBS.length); }

  /* A cmi5-defined statement in this session: the LMS's context template (never overwritten), the
     registration, the cmi5 category, moveon when the result carries success or completion (9.6.2.2)
     and the launch's masteryScore on passed and failed (9.6.3.2). A statement carried over from an
     earlier session keeps its id. */
  function statement(verb, result, id) {
    var context = JSON.parse(JSON.stringify(cmi5.launch.contextTemplate || {}));
    context.registration = params.registration;
    var ca = context.contextActivities = context.contextActivities || {};
    var moveOn = !!result && (result.success !== undefined || result.completion !== undefined);
    ca.category = (ca.category || []).concat([{ id: CMI5 + 'categories/cmi5' }], moveOn ? [{ id: CMI5 + 'categories/moveon' }] : []);
    if ((verb === 'passed' || verb === 'failed') && typeof cmi5.launch.masteryScore === 'number') {
      context.extensions = context.extensions || {};
      context.extensions[CMI5 + 'extensions/masteryscore'] = cmi5.launch.masteryScore;
    }
    var st = { id: id || uuid(), timestamp: new Date().toISOString(), actor: JSON.parse(params.actor),
      verb: { id: VERBS + verb, display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: params.activityId }, context: context };
    if (result) { st.result = result; }
    return st;
  }

  function duration() { return 'PT' + ((Date.now() - started) / 1000).toFixed(2) + 'S'; }

  /* The outbox and the latest progress, in this browser (false when the browser keeps nothing). */
  function keep() {
    try {
      localStorage.setItem(cmi5.store, JSON.stringify({ q: cmi5.outbox, s: state }));
      cmi5.stored = true;
    } catch (e) {
      cmi5.stored = false;
    }
  }

  function kept() {
    try { return JSON.parse(localStorage.getItem(cmi5.store) || 'null') || {}; } catch (e) { return {}; }
  }

  /* Sent before without an answer: the LRS may hold it already. Asks by id and drops what it holds. */
  function dropKnown(entries) {
    return entries.reduce(function (chain, e) {
      return chain.then(function () {
        if (cmi5.cannotAsk) { return; }
        return lrs('GET', 'statements?statementId=' + encodeURIComponent(e.st.id)).then(function (r) {
          if (r.status === 200) { cmi5.outbox = cmi5.outbox.filter(function (x) { return x !== e; }); } else if (r.status === 401 || r.status === 403) { cmi5.cannotAsk = true; } else if (r.status !== 404) { throw new Error('LRS ' + r.status); }
        });
      });
    }, Promise.resolve()).then(keep);
  }

  /* Statements go one batch at a time, in order, and are retried (same ids) until the LRS answers. */
  function flush() {
    if (!cmi5.token || cmi5.sending || cmi5.blocked) { return; }
    var sid = sessionId();
    var batch = cmi5.outbox.filter(function (e) { return !e.hold && e.sid === sid; });
    if (!batch.length) { settle(); return; }
    if (cmi5.saving && batch.some(function (e) { return verbOf(e.st) === 'terminated'; })) { return; }
    cmi5.sending = batch;
    dropKnown(batch.filter(function (e) { return e.sent; })).then(function () {
      batch = batch.filter(function (e) { return cmi5.outbox.indexOf(e) >= 0; });
      if (!batch.length) { return; }
      batch.forEach(function (e) { e.sent = true; });
      cmi5.gone = cmi5.gone || batch.some(function (e) { return verbOf(e.st) === 'terminated'; });
      keep();
      return lrs('POST', 'statements', batch.map(function (e) { return e.st; })).then(function (r) {
        if (r.status >= 500 || r.status === 429 || (r.status === 409 && !cmi5.cannotAsk)) { throw new Error('LRS ' + r.status); }
        if (r.status === 401 || r.status === 403) { cmi5.blocked = true; return; }
        if (!r.ok && r.status !== 409) {
          cmi5.refused = true;
          if (window.console) { console.error('The LRS refused statements: ' + r.status); }
        }
        cmi5.outbox = cmi5.outbox.filter(function (e) { return batch.indexOf(e) < 0; });
        keep();
      });
    }).then(function () {
      cmi5.sending = false;
      cmi5.trouble = false;
      cmi5.backoff = 1000;
      if (cmi5.blocked) { settle(); } else { flush(); }
    }, function () {
      cmi5.sending = false;
      cmi5.trouble = true;
      recordStatus();
      setTimeout(flush, cmi5.backoff);
      cmi5.backoff = Math.min(cmi5.backoff * 2, 30000);
    });
    recordStatus();
  }

  /* Nothing more to send for now: whoever waits (leaving the course) goes on. */
  function settle() {
    recordStatus();
    cmi5.waiting.splice(0).forEach(function (fn) { fn(); });
  }

  function pending() {
    var sid = sessionId();
    return cmi5.outbox.some(function (e) { return !e.hold && e.sid === sid; });
  }

  function record(verb, result, hold) {
    if (cmi5.ended) { return; }
    cmi5.outbox.push({ st: statement(verb, result), sid: sessionId(), hold: !!hold });
    keep();
    flush();
  }

  /* The progress document goes before terminated, never after it (the local copy covers a closed window). */
  function saveProgress() {
    if (!cmi5 || !cmi5.token) { return; }
    state.n = (state.n || 0) + 1;
    keep();
    if (cmi5.gone) { return; }
    if (cmi5.saving) { cmi5.dirty = true; return; }
    cmi5.saving = true;
    var done = function () {
      cmi5.saving = false;
      if (cmi5.dirty && !cmi5.gone) { cmi5.dirty = false; saveProgress(); } else { flush(); }
    };
    lrs('PUT', stateUrl('opendoor-progress'), state).then(done, done);
  }

  function moveOnAllowed() { return cmi5.launch.launchMode === undefined || cmi5.launch.launchMode === 'Normal'; }

  function cmi5Result(m) {
    if (!cmi5 || cmi5.ended || !moveOnAllowed() || state.c5.passed) { return; }
    if (!state.c5.completed) { state.c5.completed = true; record('completed', { completion: true, duration: duration() }); }
    var mastery = cmi5.launch.masteryScore;
    var scaled = Math.floor(m.scaled * 10000 + 1e-9) / 10000;
    var result = { success: m.passed, duration: duration() };
    if (m.passed || typeof mastery !== 'number' || scaled < mastery) {
      result.score = { scaled: scaled, raw: m.right, min: 0, max: m.total };
    } else {
      /* Failed on a safety-critical item with a score at or above the masteryScore: cmi5 (9.3.5) lets a
         failed statement carry only a score below it, so the score goes in an extension. */
      result.extensions = {};
      result.extensions[ASSESSMENT] = { scaled: scaled, raw: m.right, max: m.total, criticalMissed: m.critical };
    }
    cmi5.outbox = cmi5.outbox.filter(function (e) { return !e.hold; });
    if (m.passed) { state.c5.passed = true; }
    record(m.passed ? 'passed' : 'failed', result, !m.passed);
  }

  /* Ends the session: the held result, then terminated. At page close nothing waits for an answer, so
     terminated goes (with the held result) only when every earlier statement of the session has been
     acknowledged and no progress document is on its way; otherwise the LMS abandons the session, the
     next launch checks and carries over whatever has no answer, and nothing reaches the LRS after
     terminated. */
  function terminate(closing) {
    if (!cmi5 || !cmi5.started || cmi5.ended) { return; }
    var sid = sessionId();
    cmi5.outbox.forEach(function (e) { if (e.sid === sid) { e.hold = false; } });
    cmi5.outbox.push({ st: statement('terminated', { duration: duration() }), sid: sid });
    cmi5.ended = true;
    keep();
    if (!closing) { flush(); return; }
    var batch = cmi5.outbox.filter(function (e) { return e.sid === sid; });
    if (cmi5.blocked || cmi5.sending || cmi5.saving || batch.some(function (e) { return e.sent; })) { return; }
    batch.forEach(function (e) { e.sent = true; });
    cmi5.gone = true;
    keep();
    lrs('POST', 'statements', batch.map(function (e) { return e.st; }), true).catch(function () { /* checked at the next launch */ });
  }

  function leave() {
    main.innerHTML = '<h1>' + t('package.cmi5.saving', 'Saving your progress\u2026') + '</h1>';
    main.focus();
    saveProgress();
    terminate(false);
    var waited = false;
    var after = function () {
      if (waited) { return; }
      waited = true;
      if (!pending() && !cmi5.blocked && cmi5.launch.returnURL) { location.href = cmi5.launch.returnURL; return; }
      left();
      if (pending()) { cmi5.waiting.push(function () { if (cmi5.launch.returnURL && !pending()) { location.href = cmi5.launch.returnURL; } else { left(); } }); }
    };
    if (pending() || cmi5.saving) { cmi5.waiting.push(after); setTimeout(after, 8000); } else { after(); }
  }

  function left() {
    var unsent = cmi5 && cmi5.outbox.some(function (e) { return e.sid === sessionId() && verbOf(e.st) !== 'terminated'; });
    var text = !unsent ? t('package.cmi5.left.text', 'Your place is saved. You can close this window now, or launch the course again from your learning platform.')
      : cmi5.stored ? t('package.cmi5.left.pending', 'Your learning platform has not confirmed your latest progress yet. It is saved on this device and will be sent next time you open the course here.')
        : t('package.cmi5.left.unsaved', 'Your learning platform has not confirmed your latest progress yet, and this browser cannot keep it. Keep this window open while we try again.');
    main.innerHTML = '<h1>' + t('package.cmi5.left.title', 'You have left the course') + '</h1><p>' + esc(text) + '</p>' +
      (unsent && cmi5.launch && cmi5.launch.returnURL ? '<p><a href="' + esc(cmi5.launch.returnURL) + '">' + t('package.cmi5.return', 'Return to your learning platform') + '</a></p>' : '');
    main.focus();
  }

  /* What the learning platform knows of the result on screen, in words the learner can trust. */
  function recordNotice() {
    return cmi5 ? '<p id="record-status" class="record-status" role="status">' + esc(noticeText()) + '</p>' : '';
  }

  function noticeText() {
    if (!moveOnAllowed()) { return t('package.cmi5.browse', 'This visit is for looking around: your learning platform does not record results from it.'); }
    var sid = sessionId();
    var waiting = cmi5.outbox.filter(function (e) { return e.sid === sid && OUTCOMES.indexOf(verbOf(e.st)) >= 0; });
    if (cmi5.refused) { return t('package.cmi5.refused', 'Your learning platform did not accept this result. Please tell the person who runs your course.'); }
    if (!waiting.length) { return t('package.cmi5.recorded', 'Your learning platform has recorded this result.'); }
    if (waiting.every(function (e) { return e.hold; })) { return t('package.cmi5.held', 'Your learning platform will receive this result when you leave the course.'); }
    if (!cmi5.trouble && !cmi5.blocked) { return t('package.cmi5.sending', 'Sending your result to your learning platform\u2026'); }
    return cmi5.stored ? t('package.cmi5.pending', 'Your learning platform has not confirmed this result yet. It is saved on this device and will be sent again automatically, or next time you open the course.')
      : t('package.cmi5.pendingUnsaved', 'Your learning platform has not confirmed this result yet. Keep this window open while we try again.');
  }

  function recordStatus() {
    var el = document.getElementById('record-status');
    if (el && cmi5 && cmi5.launch) { el.textContent = noticeText(); }
  }

  function stop(message) {
    main.innerHTML = '<h1>' + t('package.cmi5.error.title', 'The course could not start') + '</h1><p>' + esc(message) + '</p><p>' +
      t('package.cmi5.error.again', 'Please close this window and launch the course again from your learning platform.') + '</p>';
    main.focus();
  }

  /* Results of earlier sessions the LRS never acknowledged come into this one (cmi5 allows them only in
     a Normal launch, after initialized): checked by id first, then sent with the same id; none that
     would be a second completed or passed, or a failed after passed, in the registration. Their
     initialized and terminated belong to a session the LMS has closed and are dropped. */
  function carryOver(sid, known) {
    var earlier = cmi5.outbox.filter(function (e) { return e.sid !== sid; });
    if (!moveOnAllowed()) { return; }
    var results = earlier.filter(function (e) { return OUTCOMES.indexOf(verbOf(e.st)) >= 0; });
    var passed = results.some(function (e) { return verbOf(e.st) === 'passed'; });
    var lastFailed = results.filter(function (e) { return verbOf(e.st) === 'failed'; }).pop();
    cmi5.outbox = cmi5.outbox.filter(function (e) { return e.sid === sid; });
    results.forEach(function (e) {
      var verb = verbOf(e.st);
      if ((verb === 'completed' && known[0]) || (verb === 'passed' && known[1])) { return; }
      if (verb === 'failed' && (passed || known[1] || e !== lastFailed)) { return; }
      cmi5.outbox.push({ st: statement(verb, e.st.result, e.st.id), sid: sid, sent: true, hold: verb === 'failed' });
    });
  }

  /* Whether the LRS already holds this verb for the AU in this registration (false when it cannot say). */
  function recorded(verb) {
    return lrs('GET', 'statements?agent=' + encodeURIComponent(params.actor) + '&verb=' + encodeURIComponent(VERBS + verb) +
      '&activity=' + encodeURIComponent(params.activityId) + '&registration=' + encodeURIComponent(params.registration) + '&limit=1')
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (found) { return !!(found.statements && found.statements.length); }, function () { return false; });
  }

  function cmi5Start() {
    if (!window.fetch) { stop(t('package.tooOld', 'This browser is too old to record your progress. Please use an up-to-date browser.')); return; }
    var saved = null;
    fetch(params.fetch, { method: 'POST' }).then(function (r) { return r.json(); }).then(function (answer) {
      if (!answer['auth-token']) { throw new Error(answer['error-text'] || t('package.cmi5.error.token', 'The learning platform did not give this course a sign-in token.')); }
      cmi5.token = answer['auth-token'];
      return lrs('GET', stateUrl('LMS.LaunchData'));
    }).then(function (r) {
      if (!r.ok) { throw new Error(t('package.cmi5.error.launchData', 'The launch data could not be read ({0}).', [r.status])); }
      return r.json();
    }).then(function (launch) {
      cmi5.launch = launch;
      /* cmi5 11.0: the AU reads the learner preferences at startup (none is a 404, and not an error). */
      return lrs('GET', 'agents/profile?agent=' + encodeURIComponent(params.actor) + '&profileId=cmi5LearnerPreferences')
        .then(function () { return lrs('GET', stateUrl('opendoor-progress')); })
        .then(function (r) { return r.ok ? r.json() : null; }, function () { return null; });
    }).then(function (remote) {
      var local = kept();
      saved = local.s && local.s.d && (!remote || !remote.d || (local.s.n || 0) > (remote.n || 0)) ? local.s : remote;
      if (saved && saved.d) { state = saved; } else { saved = null; }
      state.c5 = state.c5 || {};
      return Promise.all([recorded('completed'), recorded('passed')]);
    }).then(function (known) {
      /* Recorded from another device or with progress that never reached the LRS: still only one of each. */
      state.c5.completed = state.c5.completed || known[0];
      state.c5.passed = state.c5.passed || known[1];
      var local = kept();
      cmi5.outbox = local.q || [];
      var sid = sessionId();
      cmi5.outbox.unshift({ st: statement('initialized'), sid: sid });
      cmi5.started = true;
      carryOver(sid, known);
      keep();
      flush();
      begin(!!saved);
    }).catch(function (e) {
      stop(e instanceof TypeError ? t('package.cmi5.error.network', 'The learning platform could not be reached.') : e.message || String(e));
    });
  }

  /* ---- the pages ---- */
  var steps = [];
  course.modules.forEach(function (m) {
    m.items.forEach(function (item) {
      if (item.kind === 'lesson') { steps.push({ kind: 'lesson', module: m, item: item }); }
      if (item.kind === 'check') { item.questions.forEach(function (q) { steps.push({ kind: 'check', module: m, item: item, q: q }); }); }
      if (item.kind === 'scenario') { steps.push({ kind: 'scenario', module: m, item: item }); }
      if (item.kind === 'plan') { steps.push({ kind: 'plan', module: m, item: item }); }
    });
  });
  var assessmentStart = steps.length;

  /* The learner's state: i position, r assessment round, k the attempt's display-order seed, d the
     round's drawn question ids, x the round's answers, a knowledge-check answers (option keys as one
     string, "ac"), s scenario paths (the author's choice indexes), done the round's result, f content
     finished, o best outcome ('p' passed, 'f' failed). Earlier rounds are never kept. */
  var state = { v: 2, i: 0, r: 1, k: seed(), d: [], x: {}, a: {}, s: {}, done: null };
  var started = Date.now();

  function seed() { return Math.floor(Math.random() * 2176782336).toString(36); }

  /* Reads saved state, including the first format (answers under "c:id" and "x<round>:id"). */
  function restore(saved) {
    var s = JSON.parse(saved);
    if (!s || typeof s !== 'object' || !s.d) { return null; }
    if (s.v !== 2) {
      var old = s.a || {};
      s.a = {}; s.x = {};
      Object.keys(old).forEach(function (k) {
        var keys = (old[k] || []).join('');
        if (k.indexOf('c:') === 0) { s.a[k.substr(2)] = keys; }
        if (k.indexOf('x' + s.r + ':') === 0) { s.x[k.substr(k.indexOf(':') + 1)] = keys; }
      });
      s.v = 2;
      s.k = s.k || seed();
      if (s.done) { s.o = s.done.passed ? 'p' : 'f'; }
    }
    s.x = s.x || {}; s.a = s.a || {}; s.s = s.s || {};
    return s;
  }

  function random(list) {
    for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var x = list[i]; list[i] = list[j]; list[j] = x; }
    return list;
  }

  /* The same draw as learning/AssessmentDraw.java: with a blueprint, one question on each topic, then
     each module up to its least number, then the rest at random; without one, critical items first. */
  function draw() {
    var a = course.assessment;
    if (!a) { return []; }
    var chosen = [];
    function pick(wanted, count) {
      if (count <= 0) { return; }
      chosen = chosen.concat(random(a.questions.filter(function (q) { return wanted(q) && chosen.indexOf(q) < 0; })).slice(0, count));
    }
    var bp = a.blueprint;
    if (bp) {
      (bp.topics || []).forEach(function (topic) { pick(function (q) { return q.topic === topic; }, 1); });
      Object.keys(bp.modules || {}).forEach(function (mod) {
        var have = chosen.filter(function (q) { return q.revisitModule === mod; }).length;
        pick(function (q) { return q.revisitModule === mod; }, bp.modules[mod] - have);
      });
    } else {
      pick(function (q) { return q.critical; }, a.draw);
    }
    pick(function () { return true; }, a.draw - chosen.length);
    return random(chosen.slice(0, a.draw).map(function (q) { return q.id; }));
  }

  /* Display order (learning/DisplayOrder.java): the author's indexes shuffled, the same for the same
     seed (the attempt's seed and the item), so a resumed page shows the same order. */
  function order(count, fixed, key) {
    var list = [];
    for (var n = 0; n < count; n++) { list.push(n); }
    if (fixed || count < 2) { return list; }
    var h = 2166136261, s = state.k + ':' + key;
    for (var c = 0; c < s.length; c++) { h = Math.imul(h ^ s.charCodeAt(c), 16777619); }
    var next = function () {
      h = (h + 0x6D2B79F5) | 0;
      var x = Math.imul(h ^ (h >>> 15), 1 | h);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(next() * (i + 1)); var y = list[i]; list[i] = list[j]; list[j] = y; }
    return list;
  }

  function byId(id) { return course.assessment.questions.filter(function (q) { return q.id === id; })[0]; }

  function allSteps() {
    var list = steps.slice(0, assessmentStart);
    if (course.assessment) {
      list.push({ kind: 'intro' });
      state.d.forEach(function (id, n) { list.push({ kind: 'assessment', q: byId(id), n: n + 1 }); });
      list.push({ kind: 'result' });
    }
    return list;
  }

  /* Suspend data within the standard's own limit (SCORM 1.2: 4,096 characters; SCORM 2004: 64,000).
     Only the current round is kept, so it never grows with retakes. Should a very large course still
     not fit, knowledge-check answers and then scenario paths give way; the round (draw, answers,
     seed, position, result) never does. */
  var LIMIT = api04 ? 64000 : 4096;
  function suspendData() {
    var data = JSON.stringify(state);
    if (data.length <= LIMIT) { return data; }
    var lean = JSON.parse(data);
    lean.a = {};
    data = JSON.stringify(lean);
    if (data.length <= LIMIT) { return data; }
    lean.s = {};
    return JSON.stringify(lean);
  }

  /* The statuses the LMS keeps, set only when they change (and then saved at once):
     - SCORM 1.2 has one lesson_status: passed once a round is passed; failed after a failed round until
       one is passed (a failure is never hidden behind "completed"); completed once the content is
       finished with no round submitted; incomplete before.
     - SCORM 2004: completion_status completed once the content is finished; success_status passed or
       failed after the first round. */
  var reported = {};
  function report() {
    var finished = !!(state.f || state.o);
    var changed = false;
    var put = function (k12, k04, v) {
      var key = api12 ? k12 : k04;
      if (!key || reported[key] === v) { return; }
      reported[key] = v;
      changed = lms.set(k12, k04, v) || changed;
    };
    put('cmi.core.lesson_status', null, state.o === 'p' ? 'passed' : state.o === 'f' ? 'failed' : finished ? 'completed' : 'incomplete');
    put(null, 'cmi.completion_status', finished ? 'completed' : 'incomplete');
    if (state.o) { put(null, 'cmi.success_status', state.o === 'p' ? 'passed' : 'failed'); }
    if (changed) { lms.commit(); }
  }

  function save() {
    if (lms.on && !lms.finished) {
      lms.set('cmi.core.lesson_location', 'cmi.location', state.i);
      lms.set('cmi.suspend_data', 'cmi.suspend_data', suspendData());
      var total = allSteps().length;
      lms.set(null, 'cmi.progress_measure', Math.min(1, state.i / Math.max(1, total - 1)).toFixed(2));
      lms.dirty = true;
      report();
    }
    saveProgress();
  }

  function esc(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }

  function plain(html) { var d = document.createElement('div'); d.innerHTML = html || ''; return (d.textContent || '').replace(/\s+/g, ' ').trim(); }

  function keyOf(q, i) { return q.options[i].key || String.fromCharCode(97 + i); }

  function chosenKeys(form) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name=choice]'), function (x) { return x.checked; })
      .map(function (x) { return x.value; }).sort().join('');
  }

  function rightKeys(q) {
    return q.options.map(function (o, i) { return o.correct ? keyOf(q, i) : null; }).filter(Boolean).sort().join('');
  }

  function correct(q, keys) { return !!keys && keys === rightKeys(q); }

  function clock(ms, v12) {
    var s = Math.max(0, ms / 1000);
    if (!v12) { return 'PT' + s.toFixed(2) + 'S'; }
    var h = Math.floor(s / 3600), mi = Math.floor(s % 3600 / 60), se = s % 60;
    var two = function (x) { return (x < 10 ? '0' : '') + x; };
    return two(Math.min(h, 9999)) + ':' + two(mi) + ':' + (se < 10 ? '0' : '') + se.toFixed(2);
  }

  /* One interaction per answer (journaled: a new index each time), with what LMS question reports
     show: the question, the right answer, the learner's answer, the result, when and how long. SCORM 1.2
     has no description element. */
  var shownAt = Date.now();
  function interaction(q, keys, ok) {
    var n = parseInt(lms.get('cmi.interactions._count', 'cmi.interactions._count') || '0', 10) || 0;
    var p = 'cmi.interactions.' + n + '.';
    var sep = api04 ? '[,]' : ',';
    var now = new Date();
    lms.set(p + 'id', p + 'id', q.id);
    lms.set(p + 'type', p + 'type', 'choice');
    lms.set(null, p + 'description', plain(q.promptHtml).substr(0, 250));
    lms.set(p + 'time', p + 'timestamp', api04 ? now.toISOString().substr(0, 22) + 'Z' : now.toTimeString().substr(0, 8));
    lms.set(p + 'weighting', p + 'weighting', 1);
    lms.set(p + 'correct_responses.0.pattern', p + 'correct_responses.0.pattern', rightKeys(q).split('').join(sep));
    lms.set(p + 'student_response', p + 'learner_response', keys.split('').join(sep));
    lms.set(p + 'result', p + 'result', ok ? 'correct' : (api04 ? 'incorrect' : 'wrong'));
    lms.set(p + 'latency', p + 'latency', clock(Date.now() - shownAt, !!api12));
  }

  function contentNote(html) {
    html.push('<aside class="content-note"><h2>' + t('support.contentNote.title', 'Content note') + '</h2><p>' + t('support.contentNote.text', 'This part of the course talks about suicide and self-harm. Take a break whenever you need to; your place is saved.') + '</p></aside>');
  }

  /* The support box on every page whose item, question or scenario node asks for it: what to do now, then the contacts from course.js (window.OPENDOOR_CONTACTS): the UK-wide
     ones, then each nation's own under its name. Each shows how to reach it (numbers as tap-to-call and
     tap-to-text links, made by the server), who it is for, its hours and whether it has been checked with the
     service: "checked on <day>", "due for a new check" once that day is over 12 months ago, or "not yet checked". */
  function supportBox(html) {
    var contacts = window.OPENDOOR_CONTACTS || [];
    var nations = [['england', 'ENGLAND', 'England'], ['wales', 'WALES', 'Wales'], ['scotland', 'SCOTLAND', 'Scotland'],
      ['northern-ireland', 'NORTHERN_IRELAND', 'Northern Ireland']];
    function status(c) {
      if (!c.checkedOn) { return t('contact.status.UNCHECKED', 'Not yet checked with the service'); }
      var due = new Date(c.checkedOn + 'T00:00:00Z');
      due.setUTCFullYear(due.getUTCFullYear() + 1);
      return due < new Date() ? t('contact.status.OVERDUE', 'Last checked with the service on {0}: due for a new check', [c.checkedOnText])
        : t('contact.status.CHECKED', 'Checked with the service on {0}', [c.checkedOnText]);
    }
    function list(items) {
      return '<ul class="contacts">' + items.map(function (c) {
        return '<li class="' + esc(c.tier) + '"><strong>' + esc(c.name) + '</strong>: <span class="reach">' + c.reachHtml +
          '</span><br><span class="for">' + esc(t('contact.for', 'For: {0}', [c.forWhom])) + '</span><br><span class="meta">' +
          esc(t('contact.tier.' + c.tier, c.tier)) + ' \u00b7 ' + esc(c.hours) + '</span><br><span class="meta checked status-' + (c.checkedOn ? 'dated' : 'unchecked') + '">' +
          esc(status(c)) + '</span></li>';
      }).join('') + '</ul>';
    }
    var everywhere = contacts.filter(function (c) { return nations.every(function (n) { return c.nations.indexOf(n[0]) >= 0; }); });
    var box = '<aside class="support-box"><h2>' + t('support.title', 'Support, now or any time') + '</h2><p>' +
      t('package.support', 'If someone\u2019s life is at risk right now, call <a href="tel:999">999</a> or go to A&amp;E. Samaritans are there day and night on <a href="tel:116123">116 123</a> (free).') + '</p>';
    if (everywhere.length) { box += '<h3>' + esc(t('package.contacts.everywhere', 'Across the UK')) + '</h3>' + list(everywhere); }
    nations.forEach(function (n) {
      var own = contacts.filter(function (c) { return c.nations.indexOf(n[0]) >= 0 && everywhere.indexOf(c) < 0; });
      if (own.length) { box += '<details><summary>' + esc(t('nation.' + n[1], n[2])) + '</summary>' + list(own) + '</details>'; }
    });
    html.push(box + '</aside>');
  }

  function question(step, html, assessment) {
    var q = step.q;
    var given = (assessment ? state.x[q.id] : state.a[q.id]) || '';
    var multiple = q.type === 'MULTIPLE';
    html.push('<form class="question"><fieldset><legend>' + q.promptHtml + '</legend>');
    order(q.options.length, q.fixedOrder, (assessment ? state.r + ':' : '') + q.id).forEach(function (i) {
      var k = keyOf(q, i);
      html.push('<div class="choice"><input type="' + (multiple ? 'checkbox' : 'radio') + '" name="choice" id="choice-' + k +
        '" value="' + k + '"' + (given.indexOf(k) >= 0 ? ' checked' : '') + '><label for="choice-' + k + '">' + q.options[i].textHtml + '</label></div>');
    });
    html.push('</fieldset><button type="submit">' + (assessment ? t('player.saveNext', 'Save and continue') : t('player.check', 'Check my answer')) + '</button></form>');
    if (!assessment && given) {
      var ok = correct(q, given);
      html.push('<section id="feedback" class="feedback ' + (ok ? 'right' : 'wrong') + '" tabindex="-1"><h2>' + (ok ? t('player.feedback.right', 'That\u2019s right') : t('player.feedback.wrong', 'Not quite')) + '</h2><ul>');
      q.options.forEach(function (o, i) {
        if (given.indexOf(keyOf(q, i)) >= 0 || (!ok && o.correct)) { html.push('<li>' + o.textHtml + ' ' + o.feedbackHtml + '</li>'); }
      });
      html.push('</ul>' + (q.explanationHtml || '') + '</section>');
    }
    if (q.supportBox) { supportBox(html); }
  }

  function mark() {
    var right = 0, criticalMissed = 0, revisit = [];
    state.d.forEach(function (id) {
      var q = byId(id);
      if (correct(q, state.x[id])) { right++; }
      else {
        if (q.critical) { criticalMissed++; }
        if (q.revisitModule && revisit.indexOf(q.revisitModule) < 0) { revisit.push(q.revisitModule); }
      }
    });
    var total = state.d.length;
    var enough = cmi5 && typeof cmi5.launch.masteryScore === 'number' ? right / total >= cmi5.launch.masteryScore
      : right * 100 >= course.passMark * total;
    return { right: right, total: total, scaled: total ? right / total : 0, critical: criticalMissed,
      passed: total > 0 && enough && criticalMissed === 0, revisit: revisit };
  }

  /* The score the LMS records, in whole per cent rounded down: a pass is at or above the pass mark,
     anything else below it (a round with a safety-critical item wrong is capped one point under), so
     no mastery-score or passing-score rule of any LMS can turn a failure into a pass or a pass into a
     failure. The learner's page shows the real count. See docs/packages.md. */
  function recordedScore(m) {
    var pct = m.total ? Math.floor(m.right * 100 / m.total) : 0;
    return m.passed ? pct : Math.min(pct, Math.max(0, course.passMark - 1));
  }

  /* Links between lessons (href="lesson-<id>") move within the player; other links open beside the
     course so the LMS session is never ended by leaving the page. */
  function stepOfLesson(id) {
    for (var i = 0; i < assessmentStart; i++) { if (steps[i].kind === 'lesson' && steps[i].item.id === id) { return i; } }
    return -1;
  }
  function links() {
    Array.prototype.forEach.call(main.querySelectorAll('a[href]'), function (a) {
      var href = a.getAttribute('href');
      var lesson = /^#?lesson-([^#]+)/.exec(href);
      if (lesson) { a.setAttribute('href', '#lesson-' + lesson[1]); a.setAttribute('data-lesson', lesson[1]); }
      else if (/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^(mailto|tel|sms):/i.test(href)) { a.setAttribute('target', '_blank'); a.setAttribute('rel', 'noopener'); }
    });
  }
  main.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) { return; }
    var lesson = a.getAttribute('data-lesson');
    if (lesson !== null) {
      e.preventDefault();
      var at = stepOfLesson(lesson);
      if (at >= 0) { go(at); }
    } else if (a.getAttribute('href') === '#') {
      e.preventDefault();
    }
  });

  function render() {
    var list = allSteps();
    if (state.i >= list.length) { state.i = list.length - 1; }
    if (state.i >= assessmentStart || state.i === list.length - 1) { state.f = 1; }
    var step = list[state.i];
    var html = [];
    document.getElementById('course-title').textContent = t('package.title', '{0} (version {1})', [course.title, course.version]);
    var pct = Math.round(state.i * 100 / Math.max(1, list.length - 1));
    document.getElementById('progress').value = pct;
    document.getElementById('progress-label').textContent = t('player.progress', 'Page {0} of {1} ({2}% through)', [state.i + 1, list.length, pct]) +
      (step.module ? ' \u00b7 ' + step.module.title : '');
    var item = step.item || (step.kind === 'intro' || step.kind === 'assessment' ? course.assessment : null);
    if (step.kind === 'lesson') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      if (step.item.contentNote) { contentNote(html); }
      html.push(step.item.html);
      if (step.item.supportBox) { supportBox(html); }
    } else if (step.kind === 'check') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      if (item.contentNote) { contentNote(html); }
      question(step, html, false);
    } else if (step.kind === 'scenario') {
      var sc = step.item, path = state.s[sc.id] || [], node = sc.nodes.filter(function (n) { return n.id === sc.start; })[0], last = null;
      path.forEach(function (choice) { last = node.choices[choice]; node = sc.nodes.filter(function (n) { return n.id === last.next; })[0]; });
      html.push('<h1>' + esc(sc.title) + '</h1>');
      if (sc.contentNote) { contentNote(html); }
      if (last) { html.push('<section id="feedback" class="feedback ' + (last.critical ? 'wrong' : last.best ? 'right' : '') + '"><h2>' + (last.critical ? t('player.scenario.critical', 'Stop and think: this choice puts someone at risk') : last.best ? t('player.scenario.best', 'A good choice') : t('player.scenario.notBest', 'There is a better way')) + '</h2>' + last.feedbackHtml + '</section>'); }
      html.push(node.textHtml);
      if (node.ending) { html.push('<p>' + t('package.scenario.end', 'This is the end of the scenario.') + '</p><button type="button" class="secondary" id="restart">' + t('player.scenario.restart', 'Try the scenario again') + '</button>'); }
      else {
        html.push('<form class="scenario"><fieldset><legend>' + t('player.scenario.what', 'What do you do?') + '</legend>');
        order(node.choices.length, node.fixedOrder, sc.id + ':' + node.id).forEach(function (i) {
          html.push('<div class="choice"><input type="radio" name="option" id="option-' + i + '" value="' + i + '"><label for="option-' + i + '">' + node.choices[i].textHtml + '</label></div>');
        });
        html.push('</fieldset><button type="submit">' + t('player.scenario.choose', 'Choose') + '</button></form>');
      }
      if (node.supportBox) { supportBox(html); }
    } else if (step.kind === 'plan') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      if (step.item.contentNote) { contentNote(html); }
      html.push(step.item.introHtml + '<ul>');
      step.item.prompts.forEach(function (p) { html.push('<li>' + esc(p.label) + '</li>'); });
      html.push('</ul><p>' + t('package.plan.private', 'Write your answers somewhere private: this page does not store them.') + '</p>');
      if (step.item.supportBox) { supportBox(html); }
    } else if (step.kind === 'intro') {
      html.push('<h1>' + esc(course.assessment.title) + '</h1>');
      if (item.contentNote) { contentNote(html); }
      html.push('<p>' + t('package.assessment.intro', 'The final assessment has {0} questions. To pass you need {1}% or more, and every question about keeping people safe right.', [state.d.length, course.passMark]) + '</p>');
    } else if (step.kind === 'assessment') {
      html.push('<h1>' + t('player.assessment.question', 'Question {0} of {1}', [step.n, state.d.length]) + '</h1>');
      if (item.contentNote) { contentNote(html); }
      question(step, html, true);
    } else if (step.kind === 'result') {
      if (!state.done) {
        html.push('<h1>' + t('player.submit.title', 'Ready to submit?') + '</h1><button type="button" id="submit">' + t('player.submit.button', 'Submit my answers') + '</button>');
      } else {
        var m = state.done;
        html.push('<h1>' + (m.passed ? t('result.passed', 'You passed') : t('result.failed', 'Not passed this time')) + '</h1><p class="score">' + t('package.result.score', 'You got {0} of {1} right ({2}%).', [m.right, m.total, Math.floor(m.right * 100 / Math.max(1, m.total))]) + '</p>');
        html.push(recordNotice());
        if (m.critical === 1) { html.push('<p>' + t('package.result.critical.one', 'One safety-critical question was not right. Every safety-critical question must be right to pass.') + '</p>'); }
        else if (m.critical) { html.push('<p>' + t('package.result.critical', '{0} safety-critical questions were not right. Every safety-critical question must be right to pass.', [m.critical]) + '</p>'); }
        if (m.revisit.length) {
          html.push('<h2>' + t('result.revisit', 'What to revisit') + '</h2><ul>');
          m.revisit.forEach(function (id) { course.modules.forEach(function (mod) { if (mod.id === id) { html.push('<li>' + esc(mod.title) + '</li>'); } }); });
          html.push('</ul>');
        }
        if (!m.passed) { html.push('<button type="button" id="retake">' + t('result.retake', 'Retake the assessment') + '</button>'); }
      }
    }
    html.push('<nav class="pager" aria-label="' + t('player.pager', 'Pages') + '">');
    if (state.i > 0) { html.push('<button type="button" class="secondary" id="prev">' + t('player.previous', 'Previous') + '</button>'); }
    if (state.i < list.length - 1 && step.kind !== 'assessment') { html.push('<button type="button" id="next">' + t('player.next', 'Next') + '</button>'); }
    if (cmi5) { html.push('<button type="button" class="secondary" id="finish">' + (state.done && state.done.passed ? t('package.finish', 'Finish') : t('package.saveExit', 'Save and exit')) + '</button>'); }
    html.push('</nav>');
    main.innerHTML = html.join('');
    links();
    wire(step);
    save();
    shownAt = Date.now();
    var focus = document.getElementById('feedback') || main;
    focus.focus();
  }

  function go(i) { state.i = i; render(); }

  function wire(step) {
    var on = function (id, fn) { var el = document.getElementById(id); if (el) { el.addEventListener('click', fn); } };
    on('prev', function () { go(state.i - 1); });
    on('next', function () { go(state.i + 1); });
    on('restart', function () { state.s[step.item.id] = []; render(); });
    on('submit', function () { finishRound(); });
    on('finish', leave);
    on('retake', function () { state.r++; state.d = draw(); state.x = {}; state.done = null; go(assessmentStart); });
    var form = main.querySelector('form');
    if (!form) { return; }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (step.kind === 'scenario') {
        var picked = form.querySelector('input[name=option]:checked');
        if (!picked) { return; }
        (state.s[step.item.id] = state.s[step.item.id] || []).push(parseInt(picked.value, 10));
        render();
        return;
      }
      var keys = chosenKeys(form);
      if (!keys) { return; }
      var assessment = step.kind === 'assessment';
      (assessment ? state.x : state.a)[step.q.id] = keys;
      interaction(step.q, keys, correct(step.q, keys));
      if (assessment) { go(state.i + 1); } else { render(); }
    });
  }

  function finishRound() {
    var m = mark();
    state.done = m;
    state.o = m.passed || state.o === 'p' ? 'p' : 'f';
    var score = recordedScore(m);
    lms.set('cmi.core.score.raw', 'cmi.score.raw', score);
    lms.set('cmi.core.score.min', 'cmi.score.min', 0);
    lms.set('cmi.core.score.max', 'cmi.score.max', 100);
    lms.set(null, 'cmi.score.scaled', score / 100);
    if (cmi5) { cmi5Result(m); }
    render();
  }

  /* Ends the LMS session when the page goes (pagehide, which LMS runtimes such as Moodle's answer
     with a beacon rather than a synchronous request). Everything that matters was already saved on
     each change of status, every few minutes and whenever the page was hidden. */
  function endScorm() {
    if (!lms.on || lms.finished) { return; }
    lms.set('cmi.core.session_time', 'cmi.session_time', clock(Date.now() - started, !!api12).replace(/\.\d+$/, ''));
    lms.set('cmi.core.exit', 'cmi.exit', state.o === 'p' ? '' : 'suspend');
    save();
    lms.finish();
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && lms.dirty) { lms.commit(); }
  });

  window.addEventListener('pagehide', function () {
    if (cmi5) { terminate(true); return; }
    endScorm();
  });

  /* Back from the browser's page cache after the session ended: the session cannot go on. */
  window.addEventListener('pageshow', function (e) { if (e.persisted && cmi5 && cmi5.ended) { left(); } });

  function begin(resumed) {
    if (state.v !== 2) { state = restore(JSON.stringify(state)) || { v: 2, i: 0, r: 1, k: seed(), d: [], x: {}, a: {}, s: {}, done: null, c5: state.c5 }; }
    if (!state.d || !state.d.length) { state.d = draw(); }
    render();
  }

  if (cmi5) {
    cmi5Start();
  } else {
    lms.start();
    if (!lms.on) { notice(true, 'api'); }
    var saved = lms.get('cmi.suspend_data', 'cmi.suspend_data');
    if (saved) {
      try { state = restore(saved) || state; } catch (e) { saved = ''; /* start afresh on unreadable data */ }
    }
    begin(!!saved);
  }
}());
