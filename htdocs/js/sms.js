/* sms.js — the live count under an SMS text box (textarea[data-sms-count] names the element
 * that shows it): characters and the SMS it takes, computed like lib/outbox.c sms_measure:
 * GSM 7-bit (plain ASCII) 160 in one message, 153 per part; otherwise UCS-2, 70 / 67
 * (a character outside the BMP takes two units). */
(function () {
	"use strict";

	function septets(c) {
		if (c === "\n" || c === "\r") return 1;
		var code = c.charCodeAt(0);
		if (c.length !== 1 || code < 0x20 || code > 0x7e || c === "`") return 0;
		return "[\\]^{|}~".indexOf(c) >= 0 ? 2 : 1;
	}

	function measure(text) {
		var chars = Array.from(text), gsm = true, units = 0, i;
		for (i = 0; i < chars.length && gsm; i++)
			if (!septets(chars[i])) gsm = false;
		for (i = 0; i < chars.length; i++)
			units += gsm ? septets(chars[i]) : chars[i].length;
		var single = gsm ? 160 : 70, part = gsm ? 153 : 67, segments = 0, used = 0;
		if (units && units <= single)
			segments = 1;
		else if (units)	/* parts never split a character, as sms_split */
			for (i = 0; i < chars.length; i++) {
				var u = gsm ? septets(chars[i]) : chars[i].length;
				if (!segments || used + u > part) {
					segments++;
					used = 0;
				}
				used += u;
			}
		return { chars: chars.length, segments: segments, gsm: gsm };
	}

	function bind(area) {
		var out = document.getElementById(area.getAttribute("data-sms-count"));
		if (!out) return;
		function update() {
			var m = measure(area.value);
			out.textContent = (out.getAttribute("data-template") || "{chars} / {segments}")
				.replace("{chars}", m.chars).replace("{segments}", m.segments)
				.replace("{coding}", out.getAttribute(m.gsm ? "data-gsm" : "data-ucs2") || "");
			out.setAttribute("data-segments", m.segments);
		}
		area.addEventListener("input", update);
		update();
	}

	document.querySelectorAll("textarea[data-sms-count]").forEach(bind);
})();
