/*
 * app.js - the page of `mockexam serve`: exams, mock exams and drills, results, the
 * answer review, the weakness report and history, drawn from the JSON API of
 * docs/api.md and nothing else.
 *
 * Two rules shape it.  The page decides no exam rule: what a click does to an answer,
 * the instruction and progress words, the warnings, the question asked before
 * submitting, the marks of a reviewed option all come from the server, and the page
 * draws the document it gets back.  And bank text is only ever inserted as text (the
 * el() helper takes strings as text nodes; there is no innerHTML anywhere), so a bank
 * cannot put markup or script into the page.
 *
 * Views are chosen by the URL's hash (#/, #/history, #/report/EXAM, #/attempt/ID,
 * #/attempt/ID/results, #/attempt/ID/answers), so reloading a tab comes back to the
 * same place; the server keeps the attempt, the page only its view.
 */
'use strict';

(function () {
	/* ---------- DOM helpers: text is always a text node ---------- */

	const SVG_NS = 'http://www.w3.org/2000/svg';

	/* el('p', {class: 'x', onclick: f}, 'text', child...): strings become text nodes. */
	function el(tag, props, ...children) {
		return build(document.createElement(tag), props, children);
	}

	function svgEl(tag, props, ...children) {
		return build(document.createElementNS(SVG_NS, tag), props, children);
	}

	function build(node, props, children) {
		for (const [name, value] of Object.entries(props || {})) {
			if (value === null || value === undefined || value === false)
				continue;
			if (name.startsWith('on') && typeof value === 'function')
				node.addEventListener(name.slice(2), value);
			else if (name === 'dataset')
				Object.assign(node.dataset, value);
			else
				node.setAttribute(name, value === true ? '' : String(value));
		}
		append(node, children);
		return node;
	}

	function append(node, children) {
		for (const child of children) {
			if (child === null || child === undefined || child === false)
				continue;
			if (Array.isArray(child))
				append(node, child);
			else if (typeof child === 'string' || typeof child === 'number')
				node.appendChild(document.createTextNode(String(child)));
			else
				node.appendChild(child);
		}
	}

	function clear(node) {
		while (node.firstChild)
			node.removeChild(node.firstChild);
	}

	const $ = (id) => document.getElementById(id);

	/* ---------- the API ---------- */

	class ApiError extends Error {
		constructor(status, message) {
			super(message);
			this.status = status;
		}
	}

	async function api(method, path, body) {
		const init = { method: method, credentials: 'same-origin', headers: {} };
		if (body !== undefined) {
			init.headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		let response;
		try {
			response = await fetch(path, init);
		} catch (e) {
			throw new ApiError(0, 'The server does not answer; is mockexam serve still running?');
		}
		let doc = null;
		if (response.status !== 204) {
			try {
				doc = await response.json();
			} catch (e) {
				doc = null;
			}
		}
		if (!response.ok) {
			let message = doc && typeof doc.error === 'string' ? doc.error : response.statusText;
			if (response.status === 401)
				message = 'Not signed in: open the address that mockexam serve printed ' +
					'(the one with ?token=).';
			throw new ApiError(response.status, message);
		}
		return doc;
	}

	const apiPath = {
		attempt: (id) => '/api/attempts/' + encodeURIComponent(id),
		question: (id, pos) => '/api/attempts/' + encodeURIComponent(id) + '/questions/' + pos,
	};

	/* ---------- messages ---------- */

	function say(text) {
		const m = $('message');
		m.classList.remove('error');
		m.textContent = text || '';
	}

	function sayError(e) {
		const m = $('message');
		m.classList.add('error');
		m.textContent = e instanceof ApiError || e instanceof Error ? e.message : String(e);
	}

	function showWarning(text) {
		const w = $('warning');
		if (text) {
			if (w.textContent !== text)
				w.textContent = text;
			w.hidden = false;
		} else {
			w.hidden = true;
			w.textContent = '';
		}
	}

	/* ---------- dialogs ---------- */

	/* Asks text with OK labelled okLabel; resolves true on OK. */
	function confirmDialog(text, okLabel) {
		const d = $('confirm');
		$('confirm-text').textContent = text;
		$('confirm-ok').textContent = okLabel || 'OK';
		return new Promise((resolve) => {
			d.returnValue = 'cancel';
			d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true });
			d.showModal();
			$('confirm-cancel').focus();
		});
	}

	function openHelp() {
		const d = $('help');
		if (!d.open)
			d.showModal();
	}

	function dialogOpen() {
		return $('confirm').open || $('help').open;
	}

	/* ---------- formatting ---------- */

	function clock(ms) {
		const s = Math.max(0, Math.ceil(ms / 1000));
		const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
		const two = (n) => (n < 10 ? '0' : '') + n;
		return (h ? h + ':' + two(m) : String(m)) + ':' + two(sec);
	}

	function plural(n, word) {
		return n + ' ' + word + (n === 1 ? '' : 's');
	}

	function pct(v) {
		return v === null || v === undefined ? '-' : Math.round(v) + '%';
	}

	function statusWords(status) {
		if (status === 'meets')
			return 'Meets';
		if (status === 'needs-improvement')
			return 'Needs improvement';
		return status ? String(status) : '';
	}

	function date(seconds) {
		if (!seconds)
			return '';
		const d = new Date(seconds * 1000);
		return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	}

	function kindWords(kind) {
		return kind === 'drill' ? 'Drill' : 'Mock exam';
	}

	/* A bar of percent (0-100) with the 95% range low-high drawn across it. */
	function bar(percent, low, high, status, label) {
		const s = svgEl('svg', {
			class: 'bar ' + (status === 'meets' ? 'meets' : 'needs'),
			viewBox: '0 0 100 10', preserveAspectRatio: 'none', role: 'img',
			'aria-label': label,
		});
		s.appendChild(svgEl('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10 }));
		if (typeof percent === 'number')
			s.appendChild(svgEl('rect', { class: 'fill', x: 0, y: 1, width: percent, height: 8 }));
		if (typeof low === 'number' && typeof high === 'number') {
			const line = (x1, y1, x2, y2) => svgEl('line', {
				class: 'ci', x1: x1, y1: y1, x2: x2, y2: y2, 'vector-effect': 'non-scaling-stroke',
			});
			s.appendChild(line(low, 5, high, 5));
			s.appendChild(line(low, 2, low, 8));
			s.appendChild(line(high, 2, high, 8));
		}
		return s;
	}

	/*
	 * Bank text as the exam screen shows it: lines of a paragraph are joined (banks wrap
	 * them at 90 columns), a blank line starts a new paragraph, and indented lines (code,
	 * tables) keep their shape in a <pre> that scrolls sideways rather than wraps.
	 */
	function prose(text, props) {
		const box = el('div', props);
		const lines = String(text || '').replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
		let para = [], pre = [];
		const flushPara = () => {
			if (para.length)
				box.appendChild(el('p', {}, para.join(' ')));
			para = [];
		};
		const flushPre = () => {
			if (pre.length) {
				const cut = Math.min(...pre.map((l) => l.match(/^[ \t]*/)[0].length));
				box.appendChild(el('pre', {}, pre.map((l) => l.slice(cut)).join('\n')));
			}
			pre = [];
		};
		for (const line of lines) {
			if (!line.trim()) {
				flushPara();
				flushPre();
			} else if (/^[ \t]/.test(line)) {
				flushPara();
				pre.push(line);
			} else {
				flushPre();
				para.push(line.trim());
			}
		}
		flushPara();
		flushPre();
		return box;
	}

	function safeLink(url) {
		const text = String(url);
		if (/^https?:\/\//i.test(text))
			return el('a', { href: text, rel: 'noopener noreferrer', target: '_blank' }, text);
		return el('span', {}, text);
	}

	/* ---------- views and routing ---------- */

	let view = null; /* the view on screen: {leave(), key(event)} */
	const grades = new Map(); /* attempt id -> grade document just returned by submit */
	let examsCache = null;

	function setView(v) {
		if (view && view.leave)
			view.leave();
		view = v;
		showWarning(null);
		$('examhead').hidden = true;
		$('appnav').hidden = false;
	}

	function mainArea(title) {
		const main = $('main');
		clear(main);
		document.title = title ? title + ' - mockexam' : 'mockexam';
		return main;
	}

	let pending = ''; /* a message to show on the view go() opens */

	function go(hash, message) {
		pending = message || '';
		if (location.hash === hash)
			route();
		else
			location.hash = hash;
	}

	function route() {
		say(pending);
		pending = '';
		const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
		const navExams = $('nav-exams'), navHistory = $('nav-history');
		navExams.removeAttribute('aria-current');
		navHistory.removeAttribute('aria-current');
		if (parts[0] === 'history') {
			navHistory.setAttribute('aria-current', 'page');
			showHistory();
		} else if (parts[0] === 'report' && parts[1]) {
			showReport(parts[1]);
		} else if (parts[0] === 'attempt' && /^\d+$/.test(parts[1] || '')) {
			if (parts[2] === 'results')
				showResults(parts[1]);
			else if (parts[2] === 'answers')
				showAnswers(parts[1]);
			else
				showAttempt(parts[1]);
		} else {
			navExams.setAttribute('aria-current', 'page');
			showHome();
		}
	}

	async function exams() {
		if (!examsCache)
			examsCache = (await api('GET', '/api/exams')).exams || [];
		return examsCache;
	}

	/* ---------- home: the exams, and unfinished attempts to resume ---------- */

	async function showHome() {
		setView({});
		const main = mainArea('Exams');
		main.appendChild(el('h1', {}, 'Exams'));
		let list, history;
		try {
			[list, history] = await Promise.all([exams(), api('GET', '/api/attempts')]);
		} catch (e) {
			sayError(e);
			return;
		}
		const open = (history.attempts || []).filter((a) => a.status !== 'finished');
		if (open.length) {
			const sec = el('section', { class: 'panel', 'aria-labelledby': 'resume-title' },
				el('h2', { id: 'resume-title' }, 'Unfinished'));
			const ul = el('ul', { class: 'plain' });
			for (const a of open.slice(0, 5))
				ul.appendChild(el('li', {},
					el('a', { href: '#/attempt/' + a.id, class: 'button' },
						'Resume attempt ' + a.id),
					' ', kindWords(a.kind) + ' of ' + a.exam + ', ' + a.answered + ' of ' +
					a.question_count + ' answered, started ' + date(a.started)));
			sec.appendChild(ul);
			main.appendChild(sec);
		}
		if (!list.length)
			main.appendChild(el('p', {}, 'No exams found: give the folder of the banks with --banks.'));
		const grid = el('div', { class: 'exams' });
		for (const x of list)
			grid.appendChild(examCard(x));
		main.appendChild(grid);
	}

	function examCard(x) {
		const id = x.id;
		const title = el('h2', { id: 'exam-' + id }, x.title || id);
		const facts = [plural(x.question_count, 'question'), plural(x.duration_minutes, 'minute'),
			'passing score ' + x.passing_score + (x.scale ? ' of ' + x.scale[0] + '-' + x.scale[1] : '')];
		const card = el('section', { class: 'card', 'aria-labelledby': 'exam-' + id, dataset: { exam: id } },
			title,
			el('p', { class: 'muted' }, id + (x.vendor ? ' \u00b7 ' + x.vendor : '') +
				(x.status && x.status !== 'active' ? ' \u00b7 ' + x.status : '')),
			el('p', {}, facts.join(' \u00b7 ')));
		const start = (body) => startAttempt(body);
		const buttons = el('div', { class: 'buttons' },
			el('button', {
				type: 'button', class: 'primary', dataset: { start: 'exam' },
				'aria-describedby': 'exam-' + id, onclick: () => start({ exam: id, kind: 'exam' }),
			}, 'Mock exam'));
		if (x.question_count > 20)
			buttons.appendChild(el('button', {
				type: 'button', dataset: { start: 'mini' }, 'aria-describedby': 'exam-' + id,
				onclick: () => start({ exam: id, kind: 'exam', questions: 20 }),
			}, 'Mini mock (20)'));
		buttons.appendChild(el('button', {
			type: 'button', dataset: { start: 'drill' }, 'aria-describedby': 'exam-' + id,
			onclick: () => start({ exam: id, kind: 'drill' }),
		}, 'Drill'));
		buttons.appendChild(el('a', {
			class: 'button', href: '#/report/' + encodeURIComponent(id), 'aria-describedby': 'exam-' + id,
		}, 'Report'));
		card.appendChild(buttons);
		card.appendChild(optionsForm(x));
		return card;
	}

	/* The start options the API takes, for a candidate who wants more than the defaults. */
	function optionsForm(x) {
		const id = x.id;
		const f = (name) => 'opt-' + id + '-' + name;
		const field = (name, label, input) => el('div', { class: 'field' },
			el('label', { for: f(name) }, label), input);
		const number = (name, min, step) => el('input', {
			id: f(name), type: 'number', min: min, step: step || 1, inputmode: 'decimal',
		});
		const check = (name, label) => el('div', { class: 'field check' },
			el('input', { id: f(name), type: 'checkbox' }), el('label', { for: f(name) }, label));
		const domain = el('select', { id: f('domain') }, el('option', { value: '' }, 'every domain'),
			(x.domains || []).map((d) => el('option', { value: d.id }, d.id + '. ' + d.name)));
		const type = el('select', { id: f('type') }, el('option', { value: '' }, 'every type'),
			['single', 'multiple', 'ordering', 'matching', 'text'].map((t) => el('option', { value: t }, t)));
		const value = (name) => $(f(name)).value.trim();
		const checked = (name) => $(f(name)).checked;
		const mock = () => {
			const body = { exam: id, kind: 'exam' };
			if (value('questions')) body.questions = Number(value('questions'));
			if (value('minutes')) body.minutes = Number(value('minutes'));
			if (value('extra')) body.extra_time = Number(value('extra'));
			if (checked('untimed')) body.untimed = true;
			if (checked('pretest')) body.pretest = true;
			startAttempt(body);
		};
		const drill = () => {
			const body = { exam: id, kind: 'drill' };
			if (value('domain')) body.domain = Number(value('domain'));
			if (value('type')) body.type = value('type');
			if (value('count')) body.count = Number(value('count'));
			for (const name of ['missed', 'weakest', 'due', 'timed'])
				if (checked(name)) body[name] = true;
			startAttempt(body);
		};
		return el('details', { class: 'options' },
			el('summary', {}, 'More options'),
			el('fieldset', {}, el('legend', {}, 'Mock exam'),
				field('questions', 'Questions', number('questions', 1)),
				field('minutes', 'Minutes', number('minutes', 0.1, 'any')),
				field('extra', 'Extra minutes', number('extra', 0, 'any')),
				check('untimed', 'Untimed'), check('pretest', 'Unscored pretest questions'),
				el('button', { type: 'button', onclick: mock }, 'Start mock exam')),
			el('fieldset', {}, el('legend', {}, 'Drill'),
				field('domain', 'Domain', domain), field('type', 'Type', type),
				field('count', 'Questions', number('count', 1)),
				check('missed', 'Missed last time'), check('weakest', 'Weakest first'),
				check('due', 'Due for review'), check('timed', 'Timed'),
				el('button', { type: 'button', onclick: drill }, 'Start drill')));
	}

	async function startAttempt(body) {
		say('Starting\u2026');
		try {
			const state = await api('POST', '/api/attempts', body);
			say('');
			go('#/attempt/' + state.attempt);
		} catch (e) {
			sayError(e);
		}
	}

	/* ---------- history ---------- */

	async function showHistory() {
		setView({});
		const main = mainArea('History');
		main.appendChild(el('h1', {}, 'History'));
		let doc;
		try {
			doc = await api('GET', '/api/attempts');
		} catch (e) {
			sayError(e);
			return;
		}
		const attempts = doc.attempts || [];
		if (!attempts.length) {
			main.appendChild(el('p', {}, 'No attempts yet: start one from Exams.'));
			return;
		}
		const table = el('table', { class: 'history' },
			el('caption', { class: 'visually-hidden' }, 'Attempts, newest first'),
			el('thead', {}, el('tr', {}, ['Attempt', 'Exam', 'Kind', 'Started', 'Progress', 'Score', 'Actions']
				.map((h) => el('th', { scope: 'col' }, h)))));
		const body = el('tbody');
		for (const a of attempts)
			body.appendChild(historyRow(a));
		table.appendChild(body);
		main.appendChild(table);
	}

	function historyRow(a) {
		const finished = a.status === 'finished';
		const score = finished && a.scaled_score !== null && a.scaled_score !== undefined
			? a.scaled_score + (a.passed ? ' pass' : ' fail') : '';
		const actions = el('td', { class: 'actions' });
		if (finished)
			actions.appendChild(el('a', { class: 'button', href: '#/attempt/' + a.id + '/results' }, 'Results'));
		else
			actions.appendChild(el('a', { class: 'button primary', href: '#/attempt/' + a.id }, 'Resume'));
		actions.appendChild(el('button', {
			type: 'button', class: 'danger', dataset: { delete: a.id },
			'aria-label': 'Delete attempt ' + a.id, onclick: () => deleteAttempt(a),
		}, 'Delete'));
		const cell = (label, text) => el('td', { 'data-label': label }, text);
		return el('tr', { dataset: { attempt: a.id } },
			cell('Attempt', String(a.id)), cell('Exam', a.exam), cell('Kind', kindWords(a.kind)),
			cell('Started', date(a.started)),
			cell('Progress', (finished ? 'finished, ' : 'unfinished, ') + a.answered + ' of ' +
				a.question_count + ' answered'),
			cell('Score', score), actions);
	}

	async function deleteAttempt(a) {
		const ok = await confirmDialog('Delete attempt ' + a.id + ' (' + kindWords(a.kind).toLowerCase() +
			' of ' + a.exam + ')? Its answers are removed and reports no longer count it.', 'Delete');
		if (!ok)
			return;
		try {
			await api('DELETE', apiPath.attempt(a.id));
			await showHistory();
			say('Attempt ' + a.id + ' deleted.');
		} catch (e) {
			sayError(e);
		}
	}

	/* ---------- the report ---------- */

	async function showReport(exam) {
		setView({});
		const main = mainArea('Report ' + exam);
		let r, list;
		try {
			[r, list] = await Promise.all([api('GET', '/api/report/' + encodeURIComponent(exam)), exams()]);
		} catch (e) {
			main.appendChild(el('h1', {}, 'Report'));
			sayError(e);
			return;
		}
		const x = list.find((e) => e.id === exam) || {};
		main.appendChild(el('h1', {}, 'Report: ' + (x.title || exam) + ' (' + exam + ')'));
		const n = plural;
		main.appendChild(el('p', {}, n(r.attempts, 'attempt') + ': ' + n(r.exams, 'mock exam') +
			' and ' + n(r.drills, 'drill') + ', ' + n(r.responses, 'answer') + '.'));

		main.appendChild(el('h2', {}, 'Readiness'));
		const rd = r.readiness || {};
		if (rd.pass_probability === null || rd.pass_probability === undefined)
			main.appendChild(el('p', { id: 'readiness' }, rd.reason || 'Not known yet.'));
		else
			main.appendChild(el('p', { id: 'readiness' },
				el('strong', {}, Math.round(rd.pass_probability * 100) + '%'),
				' chance of passing now; median scaled score ' + rd.median_score + ' (10th\u201390th percentile ' +
				rd.p10 + '\u2013' + rd.p90 + '; passing ' + r.passing_score + '), from ' + rd.responses + ' answers.'));
		if (r.recommendation)
			main.appendChild(el('div', { class: 'next', id: 'recommendation' },
				el('strong', {}, 'Next: '), el('code', {}, r.recommendation.command || ''),
				el('p', {}, r.recommendation.why || '')));

		main.appendChild(el('h2', {}, 'Accuracy per domain and task, with 95% ranges'));
		main.appendChild(areaTable(r.domains || [], true));

		main.appendChild(el('h2', {}, 'Mock exam scores'));
		main.appendChild(scoreChart(r.scores || [], r.passing_score, x.scale || [100, 1000]));
		main.appendChild(el('p', { class: 'muted' },
			'Scoring is compensatory: only the overall scaled score decides pass or fail.'));
		main.appendChild(el('p', {}, el('a', { href: '#/', class: 'button' }, 'Exams')));
	}

	/* Domains (and their tasks) of a report or a grade document, each with a bar. */
	function areaTable(domains, report) {
		const counted = report ? 'Answers' : 'Correct';
		const table = el('table', { class: 'areas' }, el('thead', {}, el('tr', {},
			['Area', counted, 'Accuracy', '95% range', 'Status'].map((h) => el('th', { scope: 'col' }, h)))));
		const body = el('tbody');
		const row = (a, isTask) => {
			const count = report ? a.responses : a.total;
			const name = (isTask ? a.id + ' ' : a.id + '. ') + a.name;
			const range = count ? pct(a.low) + '\u2013' + pct(a.high) : '-';
			const label = name + ': ' + (count ? pct(a.percent) + ' correct, 95% range ' + pct(a.low) +
				' to ' + pct(a.high) : 'no answers');
			const cell = (heading, props, ...content) =>
				el('td', Object.assign({ 'data-label': heading }, props), content);
			const weight = !isTask && a.weight !== undefined
				? el('span', { class: 'muted' }, ' ' + a.weight + '% of the exam') : null;
			return el('tr', { class: isTask ? 'task' : 'domain' },
				el('th', { scope: 'row', 'data-label': 'Area' }, name, weight),
				cell(counted, {}, report ? String(count) : a.correct + '/' + count),
				cell('Accuracy', { class: 'barcell' },
					count ? bar(a.percent, a.low, a.high, a.status, label) : bar(null, null, null, '', label),
					el('span', { class: 'barvalue' }, count ? pct(a.percent) : '-')),
				cell('95% range', {}, range),
				cell('Status', { class: count ? (a.status === 'meets' ? 'meets' : 'needs') : '' },
					count ? statusWords(a.status) : 'No answers'));
		};
		for (const d of domains) {
			body.appendChild(row(d, false));
			for (const t of d.tasks || [])
				body.appendChild(row(t, true));
		}
		table.appendChild(body);
		return table;
	}

	/* The scaled scores of mock exams over time, with the passing score, as inline SVG. */
	function scoreChart(scores, passing, scale) {
		if (!scores.length)
			return el('p', { id: 'score-chart' }, 'No mock exams in this report yet.');
		const W = 600, H = 220, L = 44, R = 12, T = 12, B = 28;
		const lo = scale[0], hi = scale[1];
		const X = (i) => L + (scores.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (scores.length - 1));
		const Y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
		const s = svgEl('svg', {
			id: 'score-chart', class: 'chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
			'aria-label': 'Mock exam scores: ' + scores.map((p) => p.scaled_score).join(', ') +
				'; passing ' + passing,
		});
		for (let v = lo; v <= hi; v += (hi - lo) / 4) {
			const y = Y(v);
			s.appendChild(svgEl('line', { class: 'grid', x1: L, y1: y, x2: W - R, y2: y }));
			s.appendChild(svgEl('text', { class: 'axis', x: 0, y: y + 4 }, String(Math.round(v))));
		}
		s.appendChild(svgEl('line', { class: 'cut', x1: L, y1: Y(passing), x2: W - R, y2: Y(passing) }));
		s.appendChild(svgEl('text', { class: 'axis', x: L + 4, y: Y(passing) - 4 }, 'passing ' + passing));
		s.appendChild(svgEl('polyline', {
			class: 'trend', points: scores.map((p, i) => X(i) + ',' + Y(p.scaled_score)).join(' '),
		}));
		scores.forEach((p, i) => {
			s.appendChild(svgEl('circle', { class: p.passed ? 'pass' : 'fail', cx: X(i), cy: Y(p.scaled_score), r: 5 },
				svgEl('title', {}, 'Attempt ' + p.attempt + ' on ' + date(p.started) + ': ' + p.scaled_score)));
			s.appendChild(svgEl('text', { class: 'axis', x: X(i) - 6, y: H - 8 }, String(i + 1)));
		});
		return s;
	}

	/* ---------- an attempt: the exam screen (mock exams and drills) ---------- */

	async function showAttempt(id) {
		const ex = {
			id: id, state: null, pos: 1, q: null, feedback: null, draft: undefined,
			reviewing: false, strikeNext: false, prompt: null, left: null, at: 0,
			refetchAt: 0, timers: [], gone: false, queue: Promise.resolve(),
		};
		setView({ leave: () => leaveAttempt(ex), key: (e) => attemptKey(ex, e) });
		mainArea('Exam');
		try {
			ex.state = await api('GET', apiPath.attempt(id));
		} catch (e) {
			sayError(e);
			return;
		}
		if (ex.state.status !== 'open') {
			go('#/attempt/' + id + '/results');
			return;
		}
		ex.pos = ex.state.current || 1;
		drawHead(ex);
		ex.timers.push(setInterval(() => refresh(ex), 10000));
		ex.timers.push(setInterval(() => tick(ex), 250));
		await openQuestion(ex, ex.pos);
		if (ex.state.kind === 'drill' && ex.q && ex.q.checked && ex.pos < ex.state.question_count)
			await openQuestion(ex, ex.pos + 1);
	}

	function leaveAttempt(ex) {
		ex.gone = true;
		for (const t of ex.timers)
			clearInterval(t);
		$('examhead').hidden = true;
	}

	/* The header: title, position, answered and the time left, counted down locally. */
	function drawHead(ex) {
		const s = ex.state;
		$('appnav').hidden = true;
		$('examhead').hidden = false;
		$('exam-title').textContent = s.title || s.exam;
		$('exam-position').textContent = ex.reviewing ? 'Review' : 'Question ' + ex.pos + ' of ' + s.question_count;
		$('exam-answered').textContent = (s.counts ? s.counts.answered : 0) + ' answered';
		ex.left = s.time_left_ms;
		ex.at = performance.now();
		drawClock(ex);
		showWarning(s.warning);
		document.title = (s.kind === 'drill' ? 'Drill' : 'Mock exam') + ' ' + s.exam + ' - mockexam';
	}

	function drawClock(ex) {
		const t = $('exam-time');
		if (ex.left === null || ex.left === undefined) {
			t.textContent = 'Untimed';
			return;
		}
		const left = Math.max(0, ex.left - (performance.now() - ex.at));
		const text = 'Time left ' + clock(left);
		if (t.textContent !== text)
			t.textContent = text;
		t.classList.toggle('low', left < 5 * 60000);
	}

	function tick(ex) {
		if (ex.gone || ex.left === null || ex.left === undefined)
			return;
		drawClock(ex);
		const left = ex.left - (performance.now() - ex.at);
		/* Time is up by our count: ask the server, which submits the attempt. */
		if (left <= 0 && performance.now() >= ex.refetchAt) {
			ex.refetchAt = performance.now() + 2000;
			refresh(ex);
		}
	}

	/* Re-reads the attempt's state; a submitted attempt goes to its results. */
	async function refresh(ex) {
		if (ex.gone)
			return;
		try {
			const s = await api('GET', apiPath.attempt(ex.id));
			if (ex.gone)
				return;
			ex.state = s;
			if (s.status !== 'open') {
				go('#/attempt/' + ex.id + '/results', s.time_left_ms === 0
					? 'Time is up: the server has submitted the exam.' : 'This attempt has been submitted.');
				return;
			}
			drawHead(ex);
			if (ex.reviewing)
				drawReviewScreen(ex);
		} catch (e) {
			sayError(e);
		}
	}

	/*
	 * Requests that change or show a question run one after another, in the order of
	 * the clicks and keys that asked for them: a quick second click is never lost, and
	 * a question is never drawn from a state older than a change already sent.
	 */
	function queue(ex, job) {
		ex.queue = ex.queue.then(() => (ex.gone ? null : job())).catch((e) => sayError(e));
		return ex.queue;
	}

	function openQuestion(ex, pos) {
		if (pos < 1 || pos > ex.state.question_count)
			return Promise.resolve();
		return queue(ex, async () => {
			try {
				const q = await api('GET', apiPath.question(ex.id, pos));
				if (ex.gone)
					return;
				ex.pos = pos;
				ex.q = q;
				ex.feedback = q.feedback || null;
				ex.draft = undefined;
				ex.reviewing = false;
				ex.strikeNext = false;
				ex.prompt = null;
				drawHead(ex);
				drawQuestion(ex, true);
			} catch (e) {
				handleAttemptError(ex, e);
			}
		});
	}

	function handleAttemptError(ex, e) {
		if (e instanceof ApiError && e.status === 409)
			refresh(ex);
		sayError(e);
	}

	/*
	 * Sends one change of the question on screen and draws what the server answers.
	 * body may be a function, called when the request's turn comes, for changes that
	 * depend on the state before them (a strike, the flag); it returns null to send
	 * nothing when another question is on screen by then.
	 */
	function put(ex, body) {
		const pos = ex.pos;
		return queue(ex, async () => {
			const b = typeof body === 'function' ? (ex.pos === pos ? body() : null) : body;
			if (!b)
				return;
			try {
				const q = await api('PUT', apiPath.question(ex.id, pos), b);
				if (ex.gone)
					return;
				if (ex.pos === pos && !ex.reviewing) {
					ex.q = q;
					if (q.feedback)
						ex.feedback = q.feedback;
					say('');
					drawQuestion(ex, false);
				}
			} catch (e) {
				handleAttemptError(ex, e);
			}
			await refresh(ex);
		});
	}

	const isDrill = (ex) => ex.state.kind === 'drill';
	const choicesOf = (q) => (q.type === 'ordering' ? q.items : q.options) || [];

	/* Drills collect the answer here and send it whole with "Check answer". */
	function draft(ex) {
		if (ex.draft !== undefined)
			return ex.draft;
		const r = ex.q.response;
		if (ex.q.type === 'multiple' || ex.q.type === 'ordering')
			ex.draft = Array.isArray(r) ? r.slice() : [];
		else if (ex.q.type === 'matching')
			ex.draft = r && typeof r === 'object' ? Object.assign({}, r) : {};
		else
			ex.draft = r === undefined ? null : r;
		return ex.draft;
	}

	/* The response drawn: the server's in a mock exam, the one being built in a drill. */
	function shownResponse(ex) {
		return isDrill(ex) && !ex.q.checked ? draft(ex) : ex.q.response;
	}

	/* A click on the option with key (prompt: matching). */
	function choose(ex, key, prompt) {
		const q = ex.q;
		if (isDrill(ex)) {
			if (q.checked || ex.feedback) {
				say('Checked already: Next goes to the next question.');
				return;
			}
			if (q.type === 'single') {
				put(ex, { response: key });
				return;
			}
			const d = draft(ex);
			if (q.type === 'multiple') {
				const i = d.indexOf(key);
				if (i >= 0) d.splice(i, 1); else d.push(key);
			} else if (q.type === 'ordering') {
				const i = d.indexOf(key);
				if (i >= 0) d.splice(i, 1); else d.push(key);
			} else if (q.type === 'matching') {
				if (d[prompt] === key) delete d[prompt]; else d[prompt] = key;
			}
			drawQuestion(ex, false);
			return;
		}
		put(ex, q.type === 'matching' ? { choose: key, prompt: String(prompt) } : { choose: key });
	}

	function toggleStrike(ex, key) {
		put(ex, () => {
			const struck = (ex.q.struck || []).slice();
			const i = struck.indexOf(key);
			if (i >= 0) struck.splice(i, 1); else struck.push(key);
			return { struck: struck };
		});
	}

	function toggleFlag(ex) {
		put(ex, () => ({ flagged: !ex.q.flagged }));
	}

	async function check(ex) {
		const q = ex.q;
		if (q.checked || ex.feedback)
			return next(ex);
		let r = draft(ex);
		if (q.type === 'text') {
			const input = $('text-answer');
			r = input ? input.value.trim() : '';
		}
		const empty = r === null || r === '' || (Array.isArray(r) && !r.length) ||
			(typeof r === 'object' && !Array.isArray(r) && !Object.keys(r).length);
		if (empty) {
			say('Choose an answer first, then check it.');
			return;
		}
		await put(ex, { response: r });
		const fb = $('feedback');
		if (fb)
			fb.focus();
	}

	function next(ex) {
		if (ex.pos < ex.state.question_count)
			return openQuestion(ex, ex.pos + 1);
		if (isDrill(ex))
			return submit(ex);
		openReview(ex);
	}

	function previous(ex) {
		if (ex.pos > 1)
			openQuestion(ex, ex.pos - 1);
	}

	async function submit(ex) {
		await ex.queue;
		await refresh(ex);
		if (ex.gone)
			return;
		const ok = await confirmDialog(ex.state.submit_question ||
			(isDrill(ex) ? 'Finish the drill?' : 'Submit the exam?'), 'Submit');
		if (!ok || ex.gone)
			return;
		try {
			const grade = await api('POST', apiPath.attempt(ex.id) + '/submit');
			grades.set(String(ex.id), grade);
			go('#/attempt/' + ex.id + '/results');
		} catch (e) {
			handleAttemptError(ex, e);
		}
	}

	/* Restores focus to the control that had it (the DOM is redrawn on every change). */
	function keepFocus(fn) {
		const had = document.activeElement && document.activeElement.dataset
			? document.activeElement.dataset.focus : null;
		fn();
		if (had) {
			const again = document.querySelector('[data-focus="' + CSS.escape(had) + '"]');
			if (again)
				again.focus();
		}
	}

	function drawQuestion(ex, fresh) {
		keepFocus(() => drawQuestionNow(ex));
		if (fresh) {
			const h = $('question-heading');
			if (h)
				h.focus();
		}
	}

	function drawQuestionNow(ex) {
		const q = ex.q, s = ex.state, drill = isDrill(ex);
		const main = mainArea(null);
		document.title = 'Question ' + ex.pos + ' - ' + (s.title || s.exam);
		const layout = el('div', { class: 'exam-layout' + (q.scenario ? ' with-case' : '') });
		if (q.scenario)
			layout.appendChild(el('section', { class: 'scenario', 'aria-labelledby': 'case-title' },
				el('h2', { id: 'case-title' }, 'Case study: ' + (q.scenario.title || q.scenario.id)),
				prose(q.scenario.text, { class: 'prose' })));
		const heading = 'Question ' + ex.pos + ' of ' + s.question_count;
		const sec = el('section', { class: 'question', 'aria-labelledby': 'question-heading' },
			el('h2', { id: 'question-heading', tabindex: '-1' }, heading,
				q.flagged ? el('span', { class: 'badge flag' }, 'Flagged') : null),
			prose(q.stem, { class: 'stem prose', id: 'stem' }));
		if (q.instruction)
			sec.appendChild(el('p', { class: 'instruction', id: 'instruction' }, q.instruction));
		if (q.progress)
			sec.appendChild(el('p', { class: 'progress', id: 'progress', 'aria-live': 'polite' },
				q.progress));
		if (drill && ex.feedback)
			sec.appendChild(feedbackBlock(ex.feedback));
		else
			sec.appendChild(answerArea(ex));
		if (drill && !ex.feedback && q.checked)
			sec.appendChild(el('p', { class: 'muted' }, 'Checked already.'));
		if (drill)
			sec.appendChild(el('div', { class: 'buttons' }, drillButton(ex)));
		layout.appendChild(sec);
		main.appendChild(layout);
		main.appendChild(examBar(ex));
		const focusAfter = drill && ex.feedback ? $('drill-next') : null;
		if (focusAfter && !document.activeElement.dataset.focus)
			focusAfter.focus();
	}

	/* A drill's next step: check the answer (single checks on click), then go on. */
	function drillButton(ex) {
		const q = ex.q;
		const button = (id, label, onclick) => el('button', {
			type: 'button', class: 'primary', id: id, dataset: { focus: id }, onclick: onclick,
		}, label);
		if (ex.feedback || q.checked)
			return button('drill-next', ex.pos >= ex.state.question_count ? 'Finish drill' : 'Next question',
				() => next(ex));
		return q.type === 'single' ? null : button('check', 'Check answer', () => check(ex));
	}

	function answerArea(ex) {
		const q = ex.q;
		if (q.type === 'text')
			return textAnswer(ex);
		if (q.type === 'matching')
			return matchingAnswer(ex);
		if (q.type === 'ordering')
			return orderingAnswer(ex);
		return optionList(ex);
	}

	function optionList(ex) {
		const q = ex.q, r = shownResponse(ex), multiple = q.type === 'multiple';
		const struck = q.struck || [];
		const list = el('div', {
			class: 'options', role: multiple ? 'group' : 'radiogroup', 'aria-labelledby': 'stem',
		});
		for (const o of q.options || []) {
			const chosen = multiple ? Array.isArray(r) && r.includes(o.key) : r === o.key;
			const isStruck = struck.includes(o.key);
			const strikeWords = (isStruck ? 'Restore option ' : 'Strike out option ') + o.letter;
			const rowClass = 'option-row' + (chosen ? ' chosen' : '') + (isStruck ? ' struck' : '');
			list.appendChild(el('div', { class: rowClass },
				el('button', {
					type: 'button', class: 'option', role: multiple ? 'checkbox' : 'radio',
					'aria-checked': String(chosen), onclick: () => choose(ex, o.key),
					dataset: { key: o.key, letter: o.letter, focus: 'opt-' + o.key },
				},
				el('span', { class: 'mark', 'aria-hidden': 'true' }),
				el('span', { class: 'letter' }, o.letter + '.'), ' ',
				el('span', { class: 'text' }, o.text),
				isStruck ? el('span', { class: 'visually-hidden' }, ' (struck out)') : null),
				el('button', {
					type: 'button', class: 'strike', 'aria-pressed': String(isStruck),
					'aria-label': strikeWords, title: strikeWords, onclick: () => toggleStrike(ex, o.key),
					dataset: { strike: o.key, focus: 'strike-' + o.key },
				}, isStruck ? 'Restore' : 'Strike')));
		}
		return list;
	}

	function ordinal(n) {
		const s = ['th', 'st', 'nd', 'rd'], v = n % 100;
		return n + (s[(v - 20) % 10] || s[v] || s[0]);
	}

	function orderingAnswer(ex) {
		const q = ex.q, r = shownResponse(ex) || [];
		const order = Array.isArray(r) ? r : [];
		const list = el('div', { class: 'options ordering', role: 'group', 'aria-labelledby': 'stem' });
		for (const o of q.items || []) {
			const place = order.indexOf(o.key) + 1;
			list.appendChild(el('div', { class: 'option-row' + (place ? ' chosen' : '') },
				el('button', {
					type: 'button', class: 'option', dataset: { key: o.key, letter: o.letter, focus: 'opt-' + o.key },
					'aria-label': o.letter + '. ' + o.text + (place ? ', placed ' + ordinal(place) : ', not placed'),
					onclick: () => choose(ex, o.key),
				},
				el('span', { class: 'place', 'aria-hidden': 'true' }, place ? String(place) : ''),
				el('span', { class: 'letter' }, o.letter + '.'), ' ',
				el('span', { class: 'text' }, o.text))));
		}
		const letter = {};
		for (const o of q.items || [])
			letter[o.key] = o.letter;
		return el('div', {}, list,
			el('p', { class: 'yours', id: 'order-now' }, 'Your order: ' +
				(order.length ? order.map((k) => letter[k] || k).join(', ') : 'none yet')));
	}

	function matchingAnswer(ex) {
		const q = ex.q, r = shownResponse(ex) || {};
		const struck = q.struck || [];
		const opts = el('ul', { class: 'match-options', 'aria-label': 'Options' });
		for (const o of q.options || [])
			opts.appendChild(el('li', { class: struck.includes(o.key) ? 'struck' : '' },
				el('span', { class: 'letter' }, o.letter + '.'), ' ', el('span', { class: 'text' }, o.text)));
		const prompts = el('div', { class: 'prompts' });
		const active = activePrompt(ex);
		for (const p of q.prompts || []) {
			const id = 'match-' + p.key;
			const select = el('select', {
				id: id, dataset: { prompt: p.key, focus: id },
				onchange: (e) => {
					const v = e.target.value;
					if (v)
						choose(ex, v, p.key);
					else if (r[p.key])
						choose(ex, r[p.key], p.key); /* choosing it again takes it back */
				},
			}, el('option', { value: '' }, '(no match)'),
			(q.options || []).map((o) => el('option', { value: o.key }, o.letter + '. ' + o.text)));
			select.value = r[p.key] || '';
			prompts.appendChild(el('div', { class: 'prompt' + (active === p.key ? ' active' : '') },
				el('label', { for: id }, el('span', { class: 'letter' }, (p.letter || p.key) + '.'), ' ', p.text),
				select));
		}
		return el('div', { class: 'matching' }, opts, prompts);
	}

	/* The prompt a letter key answers: the one picked with a digit, else the first unmatched. */
	function activePrompt(ex) {
		const prompts = ex.q.prompts || [];
		if (ex.prompt && prompts.some((p) => p.key === ex.prompt))
			return ex.prompt;
		const r = shownResponse(ex) || {};
		const open = prompts.find((p) => !r[p.key]);
		return open ? open.key : (prompts[0] ? prompts[0].key : null);
	}

	function textAnswer(ex) {
		const q = ex.q, drill = isDrill(ex);
		const input = el('input', {
			id: 'text-answer', type: 'text', autocomplete: 'off', spellcheck: 'false',
			dataset: { focus: 'text-answer' },
			onkeydown: (e) => {
				if (e.key === 'Enter') {
					e.preventDefault();
					drill ? check(ex) : saveText(ex);
				}
			},
		});
		input.value = typeof q.response === 'string' ? q.response : '';
		const parts = [el('label', { for: 'text-answer' }, 'Your answer'), input];
		if (!drill)
			parts.push(el('button', { type: 'button', id: 'save-text', onclick: () => saveText(ex) }, 'Save answer'));
		return el('div', { class: 'text-answer' }, parts);
	}

	function saveText(ex) {
		const v = $('text-answer').value.trim();
		put(ex, { response: v === '' ? null : v });
	}

	function examBar(ex) {
		const q = ex.q, s = ex.state, drill = isDrill(ex);
		const b = (id, label, key, onclick, extra) => el('button', Object.assign({
			type: 'button', id: id, dataset: { focus: id }, 'aria-keyshortcuts': key, onclick: onclick,
		}, extra || {}), label);
		return el('nav', { class: 'exambar', 'aria-label': drill ? 'Drill' : 'Exam' },
			b('prev', 'Previous', 'P', () => previous(ex), { disabled: ex.pos <= 1 }),
			b('flag', [q.flagged ? 'Unflag' : 'Flag', el('span', { class: 'wide' }, ' for review')], 'F',
				() => toggleFlag(ex), { 'aria-pressed': q.flagged ? 'true' : 'false' }),
			b('review', 'Review', 'R', () => openReview(ex)),
			b('next', 'Next', 'N', () => next(ex), { disabled: drill && ex.pos >= s.question_count }),
			b('submit', drill ? 'End drill' : 'Submit', 'S', () => submit(ex), { class: 'submit' }));
	}

	/* ---------- the review screen: every question, any one opens ---------- */

	function openReview(ex) {
		ex.reviewing = true;
		drawHead(ex);
		drawReviewScreen(ex);
		const h = $('review-heading');
		if (h)
			h.focus();
	}

	function drawReviewScreen(ex) {
		keepFocus(() => {
			const s = ex.state, c = s.counts || {};
			const main = mainArea('Review');
			main.appendChild(el('h2', { id: 'review-heading', tabindex: '-1' }, 'Review'));
			main.appendChild(el('p', { id: 'review-counts' },
				(c.answered || 0) + ' answered, ' + (c.unanswered || 0) + ' unanswered, ' +
				(c.flagged || 0) + ' flagged, ' + (c.incomplete || 0) + ' incomplete.'));
			const list = el('ul', { class: 'review-grid' });
			for (const it of s.items || []) {
				const words = [it.answered ? (it.incomplete ? 'incomplete' : 'answered') : 'unanswered'];
				if (it.flagged)
					words.push('flagged');
				list.appendChild(el('li', {}, el('button', {
					type: 'button', class: 'item ' + words.join(' '),
					dataset: { position: it.position, focus: 'item-' + it.position },
					'aria-label': 'Question ' + it.position + ': ' + words.join(', '),
					onclick: () => openQuestion(ex, it.position),
				}, el('span', { class: 'num' }, String(it.position)),
				el('span', { class: 'state' }, words.join(', ')))));
			}
			main.appendChild(list);
			const button = (id, label, onclick, cls) => el('button', {
				type: 'button', id: id, class: cls, dataset: { focus: id }, onclick: onclick,
			}, label);
			main.appendChild(el('div', { class: 'buttons' },
				button('review-back', 'Back to question ' + ex.pos, () => openQuestion(ex, ex.pos)),
				button('review-submit', isDrill(ex) ? 'End drill' : 'Submit', () => submit(ex), 'submit')));
		});
	}

	/* ---------- keys ---------- */

	function attemptKey(ex, e) {
		if (!ex.state || !ex.q)
			return false;
		const k = e.key;
		const upper = k.length === 1 ? k.toUpperCase() : k;
		if (ex.reviewing) {
			if (k === 'Escape') { openQuestion(ex, ex.pos); return true; }
			if (upper === 'S') { submit(ex); return true; }
			return false;
		}
		const q = ex.q, choices = choicesOf(q);
		const letterIndex = upper.length === 1 ? upper.charCodeAt(0) - 65 : -1;
		const hasLetter = q.type !== 'text' && letterIndex >= 0 && letterIndex < choices.length;
		if (ex.strikeNext) {
			ex.strikeNext = false;
			if (hasLetter && (q.type === 'single' || q.type === 'multiple' || q.type === 'matching'))
				toggleStrike(ex, choices[letterIndex].key);
			else
				say('');
			return true;
		}
		if (q.type === 'matching' && /^[1-9]$/.test(k)) {
			const p = (q.prompts || []).find((x) => x.key === k || x.letter === k);
			if (p) {
				ex.prompt = p.key;
				drawQuestion(ex, false);
				say('Prompt ' + k + ': now a letter gives it an option.');
			}
			return true;
		}
		if (hasLetter && letterIndex < 8) {
			choose(ex, choices[letterIndex].key, q.type === 'matching' ? activePrompt(ex) : undefined);
			return true;
		}
		switch (upper) {
		case 'N': case 'ArrowRight': next(ex); return true;
		case 'P': case 'ArrowLeft': previous(ex); return true;
		case 'F': case 'M': toggleFlag(ex); return true;
		case 'R': openReview(ex); return true;
		case 'S': submit(ex); return true;
		case 'X':
			ex.strikeNext = true;
			say('Strike out: press the letter of the option.');
			return true;
		case 'Enter':
			if (isDrill(ex) && !(e.target instanceof HTMLButtonElement)) { check(ex); return true; }
			return false;
		default:
			if (upper.length === 1 && upper >= 'A' && upper <= 'H' && q.type !== 'text') {
				say('This question has choices A to ' + String.fromCharCode(64 + choices.length) + '.');
				return true;
			}
			return false;
		}
	}

	document.addEventListener('keydown', (e) => {
		if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented)
			return;
		if (dialogOpen())
			return; /* the dialog's own keys: Tab, Enter, Escape */
		const t = e.target;
		const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement ||
			t instanceof HTMLTextAreaElement;
		if (typing && e.key !== 'Escape')
			return;
		if (typing && e.key === 'Escape') {
			t.blur();
			return;
		}
		if (e.key === '?') {
			e.preventDefault();
			openHelp();
			return;
		}
		if (view && view.key && view.key(e))
			e.preventDefault();
	});

	/* ---------- results ---------- */

	async function showResults(id) {
		setView({});
		const main = mainArea('Results');
		let grade = grades.get(String(id)), state;
		try {
			state = await api('GET', apiPath.attempt(id));
			if (state.status === 'open') {
				go('#/attempt/' + id);
				return;
			}
			if (!grade)
				grade = (await api('GET', apiPath.attempt(id) + '/review')).score;
		} catch (e) {
			main.appendChild(el('h1', {}, 'Results'));
			sayError(e);
			return;
		}
		const passed = !!grade.passed;
		const heading = el('h1', { id: 'results-heading', tabindex: '-1' },
			(state.kind === 'drill' ? 'Drill results: ' : 'Results: ') + (state.title || state.exam));
		main.appendChild(heading);
		main.appendChild(el('p', { class: 'verdict ' + (passed ? 'pass' : 'fail'), id: 'verdict' },
			passed ? 'PASS' : 'FAIL'));
		const scale = grade.scale ? grade.scale[0] + '-' + grade.scale[1] : '';
		main.appendChild(el('p', { class: 'scoreline', id: 'scaled' },
			el('strong', {}, 'Scaled score ' + grade.scaled_score),
			' (passing score ' + grade.passing_score + (scale ? '; scale ' + scale : '') + ')'));
		main.appendChild(scoreBar(grade));
		main.appendChild(el('p', { id: 'raw' }, 'Raw score: ' + grade.correct + ' of ' + grade.scored +
			' scored questions correct (' + pct(grade.percent) + '); ' + grade.answered + ' of ' +
			grade.question_count + ' answered.'));
		main.appendChild(el('h2', {}, 'Domains'));
		main.appendChild(areaTable(grade.domains || [], false));
		main.appendChild(el('p', { class: 'muted' }, 'Each domain shows the share of its questions you got right. ' +
			'Scoring is compensatory: only the overall scaled score decides pass or fail.'));
		main.appendChild(el('div', { class: 'buttons' },
			el('a', { class: 'button primary', id: 'open-answers', href: '#/attempt/' + id + '/answers' }, 'Answer review'),
			el('a', { class: 'button', href: '#/report/' + encodeURIComponent(state.exam) }, 'Report'),
			el('a', { class: 'button', href: '#/' }, 'Exams')));
		heading.focus();
	}

	/* The scaled score on the exam's scale, with the passing score marked. */
	function scoreBar(grade) {
		const lo = grade.scale ? grade.scale[0] : 0, hi = grade.scale ? grade.scale[1] : 1000;
		const at = (v) => Math.max(0, Math.min(100, 100 * (v - lo) / (hi - lo)));
		const s = svgEl('svg', {
			class: 'bar scorebar ' + (grade.passed ? 'meets' : 'needs'), viewBox: '0 0 100 10',
			preserveAspectRatio: 'none', role: 'img',
			'aria-label': 'Scaled score ' + grade.scaled_score + ' against passing score ' + grade.passing_score,
		});
		s.appendChild(svgEl('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10 }));
		s.appendChild(svgEl('rect', { class: 'fill', x: 0, y: 1, width: at(grade.scaled_score), height: 8 }));
		s.appendChild(svgEl('line', {
			class: 'cut', x1: at(grade.passing_score), y1: 0, x2: at(grade.passing_score), y2: 10,
			'vector-effect': 'non-scaling-stroke',
		}));
		return s;
	}

	/* ---------- the answer review ---------- */

	async function showAnswers(id) {
		setView({});
		const main = mainArea('Answer review');
		let doc;
		try {
			doc = await api('GET', apiPath.attempt(id) + '/review');
		} catch (e) {
			main.appendChild(el('h1', {}, 'Answer review'));
			sayError(e);
			return;
		}
		main.appendChild(el('h1', { id: 'answers-heading', tabindex: '-1' }, 'Answer review: attempt ' + id));
		const questions = doc.questions || [];
		const wrong = questions.filter((q) => !q.correct).length;
		const list = el('div', { class: 'answers' });
		const draw = (onlyWrong) => {
			clear(list);
			for (const q of questions)
				if (!onlyWrong || !q.correct)
					list.appendChild(reviewedQuestion(q));
		};
		const all = el('button', { type: 'button', 'aria-pressed': 'true' }, 'All ' + questions.length);
		const miss = el('button', { type: 'button', 'aria-pressed': 'false' },
			'Wrong or unanswered ' + wrong);
		const show = (onlyWrong) => {
			all.setAttribute('aria-pressed', String(!onlyWrong));
			miss.setAttribute('aria-pressed', String(onlyWrong));
			draw(onlyWrong);
		};
		all.addEventListener('click', () => show(false));
		miss.addEventListener('click', () => show(true));
		main.appendChild(el('div', { class: 'buttons', role: 'group', 'aria-label': 'Show' }, all, miss,
			el('a', { class: 'button', href: '#/attempt/' + id + '/results' }, 'Results')));
		main.appendChild(list);
		draw(false);
		$('answers-heading').focus();
	}

	function verdictWords(q) {
		if (!q.answered)
			return 'Not answered';
		return q.correct ? 'Correct' : 'Wrong';
	}

	/* One reviewed choice or prompt: its label, the library's mark, its text, its reason. */
	function reviewedItem(label, item, dataset) {
		return el('li', { class: 'choice' + (item.mark ? ' marked' : ''), dataset: dataset },
			el('div', { class: 'choice-line' },
				el('span', { class: 'letter' }, label + '.'), ' ',
				item.mark ? [el('span', { class: 'markword ' + markClass(item.mark) },
					'[' + item.mark + ']'), ' '] : null,
				el('span', { class: 'text' }, item.text)),
			item.why ? el('p', { class: 'why' }, item.why) : null);
	}

	/* One reviewed question: in the answer review, and as a drill's feedback. */
	function reviewBody(q) {
		const parts = [];
		const choices = q.choices || [];
		if (choices.length)
			parts.push(el('ol', { class: 'choices' }, choices.map((c) =>
				reviewedItem(c.letter, c, { letter: c.letter, key: c.key }))));
		const prompts = q.prompts || [];
		if (prompts.length)
			parts.push(el('ul', { class: 'choices prompts-review' }, prompts.map((p) =>
				reviewedItem(p.number !== undefined ? p.number : (p.letter || p.key), p, {}))));
		parts.push(el('p', { class: 'keyline' }, el('strong', {}, 'Correct answer: '),
			el('span', { class: 'key-letters' }, q.key_letters || '')));
		parts.push(el('p', { class: 'keyline' }, el('strong', {}, 'Your answer: '),
			el('span', { class: 'response-letters' }, q.response_letters || '(none)')));
		if (q.explanation)
			parts.push(prose(q.explanation, { class: 'explanation prose' }));
		const refs = q.references || [];
		if (refs.length)
			parts.push(el('div', { class: 'refs' }, el('strong', {}, 'References'),
				el('ul', {}, refs.map((u) => el('li', {}, safeLink(u))))));
		return parts;
	}

	/* The colour of a mark: right (the key and yours), yours alone, or the key alone. */
	function markClass(mark) {
		if (/^correct, your answer$|yours too$/.test(mark))
			return 'right';
		return /your/.test(mark) ? 'yours' : 'key';
	}

	function reviewedQuestion(q) {
		const art = el('article', {
			class: 'reviewed ' + (q.correct ? 'right' : 'wrong'), 'aria-labelledby': 'rq-' + q.position,
			dataset: { position: q.position },
		},
		el('h2', { id: 'rq-' + q.position }, 'Question ' + q.position + ': ' + verdictWords(q),
			q.scored === false ? el('span', { class: 'muted' }, ' (unscored)') : null));
		if (q.scenario)
			art.appendChild(el('details', {},
				el('summary', {}, 'Case study: ' + (q.scenario.title || q.scenario.id)),
				prose(q.scenario.text, { class: 'prose' })));
		art.appendChild(prose(q.stem, { class: 'stem prose' }));
		append(art, reviewBody(q));
		return art;
	}

	function feedbackBlock(fb) {
		const good = !!fb.correct;
		const box = el('section', {
			class: 'feedback ' + (good ? 'right' : 'wrong'), id: 'feedback', tabindex: '-1',
			'aria-labelledby': 'feedback-title',
		},
		el('h3', { id: 'feedback-title', role: 'status' }, good ? 'Correct.' : 'Wrong.'));
		append(box, reviewBody(fb));
		return box;
	}

	/* ---------- start ---------- */

	function start() {
		/* The token is in the cookie now: keep it out of the address bar and history. */
		if (location.search.indexOf('token=') >= 0)
			history.replaceState(null, '', location.pathname + location.hash);
		$('nav-help').addEventListener('click', openHelp);
		window.addEventListener('hashchange', route);
		route();
	}

	start();
}());
