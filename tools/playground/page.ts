/**
 * The playground page: an emulated spreadsheet (menu bar, grid, sheet tabs, charts) and the
 * real sidebar in an iframe. Everything from the sheet is drawn with textContent; charts are
 * SVG built with DOM calls from the JSON the server sends (chart-data.ts).
 */
export const PAGE = String.raw`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CDM playground</title>
<style>
* { box-sizing: border-box; }
body { margin: 0; font: 13px Roboto, Arial, sans-serif; color: #202124; display: flex; flex-direction: column; height: 100vh; }
header { display: flex; align-items: center; gap: 12px; padding: 6px 12px; border-bottom: 1px solid #dadce0; background: #f9fbfd; }
header h1 { font-size: 16px; font-weight: 400; margin: 0; }
.menubar { position: relative; }
.menubar > button { border: 0; background: none; font: inherit; padding: 4px 8px; border-radius: 4px; cursor: pointer; }
.menubar > button:hover, .menubar > button[aria-expanded="true"] { background: #e8eaed; }
.menu { position: absolute; top: 100%; left: 0; background: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.3); border-radius: 4px; padding: 6px 0; min-width: 180px; z-index: 10; list-style: none; margin: 0; }
.menu[hidden] { display: none; }
.menu button { display: block; width: 100%; text-align: left; border: 0; background: none; font: inherit; padding: 6px 16px; cursor: pointer; }
.menu button:hover { background: #f1f3f4; }
.menu .submenu { left: 100%; top: 0; }
.menu li { position: relative; }
#status { margin-left: auto; color: #5f6368; }
#status.error { color: #c5221f; }
#workspace { flex: 1; display: flex; min-height: 0; }
#sheetpane { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#gridwrap { flex: 1; overflow: auto; }
table.sheet { border-collapse: collapse; font-size: 12px; }
table.sheet th, table.sheet td { border: 1px solid #e2e3e3; padding: 2px 4px; white-space: nowrap; max-width: 220px; overflow: hidden; text-overflow: ellipsis; height: 21px; }
table.sheet thead th, table.sheet tbody th { background: #f8f9fa; color: #5f6368; font-weight: 400; position: sticky; }
table.sheet thead th { top: 0; z-index: 2; }
table.sheet tbody th { left: 0; z-index: 1; text-align: center; }
table.sheet tbody tr:first-child td { font-weight: 500; }
td.note { position: relative; }
td.note::after { content: ''; position: absolute; top: 0; right: 0; border-top: 6px solid #f29900; border-left: 6px solid transparent; }
td.selected { outline: 2px solid #1a73e8; outline-offset: -2px; }
#charts { display: flex; flex-wrap: wrap; gap: 12px; padding: 8px; }
#charts:empty { display: none; }
.chart { border: 1px solid #dadce0; border-radius: 4px; background: #fff; }
nav.tabs { display: flex; gap: 2px; border-top: 1px solid #dadce0; background: #f1f3f4; padding: 0 8px; overflow-x: auto; }
nav.tabs button { border: 0; background: none; padding: 6px 12px; font: inherit; cursor: pointer; white-space: nowrap; }
nav.tabs button[aria-selected="true"] { background: #fff; color: #188038; font-weight: 500; box-shadow: inset 0 -3px #188038; }
nav.tabs button.hidden-sheet { color: #9aa0a6; font-style: italic; }
aside#sidebar { width: 300px; border-left: 1px solid #dadce0; display: flex; flex-direction: column; }
aside#sidebar[hidden] { display: none; }
aside#sidebar .title { display: flex; align-items: center; padding: 8px 12px; border-bottom: 1px solid #dadce0; font-size: 16px; }
aside#sidebar .title button { margin-left: auto; border: 0; background: none; font-size: 18px; cursor: pointer; }
aside#sidebar iframe { flex: 1; border: 0; width: 300px; }
</style>
</head>
<body>
<header>
  <h1 id="doc-title">CDM playground</h1>
  <div class="menubar">
    <button type="button" id="menu-extensions" aria-haspopup="true" aria-expanded="false">Extensions</button>
    <ul class="menu" id="extensions-menu" role="menu" hidden></ul>
  </div>
  <span id="status" role="status"></span>
</header>
<div id="workspace">
  <div id="sheetpane">
    <div id="gridwrap"><div id="charts"></div><table class="sheet" id="grid" aria-label="Sheet"></table></div>
    <nav class="tabs" id="tabs" aria-label="Sheets"></nav>
  </div>
  <aside id="sidebar" hidden aria-label="Add-on sidebar">
    <div class="title"><span id="sidebar-title"></span><button type="button" id="sidebar-close" aria-label="Close sidebar">×</button></div>
    <iframe id="sidebar-frame" title="CDM sidebar"></iframe>
  </aside>
</div>
<script>
(function () {
  var state = null;
  var current = null;
  var sidebarVersion = 0;
  var lastActive = '';
  var SVGNS = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function letters(n) { var s = ''; n++; while (n > 0) { var m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); } return s; }
  function setStatus(text, isError) { var s = document.getElementById('status'); s.textContent = text || ''; s.className = isError ? 'error' : ''; }
  function safeColor(c) { return typeof c === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : null; }

  function post(url, body) {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
  }

  function refresh() {
    return fetch('/api/state').then(function (r) { return r.json(); }).then(function (s) {
      state = s;
      document.getElementById('doc-title').textContent = s.title;
      // Follow the active sheet when the add-on changes it (selectRange, new CDM sheets).
      var activeKey = s.activeSheet + '!' + JSON.stringify(s.activeRanges || s.activeRange);
      if (s.activeSheet && activeKey !== lastActive) current = s.activeSheet;
      lastActive = activeKey;
      if (!current || !s.sheets.some(function (x) { return x.name === current; })) current = s.sheets.length ? s.sheets[0].name : null;
      drawMenu(); drawTabs(); drawSheet(); drawSidebar();
      // Alerts and toasts the add-on showed (Ui.alert, Spreadsheet.toast) go to the status line.
      if (s.messages && s.messages.length) setStatus(s.messages.join(' · '));
      document.body.setAttribute('data-version', String(s.version));
    }, function (e) { setStatus('Cannot reach the playground server: ' + e, true); });
  }

  function drawMenu() {
    var menu = document.getElementById('extensions-menu');
    while (menu.firstChild) menu.removeChild(menu.firstChild);
    if (!state.menus.length) { var li0 = el('li'); li0.appendChild(el('button', { type: 'button', disabled: '' }, '(no add-on menu: onOpen did not build one)')); menu.appendChild(li0); }
    state.menus.forEach(function (m) {
      var li = el('li');
      var head = el('button', { type: 'button', role: 'menuitem', 'aria-haspopup': 'true' }, m.caption + ' ▸');
      var sub = el('ul', { class: 'menu submenu', role: 'menu' });
      sub.hidden = true;
      head.addEventListener('click', function (ev) { ev.stopPropagation(); sub.hidden = !sub.hidden; });
      m.items.forEach(function (item) {
        var ili = el('li');
        var b = el('button', { type: 'button', role: 'menuitem' }, item.caption);
        b.addEventListener('click', function (ev) { ev.stopPropagation(); closeMenu(); runMenu(item); });
        ili.appendChild(b); sub.appendChild(ili);
      });
      li.appendChild(head); li.appendChild(sub); menu.appendChild(li);
    });
  }
  function closeMenu() {
    document.getElementById('extensions-menu').hidden = true;
    document.getElementById('menu-extensions').setAttribute('aria-expanded', 'false');
  }
  document.getElementById('menu-extensions').addEventListener('click', function (ev) {
    ev.stopPropagation();
    var menu = document.getElementById('extensions-menu');
    menu.hidden = !menu.hidden;
    this.setAttribute('aria-expanded', String(!menu.hidden));
  });
  document.addEventListener('click', closeMenu);

  function runMenu(item) {
    setStatus('Running ' + item.functionName + '…');
    post('/api/menu', { functionName: item.functionName }).then(function (res) {
      setStatus(res.ok ? '' : res.error, !res.ok);
      return refresh();
    });
  }

  function drawTabs() {
    var tabs = document.getElementById('tabs');
    while (tabs.firstChild) tabs.removeChild(tabs.firstChild);
    state.sheets.forEach(function (s) {
      var b = el('button', { type: 'button', role: 'tab', 'aria-selected': String(s.name === current), 'data-sheet': s.name }, s.name + (s.hidden ? ' (hidden)' : ''));
      if (s.hidden) b.className = 'hidden-sheet';
      b.addEventListener('click', function () { current = s.name; drawTabs(); drawSheet(); });
      tabs.appendChild(b);
    });
  }

  function drawSheet() {
    var grid = document.getElementById('grid');
    while (grid.firstChild) grid.removeChild(grid.firstChild);
    var charts = document.getElementById('charts');
    while (charts.firstChild) charts.removeChild(charts.firstChild);
    var sheet = state.sheets.filter(function (s) { return s.name === current; })[0];
    if (!sheet) return;
    grid.setAttribute('data-sheet', sheet.name);
    var sels = state.activeSheet === sheet.name ? (state.activeRanges && state.activeRanges.length ? state.activeRanges : state.activeRange ? [state.activeRange] : []) : [];
    var sel = sels.length ? sels[0] : null;
    function selected(r, c) { return sels.some(function (x) { return r >= x.row && r < x.row + x.rows && c >= x.col && c < x.col + x.cols; }); }
    var width = 0;
    sheet.values.forEach(function (r) { if (r.length > width) width = r.length; });
    var thead = el('thead'); var hr = el('tr'); hr.appendChild(el('th'));
    for (var c = 0; c < width; c++) hr.appendChild(el('th', { scope: 'col' }, letters(c)));
    thead.appendChild(hr); grid.appendChild(thead);
    var tbody = el('tbody');
    sheet.values.forEach(function (row, r) {
      var tr = el('tr'); tr.appendChild(el('th', { scope: 'row' }, r + 1));
      for (var c = 0; c < width; c++) {
        var td = el('td', null, row[c] === undefined ? '' : row[c]);
        var note = sheet.notes && sheet.notes[r] && sheet.notes[r][c];
        if (note) { td.className = 'note'; td.title = note; }
        var bg = sheet.backgrounds && sheet.backgrounds[r] && safeColor(sheet.backgrounds[r][c]);
        if (bg && bg.toLowerCase() !== '#ffffff') td.style.background = bg;
        if (sel && selected(r + 1, c + 1)) td.className += ' selected';
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    });
    grid.appendChild(tbody);
    if (sheet.truncated) { var tr2 = el('tr'); tr2.appendChild(el('td', { colspan: String(width + 1) }, '… ' + sheet.truncated + ' more rows not shown')); tbody.appendChild(tr2); }
    sheet.charts.forEach(function (ch) { charts.appendChild(drawChart(ch)); });
    if (sel) { var first = grid.querySelector('td.selected'); if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center', inline: 'nearest' }); }
  }

  var PALETTE = ['#1a73e8', '#d93025', '#f9ab00', '#188038', '#9334e6', '#e8710a', '#12b5cb', '#5f6368', '#c5221f', '#a142f4'];
  function drawChart(ch) {
    var W = 420, H = 260, L = 48, R = 12, T = 28, B = 40;
    var root = svg('svg', { width: W, height: H, class: 'chart', role: 'img', 'data-kind': ch.kind });
    root.appendChild(svg('title', {}, ch.title));
    root.appendChild(svg('text', { x: W / 2, y: 18, 'text-anchor': 'middle', 'font-size': 13 }, ch.title));
    root.appendChild(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#9aa0a6' }));
    root.appendChild(svg('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#9aa0a6' }));
    function fmt(v) { return Math.abs(v) >= 1000 ? Math.round(v / 100) / 10 + 'k' : String(Math.round(v * 10) / 10); }
    if (ch.kind === 'scatter') {
      var xs = [], ys = [];
      ch.series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
      var x0 = Math.min.apply(null, xs.concat([0])), x1 = Math.max.apply(null, xs.concat([1]));
      var y0 = Math.min.apply(null, ys.concat([0])), y1 = Math.max.apply(null, ys.concat([1]));
      ch.series.forEach(function (s, i) {
        s.points.forEach(function (p) {
          root.appendChild(svg('circle', { cx: L + (p[0] - x0) / (x1 - x0 || 1) * (W - L - R), cy: H - B - (p[1] - y0) / (y1 - y0 || 1) * (H - T - B), r: 3, fill: PALETTE[i % PALETTE.length], 'fill-opacity': 0.7 }));
        });
      });
      root.appendChild(svg('text', { x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 11 }, ch.xLabel));
      root.appendChild(svg('text', { x: L - 4, y: T + 4, 'text-anchor': 'end', 'font-size': 10 }, fmt(y1)));
      root.appendChild(svg('text', { x: L, y: H - B + 14, 'font-size': 10 }, fmt(x0)));
      root.appendChild(svg('text', { x: W - R, y: H - B + 14, 'text-anchor': 'end', 'font-size': 10 }, fmt(x1)));
    } else {
      var max = Math.max.apply(null, ch.bars.map(function (b) { return b.value; }).concat([0]));
      var bw = (W - L - R) / Math.max(1, ch.bars.length);
      ch.bars.forEach(function (b, i) {
        var h = max > 0 ? Math.max(0, b.value) / max * (H - T - B) : 0;
        var rect = svg('rect', { x: L + i * bw + 2, y: H - B - h, width: Math.max(1, bw - 4), height: h, fill: PALETTE[0] });
        rect.appendChild(svg('title', {}, b.label + ': ' + b.value));
        root.appendChild(rect);
        if (ch.bars.length <= 12) root.appendChild(svg('text', { x: L + i * bw + bw / 2, y: H - B + 14, 'text-anchor': 'middle', 'font-size': 9 }, b.label.length > 12 ? b.label.slice(0, 11) + '…' : b.label));
      });
      root.appendChild(svg('text', { x: L - 4, y: T + 4, 'text-anchor': 'end', 'font-size': 10 }, fmt(max)));
    }
    return root;
  }

  function drawSidebar() {
    var aside = document.getElementById('sidebar');
    if (!state.sidebar) return;
    if (state.sidebar.version !== sidebarVersion) {
      sidebarVersion = state.sidebar.version;
      document.getElementById('sidebar-title').textContent = state.sidebar.title;
      document.getElementById('sidebar-frame').src = '/sidebar?v=' + sidebarVersion;
      aside.hidden = false;
    }
  }
  document.getElementById('sidebar-close').addEventListener('click', function () {
    document.getElementById('sidebar').hidden = true;
    document.getElementById('sidebar-frame').src = 'about:blank';
  });

  window.addEventListener('message', function (ev) {
    if (!ev.data || !ev.data.cdm) return;
    if (ev.data.cdm === 'refresh') refresh();
    if (ev.data.cdm === 'close') document.getElementById('sidebar-close').click();
  });
  window.cdmPlayground = { refresh: refresh };
  refresh();
})();
</script>
</body>
</html>
`;
