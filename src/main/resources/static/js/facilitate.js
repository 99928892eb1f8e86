// Facilitator mode. The slides work without this script: Previous, Next and the module jump are plain links,
// and the audience window shows plain links when scripts are off. The script adds:
// - keys: Right, Down, Page Down and the space bar = next; Left, Up, Page Up = previous (clickers send Page
//   Up / Page Down); Home / End = first / last; N = switch between the presenter window and the slides;
// - the presenter and audience windows kept in step: moving in one (keys or links) tells the others of the
//   same course in this browser (BroadcastChannel, and localStorage's 'storage' event where there is no
//   BroadcastChannel); each then opens the same slide in its own view;
// - the presenter's timer: time since the session started (kept in localStorage, so it runs on across
//   slides), with a button to restart it.
(function () {
  'use strict';

  var body = document.body;
  var course = body.getAttribute('data-course');
  if (!course) {
    return;
  }
  var here = Number(body.getAttribute('data-n'));
  var total = Number(body.getAttribute('data-total'));
  var base = body.getAttribute('data-base');
  var query = body.getAttribute('data-query') || '';
  var key = 'opendoor-facilitate:' + course;
  var timerKey = 'opendoor-facilitate-start:' + course;
  var leaving = false;
  var channel = null;

  function read(name) {
    try {
      return window.localStorage.getItem(name);
    } catch (e) {
      return null;
    }
  }

  function write(name, value) {
    try {
      window.localStorage.setItem(name, value);
    } catch (e) {
      // private browsing without storage: the windows are not kept in step, the links still work
    }
  }

  function open(n) {
    if (leaving || !(n >= 1 && n <= total) || n === here) {
      return;
    }
    leaving = true;
    window.location.assign(base + n + query);
  }

  // Moves every window of this course to slide n, this one included.
  function go(n) {
    if (!(n >= 1 && n <= total)) {
      return;
    }
    var state = JSON.stringify({ n: n, t: Date.now() });
    write(key, state);
    if (channel) {
      channel.postMessage(state);
    }
    open(n);
  }

  function follow(state) {
    try {
      var s = JSON.parse(state);
      if (s && typeof s.n === 'number') {
        open(s.n);
      }
    } catch (e) {
      // not ours
    }
  }

  if ('BroadcastChannel' in window) {
    channel = new window.BroadcastChannel(key);
    channel.onmessage = function (event) {
      follow(event.data);
    };
  } else {
    window.addEventListener('storage', function (event) {
      if (event.key === key && event.newValue) {
        follow(event.newValue);
      }
    });
  }

  // A move made elsewhere while this page was loading: catch up with it.
  (function () {
    var state = read(key);
    if (!state) {
      return;
    }
    try {
      var s = JSON.parse(state);
      var started = window.performance && window.performance.timeOrigin ? window.performance.timeOrigin : Date.now();
      if (s && typeof s.n === 'number' && s.t > started) {
        open(s.n);
      }
    } catch (e) {
      // ignore a damaged entry
    }
  }());

  // Links to another slide of this course move the other windows too.
  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest('a[data-n]') : null;
    if (link) {
      event.preventDefault();
      go(Number(link.getAttribute('data-n')));
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName))) {
      return;
    }
    if (event.key === ' ' && target && target.tagName === 'A') {
      return;
    }
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
      case ' ':
        go(here + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        go(here - 1);
        break;
      case 'Home':
        go(1);
        break;
      case 'End':
        go(total);
        break;
      case 'n':
      case 'N':
        if (body.getAttribute('data-toggle')) {
          leaving = true;
          window.location.assign(body.getAttribute('data-toggle'));
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // The presenter's timer.
  var timer = document.querySelector('.timer');
  if (timer) {
    var elapsed = timer.querySelector('.elapsed');
    var start = Number(read(timerKey));
    // a start more than 12 hours ago belongs to an earlier session
    if (!start || Date.now() - start > 12 * 3600 * 1000 || start > Date.now()) {
      start = Date.now();
      write(timerKey, String(start));
    }
    var tick = function () {
      var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
      var h = Math.floor(s / 3600);
      var m = Math.floor(s / 60) % 60;
      var sec = s % 60;
      var mm = h > 0 && m < 10 ? '0' + m : String(m);
      elapsed.textContent = (h > 0 ? h + ':' : '') + mm + ':' + (sec < 10 ? '0' : '') + sec;
      elapsed.setAttribute('datetime', 'PT' + s + 'S');
    };
    timer.querySelector('.timer-restart').addEventListener('click', function () {
      start = Date.now();
      write(timerKey, String(start));
      tick();
    });
    timer.hidden = false;
    tick();
    window.setInterval(tick, 1000);
  }
}());
