// The IT lead's dashboard: reads /dashboard/api/summary and draws it with DOM calls (textContent only, so nothing
// from the data is ever parsed as HTML). In the Teams tab it first gets the tab's SSO token from Teams and sends it
// as a bearer token; in a browser the sign-in cookie does.
(function () {
  'use strict';
  var mode = document.body.getAttribute('data-mode');
  var token = null;
  var SERIES = [
    { key: 'acceptedPercent', count: 'itAccepted', name: 'IT accepted', css: 'accepted' },
    { key: 'attendedPercent', count: 'itAttended', name: 'Attended', css: 'attended' },
    { key: 'waivedPercent', count: 'waived', name: 'Waived', css: 'waived' }
  ];
  var STATES = { Uncovered: 'No one from IT', Asked: 'Asked', Invited: 'Invited', Accepted: 'Accepted', Waived: 'No IT needed' };
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function row(cells, header) {
    var tr = document.createElement('tr');
    cells.forEach(function (c, i) {
      var cell = el(i === 0 && header ? 'th' : 'td');
      if (i === 0 && header) { cell.setAttribute('scope', 'row'); }
      if (c instanceof Node) { cell.appendChild(c); } else { cell.textContent = c; }
      tr.appendChild(cell);
    });
    return tr;
  }

  function when(iso) {
    var d = new Date(iso);
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }

  function percentCell(r, s) {
    var span = el('span', r[s.key] + '% (' + r[s.count] + ')');
    span.setAttribute('data-series', s.css);
    span.setAttribute('data-percent', r[s.key]);
    span.setAttribute('data-count', r[s.count]);
    return span;
  }

  function coverageRows(tbody, rows, groupAttr) {
    clear(tbody);
    if (rows.length === 0) {
      var empty = row(['No marketing meetings in this window.']);
      empty.firstChild.setAttribute('colspan', '5');
      tbody.appendChild(empty);
      return;
    }
    rows.forEach(function (r) {
      var tr = row([r.group, String(r.meetings)].concat(SERIES.map(function (s) { return percentCell(r, s); })), true);
      tr.setAttribute(groupAttr, r.group);
      tr.setAttribute('data-meetings', r.meetings);
      tbody.appendChild(tr);
    });
  }

  // A hand-drawn line chart: one polyline per series over the weeks, y from 0 to 100 %.
  function drawChart(container, weeks, currentWeek) {
    clear(container);
    var w = 640, h = 260, left = 40, right = 12, top = 12, bottom = 40;
    var chart = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-labelledby': 'trend-title trend-desc', id: 'trend-svg' });
    var title = svg('title', { id: 'trend-title' });
    title.textContent = 'Coverage trend, ' + weeks.length + ' weeks';
    var desc = svg('desc', { id: 'trend-desc' });
    desc.textContent = weeks.length === 0 ? 'No marketing meetings yet.' : weeks.map(function (r) {
      return r.group + ': ' + SERIES.map(function (s) { return s.name + ' ' + r[s.key] + '%'; }).join(', ');
    }).join('; ') + '. The same numbers are in the table below.';
    chart.appendChild(title);
    chart.appendChild(desc);
    var plotW = w - left - right, plotH = h - top - bottom;
    [0, 25, 50, 75, 100].forEach(function (p) {
      var y = top + plotH - plotH * p / 100;
      chart.appendChild(svg('line', { x1: left, x2: w - right, y1: y, y2: y, 'class': 'axis' }));
      var label = svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' });
      label.textContent = p + '%';
      chart.appendChild(label);
    });
    var step = weeks.length > 1 ? plotW / (weeks.length - 1) : 0;
    function x(i) { return weeks.length > 1 ? left + i * step : left + plotW / 2; }
    function y(v) { return top + plotH - plotH * v / 100; }
    weeks.forEach(function (r, i) {
      var label = svg('text', { x: x(i), y: h - bottom + 16, 'text-anchor': 'middle' });
      label.textContent = r.group.slice(5) + (r.group > currentWeek ? '*' : '');
      chart.appendChild(label);
    });
    SERIES.forEach(function (s) {
      var g = svg('g', { 'class': s.css, 'data-series': s.css });
      g.appendChild(svg('polyline', { 'class': s.css, points: weeks.map(function (r, i) { return x(i) + ',' + y(r[s.key]); }).join(' ') }));
      weeks.forEach(function (r, i) {
        var dot = svg('circle', { cx: x(i), cy: y(r[s.key]), r: 4, 'class': s.css, 'data-week': r.group, 'data-percent': r[s.key] });
        var tip = svg('title', {});
        tip.textContent = r.group + ' ' + s.name + ': ' + r[s.key] + '% of ' + r.meetings;
        dot.appendChild(tip);
        g.appendChild(dot);
      });
      chart.appendChild(g);
    });
    container.appendChild(chart);
    var legend = el('ul', null, 'legend');
    legend.setAttribute('aria-hidden', 'true');
    SERIES.forEach(function (s) {
      var li = el('li');
      var swatch = el('span');
      swatch.style.background = getComputedStyle(document.documentElement).getPropertyValue('--' + s.css);
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(s.name));
      legend.appendChild(li);
    });
    container.appendChild(legend);
    if (weeks.some(function (r) { return r.group > currentWeek; })) {
      container.appendChild(el('p', '* scheduled weeks: meetings ahead, counted as they stand now.', 'hint'));
    }
  }

  function drawUpcoming(tbody, meetings) {
    clear(tbody);
    if (meetings.length === 0) {
      var empty = row(['No marketing meetings in the next 7 days.']);
      empty.firstChild.setAttribute('colspan', '5');
      tbody.appendChild(empty);
      return;
    }
    meetings.forEach(function (m) {
      var state = el('span', STATES[m.state] + (m.rep ? ': ' + m.rep : ''), 'state-' + m.state.toLowerCase());
      var action = document.createDocumentFragment();
      if (m.needsIt) {
        var button = el('button', 'Assign');
        button.type = 'button';
        button.setAttribute('aria-label', 'Assign someone from IT to ' + m.title);
        button.addEventListener('click', function () { assign(m, button); });
        action = button;
      }
      var tr = row([when(m.start), m.title, m.organizer, state, action]);
      tr.setAttribute('data-meeting', m.key);
      tr.setAttribute('data-state', m.state);
      tbody.appendChild(tr);
    });
  }

  function drawQueue(tbody, queue, waiting, list) {
    clear(tbody);
    queue.forEach(function (q) {
      tbody.appendChild(row([q.urgency, String(q.open), String(q.underAWeek), String(q.underAMonth), String(q.older)], true));
    });
    clear(list);
    if (waiting.length === 0) { list.appendChild(el('li', 'No open requests.')); }
    waiting.forEach(function (r) {
      list.appendChild(el('li', r.id + ' ' + r.title + ' (' + r.urgency + ', ' + r.status + ', waiting ' + r.ageDays + ' days)'));
    });
  }

  function drawBoard(board) {
    var summary = document.getElementById('board-summary');
    var lists = { 'board-this': 'thisCycle', 'board-not': 'notThisCycle', 'board-undecided': 'undecided' };
    Object.keys(lists).forEach(function (id) { clear(document.getElementById(id)); });
    if (!board) { summary.textContent = 'No board has been compiled yet.'; return; }
    summary.textContent = 'Cycle ' + board.cycleId + ' (' + board.status + ', reviewed ' + board.reviewDate + ', until ' + board.endsOn + '): ' +
      board.committedDays + ' of ' + board.capacityDays + ' person-days committed.';
    Object.keys(lists).forEach(function (id) {
      var ul = document.getElementById(id);
      var items = board[lists[id]];
      if (items.length === 0) { ul.appendChild(el('li', 'None.')); }
      items.forEach(function (i) {
        var text = i.requestId + ' ' + i.title + ' (' + i.requester + ', ' + i.urgency +
          (i.estimateDays !== null && i.estimateDays !== undefined ? ', ' + i.estimateDays + ' days' : '') + ')';
        ul.appendChild(el('li', text + (i.reason ? ': ' + i.reason : '')));
      });
    });
  }

  function render(data) {
    var viewer = document.getElementById('viewer');
    if (data.viewer.mode === 'development-loopback') {
      viewer.textContent = 'Development host on loopback: this page is open without sign-in. In Production it requires Entra ID sign-in as a member of the IT team or leads.';
      viewer.className = 'viewer open';
    } else {
      viewer.textContent = 'Signed in' + (data.viewer.name ? ' as ' + data.viewer.name : '') + '.';
      viewer.className = 'viewer';
    }
    var s = data.summary;
    var weeks = s.coverage.byWeek.slice().reverse();
    drawChart(document.getElementById('trend-chart'), weeks, s.currentWeek);
    coverageRows(document.querySelector('#trend-table tbody'), weeks, 'data-week');
    drawUpcoming(document.querySelector('#upcoming-table tbody'), s.upcoming);
    coverageRows(document.querySelector('#organizer-table tbody'), s.coverage.byOrganizer, 'data-organizer');
    drawQueue(document.querySelector('#queue-table tbody'), s.queue, s.longestWaiting, document.getElementById('waiting-list'));
    drawBoard(data.board);
    document.getElementById('loading').textContent = '';
    document.body.setAttribute('data-loaded', 'true');
  }

  function call(path, init) {
    init = init || {};
    init.headers = init.headers || {};
    init.credentials = 'same-origin';
    if (token) { init.headers.Authorization = 'Bearer ' + token; }
    return fetch(path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 401 || response.status === 403) { throw new Error(body.error || 'Not allowed.'); }
        return { status: response.status, body: body };
      });
    });
  }

  function load() {
    return call('/dashboard/api/summary').then(function (r) { render(r.body); });
  }

  function say(text, error) {
    var notice = document.getElementById('notice');
    notice.textContent = text;
    notice.className = error ? 'notice error' : 'notice';
  }

  function assign(meeting, button) {
    button.disabled = true;
    say('Assigning someone from IT to ' + meeting.title + '…');
    call('/dashboard/api/assign', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ meeting: meeting.key })
    }).then(function (r) {
      say(r.body.message || r.body.error || ('The server answered ' + r.status + '.'), r.status >= 400);
      return load();
    }).catch(function (e) {
      say(e.message, true);
      button.disabled = false;
    });
  }

  function fail(e) {
    document.getElementById('loading').textContent = '';
    say('The dashboard could not load: ' + e.message, true);
  }

  function start() {
    if (mode !== 'teams') { load().catch(fail); return; }
    var script = document.createElement('script');
    script.src = '/dashboard/assets/teams-js-2.58.0.min.js';
    script.onload = function () {
      var teams = window.microsoftTeams;
      teams.app.initialize()
        .then(function () { return teams.authentication.getAuthToken(); })
        .then(function (t) { token = t; return load(); })
        .catch(fail);
    };
    script.onerror = function () { fail(new Error('the Teams library did not load')); };
    document.head.appendChild(script);
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
