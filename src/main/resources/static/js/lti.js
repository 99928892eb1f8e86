// LTI pages. The deep-linking response goes back to the platform on its own; a launch that is not inside a
// frame opens the course here, and inside a frame offers it in a new window (no third-party cookie needed).
(function () {
  'use strict';
  var form = document.getElementById('lti-autosubmit');
  if (form) {
    form.submit();
    return;
  }
  var link = document.getElementById('lti-continue');
  var framed;
  try {
    framed = window.top !== window.self;
  } catch (e) {
    framed = true;
  }
  if (link && !framed) {
    window.location.replace(link.href);
  }
})();
// Dynamic registration done: tell the LMS to close its registration window (LTI Dynamic Registration 1.0, 3.6).
(function () {
  'use strict';
  var close = document.getElementById('lti-close');
  if (!close) {
    return;
  }
  var done = function () {
    (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  };
  close.addEventListener('click', done);
  done();
})();
