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
