#!/usr/bin/env python3
"""test_call_log.py — the call log through the real stack: who sees which call record and
hears which recording (pages and API), the filters, a call's events, the recording played
with byte ranges (what a browser's <audio> seek asks for).

Call records are ivrd's to write (tests/ivr/ covers that with real SIP clients); here they
are inserted with SQL under numbers unique to this run, with a stereo WAV as the recording."""
import io
import os
import re
import struct
import sys
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_call_log")
RUN = os.urandom(3).hex()
SEED = int(RUN, 16)


class Fx:
    pass


fx = Fx()


def wav_bytes(seconds=1):
    """A stereo 8 kHz 16-bit WAV: a ramp on the left, its negation on the right."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        frames = b"".join(struct.pack("<hh", (i * 37) % 20000 - 10000, -((i * 37) % 20000 - 10000))
                          for i in range(8000 * seconds))
        w.writeframes(frames)
    return out.getvalue()


def add_call(caller, agent_id, disposition, recording=None, queue="repair"):
    wl.sql("INSERT INTO `call` (direction, caller, callee, queue, started_at, answered_at, ended_at,"
           " wait_seconds, talk_seconds, disposition, rating, agent_id, recording_path) VALUES"
           " ('in', '%s', '4008001234', '%s', UTC_TIMESTAMP() - INTERVAL 5 MINUTE,"
           " UTC_TIMESTAMP() - INTERVAL 4 MINUTE, UTC_TIMESTAMP() - INTERVAL 1 MINUTE, 12, 180, '%s', 4, %s, %s)"
           % (caller, queue, disposition, agent_id or "NULL", wl.sql_str(recording) if recording else "NULL"))
    cid = int(wl.sql_value("SELECT MAX(id) FROM `call` WHERE caller = '%s'" % caller))
    wl.sql("INSERT INTO call_event (call_id, at, event, detail, queue, agent_id) VALUES"
           " (%d, UTC_TIMESTAMP(3) - INTERVAL 5 MINUTE, 'answered', NULL, NULL, NULL),"
           " (%d, UTC_TIMESTAMP(3) - INTERVAL 299 SECOND, 'dtmf', '1 rfc4733 caller', NULL, NULL),"
           " (%d, UTC_TIMESTAMP(3) - INTERVAL 4 MINUTE, 'bridged', NULL, '%s', %s)"
           % (cid, cid, cid, queue, agent_id or "NULL"))
    return cid


def setup():
    fx.agent = int(wl.sql_value("SELECT id FROM staff WHERE login = 't_agent'"))
    fx.agent2 = int(wl.sql_value("SELECT id FROM staff WHERE login = 't_agent2'"))
    fx.num1 = "139%08d" % ((SEED * 3 + 1) % 100000000)
    fx.num2 = "139%08d" % ((SEED * 3 + 2) % 100000000)
    fx.wav = wav_bytes()
    rel = "recordings/test-%s.wav" % RUN
    os.makedirs(os.path.join(wl.VAR, "recordings"), exist_ok=True)
    with open(os.path.join(wl.VAR, rel), "wb") as f:
        f.write(fx.wav)
    fx.mine = add_call(fx.num1, fx.agent, "answered", rel)
    fx.theirs = add_call(fx.num2, fx.agent2, "answered", rel)
    fx.missed = add_call(fx.num1, None, "abandoned", None, queue="complaint")
    fx.c_agent = wl.logged_in("t_agent")
    fx.c_admin = wl.logged_in("t_admin")


def test_who_sees_what():
    r = fx.c_agent.get("/calls")
    t.ok(r.status == 200 and 'href="/calls/%d"' % fx.mine in r.text, "an agent's call log lists their call", r.brief())
    t.ok('href="/calls/%d"' % fx.theirs not in r.text and 'href="/calls/%d"' % fx.missed not in r.text,
         "but not a colleague's, nor one nobody answered", r.brief())
    t.has(wl.visible_text(r.text), "只显示您接听过的通话", "and says so")
    t.eq(fx.c_agent.get("/calls/%d" % fx.theirs).status, 404, "a colleague's call by id: 404")
    t.eq(fx.c_agent.get("/calls/%d/recording" % fx.theirs).status, 404, "and its recording: 404")
    r = fx.c_admin.get("/calls?q=%s" % fx.num2)
    t.ok(r.status == 200 and 'href="/calls/%d"' % fx.theirs in r.text, "an admin sees every call", r.brief())
    t.eq(wl.logged_in("t_tech").get("/calls").status, 403, "a technician has no call log")


def test_filters():
    a = fx.c_admin
    r = a.get("/calls?q=%s" % fx.num1)
    t.ok('href="/calls/%d"' % fx.mine in r.text and 'href="/calls/%d"' % fx.missed in r.text
         and 'href="/calls/%d"' % fx.theirs not in r.text, "the number filter finds that number's calls", r.brief())
    r = a.get("/calls?disposition=abandoned&q=")
    t.ok('href="/calls/%d"' % fx.missed in r.text and 'href="/calls/%d"' % fx.mine not in r.text,
         "the result filter", r.brief())
    r = a.get("/calls?agent=%d" % fx.agent2)
    t.ok('href="/calls/%d"' % fx.theirs in r.text and 'href="/calls/%d"' % fx.mine not in r.text,
         "the agent filter", r.brief())
    r = a.get("/calls?queue=complaint&from=2020-01-01")
    t.ok('href="/calls/%d"' % fx.missed in r.text and 'href="/calls/%d"' % fx.mine not in r.text,
         "the queue and date filters", r.brief())
    for bad, field in (("from=2026-02-31", "from"), ("disposition=lost", "disposition"), ("q=12", "q")):
        r = a.get("/calls?" + bad)
        t.ok(r.status == 422 and 'id="f-%s-error"' % field in r.text, "an invalid %s is refused with a message" % field,
             r.brief())


def test_one_call_and_recording():
    r = fx.c_agent.get("/calls/%d" % fx.mine)
    text = wl.visible_text(r.text)
    t.ok(r.status == 200 and "按键" in text and "1 rfc4733 caller" in text and "接通座席" in text,
         "a call's page lists what happened, translated", text[:400])
    t.ok('<audio controls' in r.text and 'src="/calls/%d/recording"' % fx.mine in r.text,
         "with a player for its recording", r.brief())
    r = fx.c_agent.get("/calls/%d/recording" % fx.mine)
    t.ok(r.status == 200 and r.header("Content-Type") == "audio/wav" and r.raw == fx.wav
         and r.header("Accept-Ranges") == "bytes", "the recording: the WAV as stored, ranges accepted", r.brief())
    r = fx.c_agent.request("GET", "/calls/%d/recording" % fx.mine, headers={"Range": "bytes=100-199"})
    t.ok(r.status == 206 and r.raw == fx.wav[100:200]
         and r.header("Content-Range") == "bytes 100-199/%d" % len(fx.wav), "a byte range: 206 with those bytes", r.brief())
    r = fx.c_agent.request("GET", "/calls/%d/recording" % fx.mine, headers={"Range": "bytes=-44"})
    t.ok(r.status == 206 and r.raw == fx.wav[-44:], "the last bytes (bytes=-44)", r.brief())
    r = fx.c_agent.request("GET", "/calls/%d/recording" % fx.mine, headers={"Range": "bytes=%d-" % (len(fx.wav) + 10)})
    t.ok(r.status == 416 and r.header("Content-Range") == "bytes */%d" % len(fx.wav), "a range past the end: 416",
         r.brief())
    r = fx.c_agent.get("/calls/%d/recording?download=1" % fx.mine)
    t.ok((r.header("Content-Disposition") or "").startswith("attachment;"), "?download=1 downloads it", r.brief())
    r = fx.c_agent.get("/calls/%d" % fx.missed)
    t.eq(r.status, 404, "a call nobody answered is not an agent's")
    r = fx.c_admin.get("/calls/%d" % fx.missed)
    t.has(wl.visible_text(r.text), "这通电话没有录音", "a call without a recording says so")


def test_api():
    key = wl.key_of("agent")
    c = wl.Client()
    r = c.api("/api/v1/calls?limit=200", key=key)
    ids = [x["id"] for x in r.json().get("items", [])]
    t.ok(r.status == 200 and fx.mine in ids and fx.theirs not in ids, "GET /calls: the agent's own calls only", r.brief())
    mine = [x for x in r.json()["items"] if x["id"] == fx.mine][0]
    t.ok(mine["talk_seconds"] == 180 and mine["rating"] == 4 and mine["agent"] == "测试座席甲"
         and mine["recording_url"] == "/api/v1/calls/%d/recording" % fx.mine
         and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mine["started_at"]),
         "a call: numbers as integers, the agent's name, the recording's URL, times in UTC", mine)
    r = c.api("/api/v1/calls/%d" % fx.mine, key=key)
    ev = [e["event"] for e in r.json().get("events", [])]
    t.eq(ev, ["answered", "dtmf", "bridged"], "GET /calls/{id}: its events in order")
    t.eq(c.api("/api/v1/calls/%d" % fx.theirs, key=key).status, 404, "a colleague's call: 404")
    t.eq(c.api("/api/v1/calls?agent_id=%d" % fx.agent2, key=key).status, 403, "asking for a colleague's calls: 403")
    r = c.api("/api/v1/calls/%d/recording" % fx.mine, key=key)
    t.ok(r.status == 200 and r.raw == fx.wav, "GET /calls/{id}/recording", r.brief())
    r = c.api("/api/v1/calls?disposition=lost&from=2026-13-01", key=key)
    fields = sorted(x.get("field") for x in r.json().get("error", {}).get("errors", []))
    t.ok(r.status == 422 and fields == ["disposition", "from"], "invalid filters: 422 naming each", r.brief())
    admin = wl.key_of("admin")
    r = c.api("/api/v1/calls?number=%s&disposition=abandoned" % fx.num1, key=admin)
    t.eq([x["id"] for x in r.json().get("items", [])], [fx.missed], "an admin filters by number and result")
    r = c.api("/api/v1/agents", key=admin)
    t.ok(r.status == 200 and isinstance(r.json().get("items"), list), "GET /agents answers the desk phones", r.brief())
    t.eq(c.api("/api/v1/agents", key=key).status, 403, "an agent cannot list the agents")


def test_offers():
    """The agent desktop's question: has the ACD just offered me a call?"""
    c = fx.c_agent
    r = c.api("/api/v1/me/offers")
    base = r.json().get("last_event_id")
    t.ok(r.status == 200 and isinstance(base, int), "GET /me/offers answers the agent's session", r.brief())
    wl.sql("INSERT INTO call_event (call_id, at, event, queue, agent_id) VALUES"
           " (%d, UTC_TIMESTAMP(3), 'offer', 'repair', %d)" % (fx.mine, fx.agent2))
    r = c.api("/api/v1/me/offers?after=%d" % base)
    t.eq(r.json().get("offer"), None, "a colleague's offer is not mine")
    wl.sql("INSERT INTO call_event (call_id, at, event, queue, agent_id) VALUES"
           " (%d, UTC_TIMESTAMP(3), 'offer', 'repair', %d)" % (fx.mine, fx.agent))
    eid = int(wl.sql_value("SELECT MAX(id) FROM call_event WHERE call_id = %d AND event = 'offer'" % fx.mine))
    r = c.api("/api/v1/me/offers?after=%d" % base)
    o = r.json().get("offer") or {}
    t.ok(o.get("event_id") == eid and o.get("call_id") == fx.mine and o.get("caller") == fx.num1
         and o.get("pop_url") == "/pop?phone=%s" % fx.num1 and r.json().get("last_event_id") == eid,
         "mine is: the caller and where their pop is", r.text)
    r = c.api("/api/v1/me/offers?after=%d" % eid)
    t.ok(r.json().get("offer") is None and r.json().get("last_event_id") == eid, "and only once", r.text)
    t.eq(c.api("/api/v1/me/offers?after=x").status, 400, "a bad ?after= is refused")
    t.eq(wl.logged_in("t_tech").api("/api/v1/me/offers").status, 403, "a technician is not offered calls")


def test_voicemail():
    """Voicemail is a callback task for the box's department."""
    cs = int(wl.sql_value("SELECT id FROM department WHERE code = 't_cs'"))
    eng = int(wl.sql_value("SELECT id FROM department WHERE code = 't_eng'"))
    wl.sql("INSERT INTO ivr_voicemail_box (name, department_id) VALUES ('测试信箱%s', %d)" % (RUN, cs))
    box = int(wl.sql_value("SELECT id FROM ivr_voicemail_box WHERE name = '测试信箱%s'" % RUN))
    rel = "recordings/vm-test-%s.wav" % RUN
    with open(os.path.join(wl.VAR, rel), "wb") as f:
        f.write(fx.wav)
    for dept in (cs, eng):
        wl.sql("INSERT INTO ivr_voicemail_message (box_id, caller, recording_path, duration_ms, department_id)"
               " VALUES (%d, '%s', '%s', 1000, %d)" % (box, fx.num1, rel, dept))
    ours, theirs = [int(x[0]) for x in wl.sql("SELECT id FROM ivr_voicemail_message WHERE recording_path = '%s'"
                                                " ORDER BY id" % rel)]
    c = fx.c_agent
    r = c.get("/calls/voicemail")
    t.ok(r.status == 200 and "/calls/voicemail/%d/recording" % ours in r.text
         and "/calls/voicemail/%d/recording" % theirs not in r.text,
         "an agent sees their department's voicemail, not another's", r.brief())
    t.ok('href="/pop?phone=%s"' % fx.num1 in r.text, "with a link to the caller's pop", r.brief())
    r = c.get("/calls/voicemail/%d/recording" % ours)
    t.ok(r.status == 200 and r.raw == fx.wav, "the message plays", r.brief())
    t.eq(c.get("/calls/voicemail/%d/recording" % theirs).status, 404, "another department's does not")
    page = c.get("/calls/voicemail")
    r = c.post("/calls/voicemail/%d/handled" % ours, {"_csrf": wl.csrf_from(page.text)})
    t.ok(r.status == 303 and wl.sql("SELECT handled_by IS NOT NULL, handled_at IS NOT NULL FROM"
                                    " ivr_voicemail_message WHERE id = %d" % ours) == [["1", "1"]],
         "marking it called back records who and when", r.brief())
    r = c.get("/calls/voicemail")
    t.ok("/calls/voicemail/%d/recording" % ours not in r.text, "it leaves the list of calls to return", r.brief())
    r = fx.c_agent.post("/calls/voicemail/%d/handled" % ours, {"_csrf": wl.csrf_from(page.text)}, follow=True)
    t.has(wl.visible_text(r.text), "已经有人回电处理过了", "marking it again says someone already did")
    r = fx.c_admin.get("/calls/voicemail?state=all")
    t.ok("/calls/voicemail/%d/recording" % theirs in r.text and "/calls/voicemail/%d/recording" % ours in r.text,
         "a supervisor sees every department's", r.brief())
    t.eq(c.post("/calls/voicemail/%d/handled" % theirs, {"_csrf": wl.csrf_from(page.text)}).status, 404,
         "and an agent cannot mark another department's")


def test_wallboard():
    """Today's figures per queue, agents' states, calls going on."""
    code = "tq%s" % RUN
    wl.sql("INSERT INTO acd_queue (code, name, strategy, sla_seconds) VALUES ('%s', '测试队列%s',"
           " 'longest_idle', 20)" % (code, RUN))
    num = "139%08d" % ((SEED * 3 + 7) % 100000000)
    for wait, disp in ((10, "answered"), (30, "answered"), (45, "abandoned"), (2, "abandoned")):
        wl.sql("INSERT INTO `call` (direction, caller, queue, started_at, answered_at, ended_at, wait_seconds,"
               " disposition, agent_id) VALUES ('in', '%s', '%s', UTC_TIMESTAMP() - INTERVAL 3 MINUTE, %s,"
               " UTC_TIMESTAMP() - INTERVAL 1 MINUTE, %d, '%s', %s)"
               % (num, code, "UTC_TIMESTAMP() - INTERVAL 2 MINUTE" if disp == "answered" else "NULL", wait, disp,
                  fx.agent if disp == "answered" else "NULL"))
    wl.sql("INSERT INTO `call` (direction, caller, queue, started_at) VALUES ('in', '%s', '%s',"
           " UTC_TIMESTAMP() - INTERVAL 65 SECOND)" % (num, code))
    wl.sql("REPLACE INTO agent_state (staff_id, state, reason, since, queue, node) VALUES"
           " (%d, 'ready', NULL, UTC_TIMESTAMP(3) - INTERVAL 90 SECOND, NULL, 'test'),"
           " (%d, 'paused', 'auto', UTC_TIMESTAMP(3) - INTERVAL 5 SECOND, NULL, 'test')" % (fx.agent, fx.agent2))
    try:
        r = fx.c_admin.get("/wallboard")
        m = re.search(r'<div class="card board-queue[^"]*">\s*<h2>测试队列%s.*?</dl>' % RUN, r.text, re.S)
        card = wl.visible_text(m.group(0)) if m else ""
        t.ok(r.status == 200 and m is not None, "the wallboard has a card for the queue", r.brief())
        t.ok("排队中 1" in card and "今日呼入 4" in card and "接通 2" in card and "放弃 2" in card,
             "waiting now 1; today 4 calls, 2 answered, 2 abandoned", card)
        t.ok("服务水平 (20s) 33%" in card, "service level as docs/KPI.md: 1 answered within 20 s of"
             " 4 offered less 1 short abandon (2 s) = 33%", card)
        t.ok("最长等待 1:0" in card, "the longest wait is the waiting caller's (a minute and some)", card)
        text = wl.visible_text(r.text)
        t.ok("测试座席甲" in text and "就绪" in text and "测试座席乙" in text and "示忙" in text,
             "agents with their states", text[:600])
        t.ok('<meta http-equiv="refresh" content="5">' in r.text, "the page reloads itself")
        t.eq(fx.c_agent.get("/wallboard").status, 403, "an agent has no wallboard")
    finally:
        wl.sql("DELETE FROM agent_state WHERE node = 'test'")
        wl.sql("UPDATE `call` SET ended_at = UTC_TIMESTAMP() WHERE queue = '%s' AND ended_at IS NULL" % code)


def main():
    t.section("fixture", setup)
    if t.failed:
        t.done()
    for fn in (test_who_sees_what, test_filters, test_one_call_and_recording, test_api,
               test_offers, test_voicemail, test_wallboard):
        t.section(fn.__name__, fn)
    t.done()


if __name__ == "__main__":
    main()
