// Runs before the page is drawn (a classic script in <head>, a file because the pages' CSP allows
// no inline script): applies the theme the reader chose (light or dark; none means the system's)
// and marks the page as scripted, so CSS shows the controls that need JavaScript.
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  try {
    var theme = localStorage.getItem('adr-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) {
    // Storage may be blocked (private mode, file://): the system's theme applies.
  }
})();
