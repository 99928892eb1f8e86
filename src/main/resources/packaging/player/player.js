/* Open Door package player: runs a course inside any SCORM 1.2 or SCORM 2004 LMS without calling
   the Open Door server. Progress and answers are kept in the LMS (location and suspend data), so a
   learner resumes where they left off. Pass = pass mark AND every critical item right. */
(function () {
  'use strict';
  var course = window.OPENDOOR_COURSE;
  var main = document.getElementById('main');

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
    html.push('</fieldset><button type="submit">' + (assessment ? 'Save and continue' : 'Check my answer') + '</button></form>');
    if (!assessment && given.length) {
      var ok = correct(q, given);
      html.push('<section id="feedback" class="feedback ' + (ok ? 'right' : 'wrong') + '" tabindex="-1"><h2>' + (ok ? 'That\u2019s right' : 'Not quite') + '</h2><ul>');
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
    var passing = parseFloat(lms.get('', 'cmi.scaled_passing_score'));
    var needed = isNaN(passing) ? course.passMark / 100 : passing;
    return { right: right, total: total, scaled: total ? right / total : 0, critical: criticalMissed,
      passed: total > 0 && right / total >= needed && criticalMissed === 0, revisit: revisit };
  }

  function render() {
    var list = allSteps();
    if (state.i >= list.length) { state.i = list.length - 1; }
    var step = list[state.i];
    var html = [];
    document.getElementById('course-title').textContent = course.title + ' (version ' + course.version + ')';
    var pct = Math.round(state.i * 100 / Math.max(1, list.length - 1));
    document.getElementById('progress').value = pct;
    document.getElementById('progress-label').textContent = 'Page ' + (state.i + 1) + ' of ' + list.length + ' (' + pct + '% through)' +
      (step.module ? ' \u00b7 ' + step.module.title : '');
    if (step.kind === 'lesson') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      if (step.item.contentNote) { html.push('<aside class="content-note"><h2>Content note</h2><p>This part of the course talks about suicide and self-harm. Take a break whenever you need to; your place is saved.</p></aside>'); }
      html.push(step.item.html);
      if (step.item.supportBox) { html.push('<aside class="support-box"><h2>Support, now or any time</h2><p>If someone\u2019s life is at risk right now, call 999 or go to A&amp;E. Samaritans are there day and night on 116 123 (free).</p></aside>'); }
    } else if (step.kind === 'check') {
      html.push('<h1>' + esc(step.item.title) + '</h1>');
      question(step, html, false);
    } else if (step.kind === 'scenario') {
      var sc = step.item, path = state.s[sc.id] || [], node = sc.nodes.filter(function (n) { return n.id === sc.start; })[0], last = null;
      path.forEach(function (choice) { last = node.choices[choice]; node = sc.nodes.filter(function (n) { return n.id === last.next; })[0]; });
      html.push('<h1>' + esc(sc.title) + '</h1>');
      if (last) { html.push('<section id="feedback" class="feedback ' + (last.critical ? 'wrong' : last.best ? 'right' : '') + '"><h2>' + (last.critical ? 'Stop and think: this choice puts someone at risk' : last.best ? 'A good choice' : 'There is a better way') + '</h2>' + last.feedbackHtml + '</section>'); }
      html.push(node.textHtml);
      if (node.ending) { html.push('<p>This is the end of the scenario.</p><button type="button" class="secondary" id="restart">Try the scenario again</button>'); }
      else {
        html.push('<form class="scenario"><fieldset><legend>What do you do?</legend>');
        node.choices.forEach(function (c, i) { html.push('<div class="choice"><input type="radio" name="option" id="option-' + i + '" value="' + i + '"><label for="option-' + i + '">' + c.textHtml + '</label></div>'); });
        html.push('</fieldset><button type="submit">Choose</button></form>');
      }
    } else if (step.kind === 'plan') {
      html.push('<h1>' + esc(step.item.title) + '</h1>' + step.item.introHtml + '<ul>');
      step.item.prompts.forEach(function (p) { html.push('<li>' + esc(p.label) + '</li>'); });
      html.push('</ul><p>Write your answers somewhere private: this page does not store them.</p>');
    } else if (step.kind === 'intro') {
      html.push('<h1>' + esc(course.assessment.title) + '</h1><p>The final assessment has ' + state.d.length + ' questions. To pass you need ' +
        course.passMark + '% or more, and every question about keeping people safe right.</p>');
    } else if (step.kind === 'assessment') {
      html.push('<h1>Question ' + step.n + ' of ' + state.d.length + '</h1>');
      question(step, html, true);
    } else if (step.kind === 'result') {
      if (!state.done) {
        html.push('<h1>Ready to submit?</h1><button type="button" id="submit">Submit my answers</button>');
      } else {
        var m = state.done;
        html.push('<h1>' + (m.passed ? 'You passed' : 'Not passed this time') + '</h1><p class="score">You got ' + m.right + ' of ' + m.total + ' right (' +
          Math.floor(m.scaled * 100) + '%).</p>');
        if (m.critical) { html.push('<p>' + m.critical + ' safety-critical question(s) were not right. These must all be right to pass.</p>'); }
        if (m.revisit.length) {
          html.push('<h2>What to revisit</h2><ul>');
          m.revisit.forEach(function (id) { course.modules.forEach(function (mod) { if (mod.id === id) { html.push('<li>' + esc(mod.title) + '</li>'); } }); });
          html.push('</ul>');
        }
        if (!m.passed) { html.push('<button type="button" id="retake">Retake the assessment</button>'); }
      }
    }
    html.push('<nav class="pager" aria-label="Pages">');
    if (state.i > 0) { html.push('<button type="button" class="secondary" id="prev">Previous</button>'); }
    if (state.i < list.length - 1 && step.kind !== 'assessment') { html.push('<button type="button" id="next">Next</button>'); }
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
    lms.set('cmi.core.session_time', 'cmi.session_time', sessionTime());
    lms.set('cmi.core.exit', 'cmi.exit', state.done && state.done.passed ? '' : 'suspend');
    save();
    lms.finish();
  });

  lms.start();
  var saved = lms.get('cmi.suspend_data', 'cmi.suspend_data');
  if (saved) {
    try { state = JSON.parse(saved); } catch (e) { /* start afresh on unreadable data */ }
  }
  if (!state.d || !state.d.length) { state.d = draw(); }
  if (!saved) {
    lms.set('cmi.core.lesson_status', null, 'incomplete');
    lms.set(null, 'cmi.completion_status', 'incomplete');
  }
  render();
}());
