// The diagram renderer inside its sandboxed frame (see frame.html): draws the mermaid source the
// page sends and answers with the SVG text, or with why it could not be drawn.
(function () {
  'use strict';
  var mermaid = window.mermaid;
  var base = {
    startOnLoad: false,
    securityLevel: 'strict',
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    // Keys no diagram's %%{init}%% directive may change.
    secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'htmlLabels', 'flowchart', 'theme', 'themeCSS', 'themeVariables', 'fontFamily', 'dompurifyConfig'],
  };
  var queue = Promise.resolve();

  // The page that shows the diagram allows no inline style, and even parsing markup that holds
  // some is reported there as a violation: the styles leave the SVG here, as plain data (the CSS
  // text and each element's style by its place in the tree), and the page applies them through
  // the CSSOM.
  function unstyle(text) {
    var svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    var css = [];
    Array.prototype.slice.call(svg.querySelectorAll('style')).forEach(function (el) {
      css.push(el.textContent || '');
      el.remove();
    });
    var inline = [];
    [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('*'))).forEach(function (el, index) {
      var style = el.getAttribute('style');
      if (style !== null) {
        inline.push([index, style]);
        el.removeAttribute('style');
      }
    });
    return { svg: new XMLSerializer().serializeToString(svg), css: css.join('\n'), inline: inline };
  }
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || typeof event.data.code !== 'string') return;
    var data = event.data;
    queue = queue.then(function () {
      var config = Object.assign({}, base, { theme: data.theme === 'dark' ? 'dark' : 'default', fontFamily: String(data.fontFamily || 'sans-serif') });
      mermaid.initialize(config);
      return mermaid.render(String(data.id), data.code).then(
        function (result) {
          window.parent.postMessage(Object.assign({ id: data.id }, unstyle(result.svg)), '*');
        },
        function (error) {
          window.parent.postMessage({ id: data.id, error: String((error && error.message) || error).split('\n')[0] }, '*');
        },
      );
    });
  });
  window.parent.postMessage({ ready: !!mermaid }, '*');
})();
