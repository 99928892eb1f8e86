// Facilitator mode: keyboard navigation between slides. The slides work without this script (Previous and
// Next are plain links); it only adds keys: arrows, Page Up / Page Down (presentation clickers send these),
// Home / End, and N to switch between the slide and the presenter view (notes).
(function () {
  'use strict';

  function href(selector) {
    var link = document.querySelector(selector);
    return link ? link.getAttribute('href') : null;
  }

  function go(url) {
    if (url && url !== window.location.pathname + window.location.search) {
      window.location.assign(url);
    }
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var body = document.body;
    var url = null;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
        url = href('a[rel="next"]');
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        url = href('a[rel="prev"]');
        break;
      case 'Home':
        url = body.getAttribute('data-first');
        break;
      case 'End':
        url = body.getAttribute('data-last');
        break;
      case 'n':
      case 'N':
        url = body.getAttribute('data-toggle');
        break;
      default:
        return;
    }
    event.preventDefault();
    go(url);
  });
}());
