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
  function find(name) {
    var w = window;
    for (var i = 0; i < 10 && w; i++) {
      if (w[name]) { return w[name]; }
      if (w.parent && w.parent !== w) { w = w.parent; } else { break; }
    }
    return window.opener && window.opener[name] ? window.opener[name] : null;
  }
  var api12 = find('API');
  var api04 = api12 ? null : find('API_1484_11');
  var lms = {
    start: function () {
      if (api12) { api12.LMSInitialize(''); } else if (api04) { api04.Initialize(''); }
    },
    get: function (k12, k04) {
      if (api12) { return api12.LMSGetValue(k12) || ''; }
      if (api04) { return api04.GetValue(k04) || ''; }
      return '';
    },
    set: function (k12, k04, v) {
      if (api12 && k12) { api12.LMSSetValue(k12, String(v)); }
      if (api04 && k04) { api04.SetValue(k04, String(v)); }
    },
    commit: function () {
      if (api12) { api12.LMSCommit(''); } else if (api04) { api04.Commit(''); }
    },
    finish: function () {
      if (api12) { api12.LMSFinish(''); } else if (api04) { api04.Terminate(''); }
    }
  };

  /* ---- cmi5 (launched with endpoint, fetch, actor, registration and activityId) ---- */
  var params = {};
  location.search.replace(/^\?/, '').split('&').forEach(function (p) {
    var kv = p.split('=');
    if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || '').replace(/\+/g, ' ')); }
  });
  var cmi5 = params.endpoint && params.fetch && params.actor && params.registration && params.activityId && !api12 && !api04
    ? { endpoint: params.endpoint.replace(/\/?$/, '/'), queue: [], sending: false, waiting: [], ended: false } : null;
  var CMI5 = 'https://w3id.org/xapi/cmi5/context/';

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
    return fetch(cmi5.endpoint + path, { method: method, headers: headers, keepalive: !!keepalive,
      body: body === undefined ? undefined : JSON.stringify(body) });
  }

  function stateUrl(stateId) {
    return 'activities/state?activityId=' + encodeURIComponent(params.activityId) + '&agent=' + encodeURIComponent(params.actor) +
      '&registration=' + encodeURIComponent(params.registration) + '&stateId=' + encodeURIComponent(stateId);
  }

  /* A cmi5-defined statement: the LMS's context template, the registration and the cmi5 category. */
  function statement(verb, result, moveOn) {
    var context = JSON.parse(JSON.stringify(cmi5.launch.contextTemplate || {}));
    context.registration = params.registration;
    var ca = context.contextActivities = context.contextActivities || {};
    ca.category = (ca.category || []).concat([{ id: CMI5 + 'categories/cmi5' }], moveOn ? [{ id: CMI5 + 'categories/moveon' }] : []);
    if (verb === 'passed' || verb === 'failed') {
      context.extensions = context.extensions || {};
      if (typeof cmi5.launch.masteryScore === 'number') { context.extensions[CMI5 + 'extensions/masteryscore'] = cmi5.launch.masteryScore; }
    }
    var st = { id: uuid(), timestamp: new Date().toISOString(), actor: JSON.parse(params.actor),
      verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: params.activityId }, context: context };
    if (result) { st.result = result; }
    return st;
  }

  function duration() { return 'PT' + ((Date.now() - started) / 1000).toFixed(2) + 'S'; }

  /* Statements go one batch at a time, in order, and are retried when the signal drops. */
  function flush() {
    if (cmi5.sending || !cmi5.queue.length) { return; }
    var batch = cmi5.queue.splice(0, cmi5.queue.length);
    cmi5.sending = true;
    lrs('POST', 'statements', batch, true).then(function (r) {
      if (r.status >= 500 || r.status === 429) { throw new Error('LRS ' + r.status); }
      if (!r.ok && window.console) { console.error('The LRS refused statements: ' + r.status); }
      cmi5.sending = false;
      if (cmi5.queue.length) { flush(); } else { cmi5.waiting.splice(0).forEach(function (fn) { fn(); }); }
    }).catch(function () {
      cmi5.queue = batch.concat(cmi5.queue);
      cmi5.sending = false;
      setTimeout(flush, 5000);
    });
  }

  function record(verb, result, moveOn) {
    if (cmi5.ended) { return; }
    cmi5.queue.push(statement(verb, result, moveOn));
    flush();
  }

  function saveProgress(keepalive) {
    if (!cmi5 || !cmi5.token) { return; }
    if (cmi5.saving && !keepalive) { cmi5.dirty = true; return; }
    cmi5.saving = true;
    var done = function () { cmi5.saving = false; if (cmi5.dirty) { cmi5.dirty = false; saveProgress(); } };
    lrs('PUT', stateUrl('opendoor-progress'), state, keepalive).then(done, done);
  }

  function moveOnAllowed() { return cmi5.launch.launchMode === undefined || cmi5.launch.launchMode === 'Normal'; }

  function cmi5Result(m) {
    if (!cmi5 || cmi5.ended || !moveOnAllowed()) { return; }
    if (!state.c5.completed) { state.c5.completed = true; record('completed', { completion: true, duration: duration() }, true); }
    if (state.c5.passed) { return; }
    if (m.passed) { state.c5.passed = true; }
    record(m.passed ? 'passed' : 'failed', { score: { scaled: Math.round(m.scaled * 10000) / 10000, raw: m.right, min: 0, max: m.total },
      success: m.passed, duration: duration() }, true);
  }

  function terminate(keepalive) {
    if (!cmi5 || !cmi5.token || cmi5.ended) { return; }
    cmi5.queue.push(statement('terminated', { duration: duration() }));
    cmi5.ended = true;
    if (keepalive) {
      var batch = cmi5.queue.splice(0, cmi5.queue.length);
      lrs('POST', 'statements', batch, true);
    } else {
      flush();
    }
  }

  function leave() {
    terminate(false);
    saveProgress();
    main.innerHTML = '<h1>Saving your progress\u2026</h1>';
    var after = function () {
      if (cmi5.launch.returnURL) { location.href = cmi5.launch.returnURL; return; }
      left();
    };
    if (cmi5.queue.length || cmi5.sending) { cmi5.waiting.push(after); } else { after(); }
  }

  function left() {
    main.innerHTML = '<h1>You have left the course</h1><p>Your place is saved. You can close this window now, or launch the course again from your learning platform.</p>';
    main.focus();
  }

  function stop(message) {
    main.innerHTML = '<h1>The course could not start</h1><p>' + esc(message) + '</p><p>Please close this window and launch the course again from your learning platform.</p>';
  }

  function cmi5Start() {
    if (!window.fetch) { stop(t('package.tooOld', 'This browser is too old to record your progress. Please use an up-to-date browser.')); return; }
    fetch(params.fetch, { method: 'POST' }).then(function (r) { return r.json(); }).then(function (answer) {
      if (!answer['auth-token']) { throw new Error(answer['error-text'] || 'The learning platform did not give this course a sign-in token.'); }
      cmi5.token = answer['auth-token'];
      return lrs('GET', stateUrl('LMS.LaunchData'));
    }).then(function (r) {
      if (!r.ok) { throw new Error('The launch data could not be read (' + r.status + ').'); }
      return r.json();
    }).then(function (launch) {
      cmi5.launch = launch;
      return lrs('GET', stateUrl('opendoor-progress')).then(function (r) { return r.ok ? r.json() : null; }, function () { return null; });
    }).then(function (saved) {
      if (saved && saved.d) { state = saved; }
      state.c5 = state.c5 || {};
      record('initialized');
      begin(!!saved);
    }).catch(function (e) { stop(e.message || String(e)); });
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

  var state = { i: 0, a: {}, s: {}, d: [], r: 1, done: null };
  var started = Date.now();

  function draw() {
    var bank = course.assessment ? course.assessment.questions.slice() : [];
    function shuffle(list) {
      for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = list[i]; list[i] = list[j]; list[j] = t; }
      return list;
    }
    var critical = shuffle(bank.filter(function (q) { return q.critical; }));
    var other = shuffle(bank.filter(function (q) { return !q.critical; }));
    return shuffle(critical.concat(other).slice(0, course.assessment ? course.assessment.draw : 0).map(function (q) { return q.id; }));
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

  /* SCORM 1.2 keeps at most 4,096 characters of suspend data. When the whole state does not fit,
     formative answers (knowledge checks, scenario paths) give way first; the assessment answers,
     the draw, the position and the result are kept. */
  function suspendData() {
    var data = JSON.stringify(state);
    if (data.length <= 4000) { return data; }
    var kept = {};
    Object.keys(state.a).forEach(function (k) { if (k.charAt(0) === 'x') { kept[k] = state.a[k]; } });
    data = JSON.stringify({ i: state.i, a: kept, s: {}, d: state.d, r: state.r, done: state.done });
    return data.length <= 4000 ? data : JSON.stringify({ i: state.i, a: {}, s: {}, d: state.d, r: state.r, done: state.done });
  }

  function save() {
    lms.set('cmi.core.lesson_location', 'cmi.location', state.i);
    lms.set('cmi.suspend_data', 'cmi.suspend_data', suspendData());
    var total = allSteps().length;
    lms.set(null, 'cmi.progress_measure', Math.min(1, state.i / Math.max(1, total - 1)).toFixed(2));
    lms.commit();
    saveProgress();
  }

  function esc(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }

  function chosenKeys(form) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name=choice]'), function (x) { return x.checked; })
      .map(function (x) { return x.value; }).sort();
  }

  function correct(q, keys) {
    var right = q.options.map(function (o, i) { return o.correct ? String.fromCharCode(97 + i) : null; }).filter(Boolean).sort();
    return keys.length > 0 && keys.join(',') === right.join(',');
  }

  function interaction(q, keys, ok) {
    var n = parseInt(lms.get('cmi.interactions._count', 'cmi.interactions._count') || '0', 10) || 0;
    var p12 = 'cmi.interactions.' + n + '.', p04 = 'cmi.interactions.' + n + '.';
    lms.set(p12 + 'id', p04 + 'id', q.id);
    lms.set(p12 + 'type', p04 + 'type', 'choice');
    lms.set(p12 + 'student_response', p04 + 'learner_response', keys.join(api04 ? '[,]' : ','));
    lms.set(p12 + 'result', p04 + 'result', ok ? 'correct' : (api04 ? 'incorrect' : 'wrong'));
  }

  /* The support box: what to do now, then the contacts from course.js (window.OPENDOOR_CONTACTS): the UK-wide
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
    var key = assessment ? 'x' + state.r + ':' + q.id : 'c:' + q.id;
    var multiple = q.type === 'MULTIPLE';
    var given = state.a[key] || [];
    html.push('<form class="question"><fieldset><legend>' + q.promptHtml + '</legend>');
    q.options.forEach(function (o, i) {
      var k = String.fromCharCode(97 + i);
      html.push('<div class="choice"><input type="' + (multiple ? 'checkbox' : 'radio') + '" name="choice" id="choice-' + k +
        '" value="' + k + '"' + (given.indexOf(k) >= 0 ? ' checked' : '') + '><label for="choice-' + k + '">' + o.textHtml + '</label></div>');
    });
    html.push('</fieldset><button type="submit">' + (assessment ? t('player.saveNext', 'Save and continue') : t('player.check', 'Check my answer')) + '</button></form>');
    if (!assessment && given.length) {
      var ok = correct(q, given);
      html.push('<section id="feedback" class="feedback ' + (ok ? 'right' : 'wrong') + '" tabindex="-1"><h2>' + (ok ? t('player.feedback.right', 'That\u2019s right') : t('player.feedback.wrong', 'Not quite')) + '</h2><ul>');
      q.options.forEach(function (o, i) {
        if (given.indexOf(String.fromCharCode(97 + i)) >= 0 || (!ok && o.correct)) { html.push('<li>' + o.textHtml + ' ' + o.feedbackHtml + '</li>'); }
      });
      html.push('</ul>' + (q.explanationHtml || '') + '</section>');
    }
  }

  function mark() {
    var right = 0, criticalMissed = 0, revisit = [];
    state.d.forEach(function (id) {
      var q = byId(id);
      if (correct(q, state.a['x' + state.r + ':' + id] || [])) { right++; }
      else {
        if (q.critical) { criticalMissed++; }
        if (q.revisitModule && revisit.indexOf(q.revisitModule) < 0) { revisit.push(q.revisitModule); }
      }
    });
    var total = state.d.length;
    var passing = cmi5 && typeof cmi5.launch.masteryScore === 'number' ? cmi5.launch.masteryScore : parseFloat(lms.get('', 'cmi.scaled_passing_score'));
    var needed = isNaN(passing) ? course.passMark / 100 : passing;
    return { right: right, total: total, scaled: total ? right / total : 0, critical: criticalMissed,
      passed: total > 0 && right / total >= needed && criticalMissed === 0, revisit: revisit };
  }

  function render() {
    var list = allSteps();
    if (state.i >= list.length) { state.i = list.length - 1; }
    var step = list[state.i];
    var html = [];
    document.getElementById('course-title').textContent = t('package.title', '{0} (version {1})', [course.title, course.version]);
    var pct = Math.round(state.i * 100 / Math.max(1, list.length - 1));
    document.getElementById('progress').value = pct;
    document.getElementById('progress-label').textContent = t('player.progress', 'Page {0} of {1} ({2}% through)', [state.i + 1, list.length, pct]) +
      (step.module ? ' \u00b7 ' + step.module.title : '');
    if (step.kind === 'lesson') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      if (step.item.contentNote) { html.push('<aside class="content-note"><h2>' + t('support.contentNote.title', 'Content note') + '</h2><p>' + t('support.contentNote.text', 'This part of the course talks about suicide and self-harm. Take a break whenever you need to; your place is saved.') + '</p></aside>'); }
      html.push(step.item.html);
      if (step.item.supportBox) { supportBox(html); }
    } else if (step.kind === 'check') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      question(step, html, false);
    } else if (step.kind === 'scenario') {
      var sc = step.item, path = state.s[sc.id] || [], node = sc.nodes.filter(function (n) { return n.id === sc.start; })[0], last = null;
      path.forEach(function (choice) { last = node.choices[choice]; node = sc.nodes.filter(function (n) { return n.id === last.next; })[0]; });
      html.push('<h1>' + esc(sc.title) + '</h1>');
      if (last) { html.push('<section id="feedback" class="feedback ' + (last.critical ? 'wrong' : last.best ? 'right' : '') + '"><h2>' + (last.critical ? t('player.scenario.critical', 'Stop and think: this choice puts someone at risk') : last.best ? t('player.scenario.best', 'A good choice') : t('player.scenario.notBest', 'There is a better way')) + '</h2>' + last.feedbackHtml + '</section>'); }
      html.push(node.textHtml);
      if (node.ending) { html.push('<p>' + t('package.scenario.end', 'This is the end of the scenario.') + '</p><button type="button" class="secondary" id="restart">' + t('player.scenario.restart', 'Try the scenario again') + '</button>'); }
      else {
        html.push('<form class="scenario"><fieldset><legend>' + t('player.scenario.what', 'What do you do?') + '</legend>');
        node.choices.forEach(function (c, i) { html.push('<div class="choice"><input type="radio" name="option" id="option-' + i + '" value="' + i + '"><label for="option-' + i + '">' + c.textHtml + '</label></div>'); });
        html.push('</fieldset><button type="submit">' + t('player.scenario.choose', 'Choose') + '</button></form>');
      }
    } else if (step.kind === 'plan') {
      html.push('<h1>' + esc(step.item.title) + '</h1>' + step.item.introHtml + '<ul>');
      step.item.prompts.forEach(function (p) { html.push('<li>' + esc(p.label) + '</li>'); });
      html.push('</ul><p>' + t('package.plan.private', 'Write your answers somewhere private: this page does not store them.') + '</p>');
    } else if (step.kind === 'intro') {
      html.push('<h1>' + esc(course.assessment.title) + '</h1><p>' + t('package.assessment.intro', 'The final assessment has {0} questions. To pass you need {1}% or more, and every question about keeping people safe right.', [state.d.length, course.passMark]) + '</p>');
    } else if (step.kind === 'assessment') {
      html.push('<h1>' + t('player.assessment.question', 'Question {0} of {1}', [step.n, state.d.length]) + '</h1>');
      question(step, html, true);
    } else if (step.kind === 'result') {
      if (!state.done) {
        html.push('<h1>' + t('player.submit.title', 'Ready to submit?') + '</h1><button type="button" id="submit">' + t('player.submit.button', 'Submit my answers') + '</button>');
      } else {
        var m = state.done;
        html.push('<h1>' + (m.passed ? t('result.passed', 'You passed') : t('result.failed', 'Not passed this time')) + '</h1><p class="score">' + t('package.result.score', 'You got {0} of {1} right ({2}%).', [m.right, m.total, Math.floor(m.scaled * 100)]) + '</p>');
        if (m.critical) { html.push('<p>' + t('package.result.critical', '{0} safety-critical question(s) were not right. These must all be right to pass.', [m.critical]) + '</p>'); }
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
    wire(step);
    save();
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
    on('retake', function () { state.r++; state.d = draw(); state.done = null; go(assessmentStart); });
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
      if (!keys.length) { return; }
      var assessment = step.kind === 'assessment';
      state.a[(assessment ? 'x' + state.r + ':' : 'c:') + step.q.id] = keys;
      interaction(step.q, keys, correct(step.q, keys));
      if (assessment) { go(state.i + 1); } else { render(); }
    });
  }

  function finishRound() {
    var m = mark();
    state.done = m;
    lms.set('cmi.core.score.raw', 'cmi.score.raw', Math.round(m.scaled * 100));
    lms.set('cmi.core.score.min', 'cmi.score.min', 0);
    lms.set('cmi.core.score.max', 'cmi.score.max', 100);
    lms.set(null, 'cmi.score.scaled', m.scaled.toFixed(2));
    lms.set('cmi.core.lesson_status', null, m.passed ? 'passed' : 'failed');
    lms.set(null, 'cmi.completion_status', 'completed');
    lms.set(null, 'cmi.success_status', m.passed ? 'passed' : 'failed');
    if (cmi5) { cmi5Result(m); }
    render();
  }

  function sessionTime() {
    var s = Math.round((Date.now() - started) / 1000);
    if (api04) { return 'PT' + s + 'S'; }
    var h = Math.floor(s / 3600), mi = Math.floor(s % 3600 / 60), se = s % 60;
    var two = function (x) { return (x < 10 ? '0' : '') + x; };
    return two(h) + ':' + two(mi) + ':' + two(se);
  }

  window.addEventListener('pagehide', function () {
    if (cmi5) { terminate(true); saveProgress(true); return; }
    lms.set('cmi.core.session_time', 'cmi.session_time', sessionTime());
    lms.set('cmi.core.exit', 'cmi.exit', state.done && state.done.passed ? '' : 'suspend');
    save();
    lms.finish();
  });

  /* Back from the browser's page cache after the session ended: the session cannot go on. */
  window.addEventListener('pageshow', function (e) { if (e.persisted && cmi5 && cmi5.ended) { left(); } });

  function begin(resumed) {
    if (!state.d || !state.d.length) { state.d = draw(); }
    if (!resumed) {
      lms.set('cmi.core.lesson_status', null, 'incomplete');
      lms.set(null, 'cmi.completion_status', 'incomplete');
    }
    render();
  }

  if (cmi5) {
    cmi5Start();
  } else {
    lms.start();
    var saved = lms.get('cmi.suspend_data', 'cmi.suspend_data');
    if (saved) {
      try { state = JSON.parse(saved); } catch (e) { saved = ''; /* start afresh on unreadable data */ }
    }
    begin(!!saved);
  }
}());
