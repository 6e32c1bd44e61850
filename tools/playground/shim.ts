/**
 * The bridge the playground injects into the real dist/Sidebar.html: google.script.run posts
 * each call to /rpc, where the local runtime executes it in dist/Code.js. Like the real
 * google.script.run, calls are asynchronous and values travel as JSON. After each call the
 * parent page is told to redraw the grid.
 */
export const SHIM = String.raw`
(function () {
  function notify(kind, detail) {
    try { window.parent.postMessage({ cdm: kind, detail: detail }, '*'); } catch (e) {}
  }
  function runner(ok, fail) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, fail); },
      withFailureHandler: function (f) { return runner(ok, f); },
      withUserObject: function () { return r; }
    };
    return new Proxy(r, {
      get: function (target, name) {
        if (name in target || typeof name !== 'string') return target[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
            .then(function (res) { return res.json(); })
            .then(function (body) {
              notify('refresh', name);
              if (body.ok) { if (ok) ok(body.value); }
              else if (fail) { var e = new Error(body.error); e.name = 'ScriptError'; fail(e); }
            }, function (err) {
              if (fail) fail(new Error('The playground server did not answer: ' + err));
            });
        };
      }
    });
  }
  window.google = { script: { run: runner(), host: { close: function () { notify('close'); }, setHeight: function () {}, setWidth: function () {} } } };
})();
`;

/** Puts the bridge before the sidebar's own script, so google.script.run exists when it starts. */
export function injectShim(html: string): string {
  const tag = '<script>' + SHIM + '</script>';
  const at = html.search(/<script\b/i);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  return html.replace(/<\/head>/i, tag + '</head>');
}
