/* wl.js — progressive enhancement only; every page works without it.
 * data-confirm="question" on a form, or on a submit button or link, asks before going on. */
(function () {
	'use strict';

	function ask(el) {
		var msg = el && el.getAttribute('data-confirm');
		return !msg || window.confirm(msg);
	}

	/* Buttons and links: asked on click, so a form with several buttons asks only for
	 * the one that has the question. */
	document.addEventListener('click', function (e) {
		var el = e.target.closest ? e.target.closest('[data-confirm]') : null;

		if (!el || el.tagName === 'FORM')
			return;
		if (!ask(el)) {
			e.preventDefault();
			e.stopPropagation();
		} else if (el.form) {
			el.form.setAttribute('data-confirmed', '1');
		}
	}, true);

	/* Forms: asked on submit (also when submitted with the Enter key). */
	document.addEventListener('submit', function (e) {
		var form = e.target;

		if (form.getAttribute('data-confirmed')) {
			form.removeAttribute('data-confirmed');
			return;
		}
		if (!ask(form))
			e.preventDefault();
	}, true);
}());
