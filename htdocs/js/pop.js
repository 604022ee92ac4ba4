/* pop.js — the agent desktop's screen pop: asks the server about once a second whether
 * the ACD has just offered a call to this agent (GET /api/v1/me/offers) and, when it has,
 * shows who is calling with a link to the pop.  On pages where nothing is being typed
 * (the dashboard, the pop itself) it opens the pop at once; elsewhere the banner waits for
 * a click, so a half-filled form is never thrown away.  The last offer seen is kept for
 * the browser tab (sessionStorage), so moving between pages does not pop it again.
 * The same answer carries the agent's ACD state, shown in the agent bar (#agent-bar) with
 * only the buttons that make sense in that state (data-when="state ..."). */
(function () {
	'use strict';

	var box = document.getElementById('pop-offer');
	var KEY = 'wl.pop.after';
	var EVERY = 1000;		/* ms between questions */
	var failures = 0;

	if (!box || !window.fetch)
		return;

	function idle() {
		var p = window.location.pathname;
		return p === '/dashboard' || p === '/' || p === '/pop';
	}

	function show(offer) {
		var who = offer.resident ? offer.resident + ' · ' + offer.caller : offer.caller;
		var text = document.createElement('strong');
		var link = document.createElement('a');

		text.textContent = (box.getAttribute('data-label') || '') + ' ' + who;
		link.href = offer.pop_url;
		link.className = 'btn btn-sm btn-primary';
		link.textContent = box.getAttribute('data-open') || '';
		box.textContent = '';
		box.appendChild(text);
		box.appendChild(document.createTextNode(' '));
		box.appendChild(link);
		box.hidden = false;
		if (idle())
			window.location.assign(offer.pop_url);
	}

	var bar = document.getElementById('agent-bar');
	var stateEl = document.getElementById('agent-state');
	var sinceEl = document.getElementById('agent-since');
	var names = {};

	if (stateEl)
		(stateEl.getAttribute('data-labels') || '').split(';').forEach(function (pair) {
			var i = pair.indexOf('=');
			if (i > 0)
				names[pair.slice(0, i)] = pair.slice(i + 1);
		});

	function clock(secs) {
		var m = Math.floor(secs / 60), s = secs % 60;
		return m + ':' + (s < 10 ? '0' : '') + s;
	}

	function showAgent(agent) {
		if (!bar || !stateEl)
			return;
		if (!agent) {	/* no desk phone: no ACD */
			bar.hidden = true;
			return;
		}
		stateEl.textContent = (names[agent.state] || agent.state) +
			(agent.reason_label ? ' · ' + agent.reason_label : '');
		stateEl.className = 'agent-' + agent.state;
		sinceEl.textContent = agent.seconds !== null && agent.state !== 'logged_out'
			? clock(agent.seconds) : '';
		Array.prototype.forEach.call(bar.querySelectorAll('[data-when]'), function (el) {
			el.hidden = el.getAttribute('data-when').split(' ').indexOf(agent.state) < 0;
		});
		bar.hidden = false;
	}

	function ask() {
		var after = window.sessionStorage.getItem(KEY);
		var url = '/api/v1/me/offers' + (after ? '?after=' + encodeURIComponent(after) : '');

		window.fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (res) {
				if (res.status === 401 || res.status === 403)
					throw new Error('stop');
				if (!res.ok)
					throw new Error('retry');
				return res.json();
			})
			.then(function (doc) {
				failures = 0;
				window.sessionStorage.setItem(KEY, String(doc.last_event_id || 0));
				showAgent(doc.agent);
				if (doc.offer)
					show(doc.offer);
				window.setTimeout(ask, EVERY);
			})
			.catch(function (err) {
				if (err && err.message === 'stop')
					return;	/* signed out, or not an agent: nothing to ask */
				failures = Math.min(failures + 1, 5);
				window.setTimeout(ask, EVERY * (1 + failures));
			});
	}

	ask();
}());
