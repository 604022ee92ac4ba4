/* ivr.js — the IVR flow editor: each node row shows only the fields of its type (the
 * server lists them in the type option's data-fields).  Without it every field shows. */
(function () {
	'use strict';

	function apply(select) {
		var body = select.closest('tbody');
		var opt = select.options[select.selectedIndex];
		var fields = ' ' + (opt ? opt.getAttribute('data-fields') || '' : '') + ' ';
		var cells = body.querySelectorAll('[data-f]');

		for (var i = 0; i < cells.length; i++)
			cells[i].hidden = fields.indexOf(' ' + cells[i].getAttribute('data-f') + ' ') < 0;
	}

	var selects = document.querySelectorAll('select.ivr-type');
	for (var i = 0; i < selects.length; i++)
		apply(selects[i]);
	document.addEventListener('change', function (e) {
		if (e.target.classList && e.target.classList.contains('ivr-type'))
			apply(e.target);
	});
}());
