#!/usr/bin/python3
"""test_acd.py — the ACD with real phones (baresip): a queue call reaches the ready agent's
desk phone with audio both ways (cross-correlated), the offer event the screen pop polls, the
CDR (queue, agent, wait, talk, answered) and the post-call rating when the agent hangs up
first; a paused agent is skipped; an agent who does not answer is passed over after the ring
timeout and paused with reason 'auto'; the sticky agent gets the caller they served last,
ahead of the strategy; a waiting caller hears music on hold and the position announcement
(cross-correlated); after the maximum wait the caller overflows to voicemail.  Agent states
go through the control socket (agent_login, agent_pause, agent_states, queues) and are
logged in agent_state / agent_state_log."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_acd")
os.makedirs(L.ARTIFACTS, exist_ok=True)
EXT_A, PW_A = "1001", "Sip-pass-1001"
EXT_B, PW_B = "1002", "Sip-pass-1002"
A = L.set_sip_password("t_agent", EXT_A, PW_A)
B = L.set_sip_password("t_agent2", EXT_B, PW_B)
DID = "7010"
phones = {}


def noise(name, seed, seconds=120):
    path = os.path.join(L.ARTIFACTS, name)
    L.wav_write(path, L.coded_noise(seconds, seed=seed))
    return path


def phone(key, ext, pw, auto=True, source=None):
    old = phones.pop(key, None)
    if old:
        old.close()
    p = L.agent_phone("acd_phone_%s%s" % (key, "" if auto else "_manual"), ext, pw, auto, source)
    phones[key] = p
    t.eq(p.wait_registered(), "OK", "phone %s registers" % ext)
    L.wait_for(lambda: ext in L.agents())
    return p


def ctl_ok(cmd):
    r = L.ctl1(cmd)
    return t.ok(r and r[-1].startswith("OK"), "control: %s" % cmd, r)


def state(staff):
    return L.agent_states().get(staff, ("logged_out", "-"))


def cdr_ended(db):
    return L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)), timeout=60)


def offers(db):
    return [(r[0], r[1]) for r in L.sql("SELECT agent_id, detail FROM call_event WHERE call_id = %d "
                                        "AND event = 'offer' ORDER BY id" % db)]


def setup():
    L.make_queue("tq", [(A, 1), (B, 1)])
    L.make_flow("T队列", [DID], [
        ("q", "queue", {"queue_id": int(L.sql_value("SELECT id FROM acd_queue WHERE code = 'tq'"))}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("q", "fail", "bye")], "q")
    t.ok(L.reload_config(), "queue tq and its flow are loaded")
    r = L.ctl1("agent_pause %d lunch" % A)
    t.eq(r, ["ERR unknown pause reason"], "control: a pause reason outside the dictionary is refused")
    t.eq(L.ctl1("agent_login 999999"), ["ERR no such staff account"], "control: unknown staff refused")
    ctl_ok("agent_logout %d" % A)
    ctl_ok("agent_logout %d" % B)


def nobody():
    number = "13912348000"
    bs = L.caller("acd_nobody", number)
    try:
        bs.dial(L.did_uri(DID))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "nobody logged in: call answered")
        db = L.call_db(number)
        ev = L.wait_event(db, "queue_fail")
        t.ok(ev and ev[1].endswith("nobody logged in"), "nobody logged in: the queue node fails", L.events_of(db))
        t.ok(bs.wait_event("CALL_CLOSED", timeout=60), "nobody logged in: the fail branch hangs up")
    finally:
        bs.close()


def answered_and_rating():
    pa = phone("A", EXT_A, PW_A, source=noise("acd_agent_a.wav", 31))
    ctl_ok("agent_login %d" % A)
    t.eq(state(A), ("ready", "-"), "agent A is ready")
    number = "13912348001"
    bs = L.caller("acd_caller1", number, noise("acd_caller1.wav", 32))
    try:
        bs.dial(L.did_uri(DID))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "queue: call answered")
        db = L.call_db(number)
        t.ok(pa.wait_event("CALL_ESTABLISHED"), "queue: the ready agent's phone rings and answers")
        t.ok(L.wait_for(lambda: (L.call_by_caller(number) or {}).get("state") == "bridged"),
             "queue: the caller is bridged to the agent", L.calls())
        off = offers(db)
        t.ok(off and off[0][0] == str(A) and off[0][1] == "%s caller=%s resident=0" % (EXT_A, number),
             "queue: call_event offer names the agent and the caller (screen pop)", off)
        t.ok(L.wait_event(db, "enter", "priority 0 position 1"), "queue: call_event enter")
        t.ok(L.wait_event(db, "answer", "%s wait *" % EXT_A), "queue: call_event answer")
        q = L.sql("SELECT queue, agent_id FROM call_event WHERE call_id = %d AND event = 'answer'" % db)
        t.eq(q and q[0], ["tq", str(A)], "queue: the answer event has queue and agent set")
        t.eq(state(A)[0], "on_call", "agent A is on_call")
        rec = L.wait_event(db, "bridged")
        path = os.path.join(L.VAR, rec[1].split(" ", 1)[1]) if rec and " " in rec[1] else None
        t.ok(path, "queue: the call is recorded (record_calls)")
        if path:
            L.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 44 + 6 * L.RATE * 4, timeout=60)
        pa.hangup()
        t.ok(L.wait_event(db, "prompt", L.prompt_media("rate_ask")),
             "rating: when the agent hangs up the caller is asked to rate", L.events_of(db))
        bs.dtmf("4")
        t.ok(L.wait_event(db, "rating", "4"), "rating: digit 4 is the rating", L.events_of(db))
        t.ok(bs.wait_event("CALL_CLOSED", timeout=60), "rating: thanks, goodbye, hang up")
        row = cdr_ended(db)
        t.ok(row and row["disposition"] == "answered" and row["agent_id"] == str(A) and
             row["wait_seconds"] is not None and row["talk_seconds"] is not None,
             "queue: CDR answered with agent, wait and talk seconds", row)
        extra = L.sql("SELECT queue, rating FROM `call` WHERE id = %d" % db)
        t.eq(extra and extra[0], ["tq", "4"], "queue: CDR queue tq and rating 4")
        ev = L.sql("SELECT agent_id FROM call_event WHERE call_id = %d AND event = 'rating'" % db)
        t.eq(ev and ev[0][0], str(A), "rating: the event names the agent")
        c_sent, c_heard = bs.dumps()
        a_sent, a_heard = pa.dumps()
        if c_sent and a_heard and a_sent and c_heard:
            s1, _ = L.heard(L.wav_read(c_sent)[0].tolist(), L.wav_read(a_heard)[0].tolist())
            s2, _ = L.heard(L.wav_read(a_sent)[0].tolist(), L.wav_read(c_heard)[0].tolist())
            t.ok(s1 >= 0.9, "queue: the agent heard the caller (cross-correlation)", "score %.2f" % s1)
            t.ok(s2 >= 0.9, "queue: the caller heard the agent (cross-correlation)", "score %.2f" % s2)
        else:
            t.ok(False, "queue: audio dumps", (c_sent, c_heard, a_sent, a_heard))
        log = L.wait_for(lambda: [r[0] for r in L.sql(
            "SELECT state FROM agent_state_log WHERE staff_id = %d AND call_id = %d ORDER BY id" % (A, db))]
            if len(L.sql("SELECT id FROM agent_state_log WHERE staff_id = %d AND call_id = %d" % (A, db))) >= 2
            else None)
        t.eq(log, ["ringing", "on_call"], "agent_state_log: ringing, then on_call for this call")
        cur = L.sql("SELECT state FROM agent_state WHERE staff_id = %d" % A)
        t.ok(cur and cur[0][0] in ("ready", "wrap_up"), "agent_state: after the call", cur)
    finally:
        bs.close()


def paused_skipped():
    phone("B", EXT_B, PW_B)
    ctl_ok("agent_pause %d meal" % A)
    ctl_ok("agent_login %d" % B)
    t.eq(state(A), ("paused", "meal"), "agent A is paused (meal)")
    row = L.wait_for(lambda: L.sql("SELECT state, reason FROM agent_state WHERE staff_id = %d AND "
                                   "state = 'paused'" % A))
    t.eq(row and row[0], ["paused", "meal"], "agent_state row: paused meal")
    number = "13912348002"
    for e in phones["A"].events:
        e["_seen"] = True   # only what happens from now on counts
    bs = L.caller("acd_caller2", number)
    try:
        bs.dial(L.did_uri(DID))
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "paused: the call goes to the ready agent B")
        db = L.call_db(number)
        t.eq([o[0] for o in offers(db)], [str(B)], "paused: only B was offered the call")
        t.ok(phones["A"].wait_event("CALL_INCOMING", "CALL_ESTABLISHED", timeout=1) is None,
             "paused: A's phone never rang")
        bs.hangup()
        t.ok(phones["B"].wait_event("CALL_CLOSED"), "paused: B gets BYE when the caller hangs up")
        row = cdr_ended(db)
        t.ok(row and row["agent_id"] == str(B), "paused: CDR agent B", row)
    finally:
        bs.close()


STICKY_CALLER = "13912348003"


def noanswer_autopause():
    phone("A", EXT_A, PW_A, auto=False)     # rings, nobody answers
    L.make_queue("tq", [(A, 1), (B, 2)], ring_seconds=3, autopause_after=1)
    L.reload_config()
    ctl_ok("agent_ready %d" % A)
    ctl_ok("agent_ready %d" % B)
    bs = L.caller("acd_caller3", STICKY_CALLER)
    try:
        bs.dial(L.did_uri(DID))
        db = L.call_db(STICKY_CALLER)
        t.ok(phones["A"].wait_event("CALL_INCOMING"), "no answer: the first-tier agent A's phone rings")
        t.ok(L.wait_event(db, "noanswer", "timeout", timeout=60), "no answer: ring timeout", L.events_of(db))
        t.ok(L.wait_event(db, "autopause", "1 unanswered"), "no answer: A is auto-paused after 1 unanswered offer")
        t.eq(state(A), ("paused", "auto"), "no answer: agent_states shows A paused (auto)")
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "no answer: the next agent B answers")
        t.eq([o[0] for o in offers(db)], [str(A), str(B)], "no answer: offered to A, then B")
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
        row = cdr_ended(db)
        t.ok(row and row["agent_id"] == str(B), "no answer: CDR agent B", row)
        log = L.sql("SELECT reason FROM agent_state_log WHERE staff_id = %d AND state = 'paused' "
                    "ORDER BY id DESC LIMIT 1" % A)
        t.eq(log and log[0][0], "auto", "no answer: agent_state_log has the auto pause")
    finally:
        bs.close()


def sticky():
    phone("A", EXT_A, PW_A)
    L.make_queue("tq", [(A, 1), (B, 2)], sticky_agent=1, sticky_seconds=20)
    L.reload_config()
    ctl_ok("agent_ready %d" % A)
    ctl_ok("agent_ready %d" % B)
    bs = L.caller("acd_caller4", STICKY_CALLER)
    try:
        bs.dial(L.did_uri(DID))
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"),
             "sticky: the caller goes to B, who served them last, ahead of A's better tier")
        db = L.call_db(STICKY_CALLER)
        t.ok(L.wait_event(db, "sticky", EXT_B), "sticky: call_event sticky", L.events_of(db))
        t.eq([o[0] for o in offers(db)], [str(B)], "sticky: only B was offered the call")
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
    finally:
        bs.close()
    bs = L.caller("acd_caller5", "13912348005")
    try:
        bs.dial(L.did_uri(DID))
        t.ok(phones["A"].wait_event("CALL_ESTABLISHED"), "sticky: a new caller goes to the first tier (A)")
        bs.hangup()
        phones["A"].wait_event("CALL_CLOSED")
    finally:
        bs.close()


def announce_and_overflow():
    box = int(L.sql_value("SELECT id FROM ivr_voicemail_box ORDER BY id LIMIT 1"))
    L.make_queue("tq", [(A, 1), (B, 2)], announce_seconds=3, moh_prompt_id=("prompt", "moh"),
                 max_wait_seconds=12, overflow="voicemail", overflow_voicemail_id=box)
    L.reload_config()
    ctl_ok("agent_pause %d rest" % A)
    ctl_ok("agent_logout %d" % B)
    number = "13912348006"
    src = os.path.join(L.ARTIFACTS, "acd_wait.wav")
    L.wav_write(src, [0] * (14 * L.RATE) + L.coded_noise(60, seed=41))
    bs = L.caller("acd_caller6", number, src)
    try:
        bs.dial(L.did_uri(DID))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "waiting: call answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "enter", "*"), "waiting: the caller is in the queue (A paused, logged in)")
        q = L.wait_for(lambda: [x for x in L.ctl1("queues") if x.startswith("QUEUE tq ")])
        t.ok(q and "waiting=1" in q[0] and "ready=0" in q[0] and "logged_in=1" in q[0],
             "control: queues shows one waiting caller, nobody ready", q)
        t.ok(L.wait_event(db, "prompt", L.prompt_media("moh")), "waiting: music on hold plays")
        t.ok(L.wait_event(db, "announce", "position 1"), "waiting: the position is announced", L.events_of(db))
        t.ok(L.wait_event(db, "prompt", L.prompt_media("queue_position")), "waiting: queue_position plays")
        t.ok(L.wait_event(db, "leave", "max wait 12 s", timeout=60), "overflow: the caller leaves after max wait",
             L.events_of(db))
        rec = L.wait_event(db, "record", timeout=60)
        t.ok(rec, "overflow: to voicemail (recording)", L.events_of(db))
        if rec:
            path = os.path.join(L.VAR, rec[1])
            L.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 44 + 3 * L.RATE * 2, timeout=60)
        bs.hangup()
        msg = L.wait_for(lambda: L.sql("SELECT box_id FROM ivr_voicemail_message WHERE call_id = %d" % db))
        t.eq(msg and msg[0][0], str(box), "overflow: the voicemail message is stored")
        row = cdr_ended(db)
        t.ok(row and row["disposition"] == "voicemail", "overflow: CDR disposition voicemail", row)
        _, heard = bs.dumps()
        if heard:
            p, _ = L.wav_read(L.prompt_file("queue_position"))
            score, _ = L.heard(list(p), list(L.wav_read(heard)[0]))
            t.ok(score >= 0.9, "waiting: the caller heard the position announcement (cross-correlation)",
                 "score %.2f" % score)
    finally:
        bs.close()


def priority():
    """A caller entering with a higher priority (node priority 10, as an emergency branch
    would) is offered before one who has waited longer."""
    qid = L.make_queue("tq", [(A, 1)], announce_seconds=0)
    L.make_flow("T队列急", ["7011"], [("q", "queue", {"queue_id": qid, "priority": 10})], [], "q")
    L.reload_config()
    ctl_ok("agent_pause %d rest" % A)
    phone("A", EXT_A, PW_A)
    first, urgent = "13912348008", "13912348009"
    b1 = L.caller("acd_prio_normal", first)
    b2 = L.caller("acd_prio_urgent", urgent)
    try:
        b1.dial(L.did_uri(DID))
        d1 = L.call_db(first)
        t.ok(L.wait_event(d1, "enter", "priority 0 position 1"), "priority: the first caller waits")
        b2.dial(L.did_uri("7011"))
        d2 = L.call_db(urgent)
        t.ok(L.wait_event(d2, "enter", "priority 10 position 1"),
             "priority: the urgent caller goes ahead of the first", L.events_of(d2))
        ctl_ok("agent_ready %d" % A)
        t.ok(L.wait_event(d2, "answer", "%s wait *" % EXT_A), "priority: the urgent caller is answered first")
        t.eq(offers(d1), [], "priority: the first caller was not offered meanwhile")
        b2.hangup()
        t.ok(L.wait_event(d1, "answer", "%s wait *" % EXT_A, timeout=60),
             "priority: then the first caller (after the agent's call)")
        b1.hangup()
        phones["A"].wait_event("CALL_CLOSED")
    finally:
        b1.close()
        b2.close()


def abandon():
    number = "13912348007"
    L.make_queue("tq", [(A, 1)], announce_seconds=0)
    L.reload_config()
    ctl_ok("agent_pause %d rest" % A)
    bs = L.caller("acd_caller7", number)
    try:
        bs.dial(L.did_uri(DID))
        db = L.call_db(number)
        t.ok(L.wait_event(db, "enter", "*"), "abandon: the caller waits")
        bs.hangup()
        t.ok(L.wait_event(db, "abandon", "wait *"), "abandon: call_event abandon")
        row = cdr_ended(db)
        t.ok(row and row["disposition"] == "abandoned" and row["wait_seconds"] is not None,
             "abandon: CDR abandoned with its wait", row)
    finally:
        bs.close()


def wait_dump(bs, seconds):
    """Waits until baresip bs has received `seconds` of audio in its current call."""
    def f():
        d = bs.dumps()[1]
        return d and os.path.exists(d) and os.path.getsize(d) > 44 + seconds * L.RATE * 2
    return L.wait_for(f, timeout=90)


def score(bs_from, bs_to):
    sent, heard = bs_from.dumps()[0], bs_to.dumps()[1]
    if not sent or not heard:
        return -1.0
    return L.heard(L.wav_read(sent)[0].tolist(), L.wav_read(heard)[0].tolist())[0]


def supervise():
    """listen / whisper / barge <call> <ext>: the supervisor's phone is rung and joins the bridge;
    who hears whom is checked by cross-correlation (one call per mode, the caller silent when
    the supervisor's voice is what must or must not be heard)."""
    sup_ext, sup_pw = "1003", "Sip-pass-1003"
    L.set_sip_password("t_admin", sup_ext, sup_pw)
    L.make_queue("tq", [(A, 1)], announce_seconds=0, record_calls=0)
    L.reload_config()
    phone("A", EXT_A, PW_A)
    ctl_ok("agent_ready %d" % A)
    sup_src = noise("acd_supervisor.wav", 61)
    for i, mode in enumerate(("listen", "whisper", "barge")):
        sup = L.agent_phone("acd_sup_" + mode, sup_ext, sup_pw, True, sup_src)
        number = "1391234811%d" % i
        src = noise("acd_sup_caller.wav", 62) if mode == "listen" else None
        bs = L.caller("acd_sup_caller_" + mode, number, src)
        try:
            t.eq(sup.wait_registered(), "OK", "%s: the supervisor's phone registers" % mode)
            L.wait_for(lambda: sup_ext in L.agents())
            bs.dial(L.did_uri(DID))
            t.ok(phones["A"].wait_event("CALL_ESTABLISHED"), "%s: the agent answers" % mode)
            # Bridged, and its CDR row written (db= stays 0 until ivrd's database worker has it).
            live = L.wait_for(lambda: (lambda c: c if c and c["state"] == "bridged" and
                                       c.get("db", "0") != "0" else None)(L.call_by_caller(number)))
            db = int(live["db"]) if live else 0
            r = L.ctl1("%s %d %s" % (mode, live["id"] if live else 0, sup_ext))
            t.eq(r, ["OK %s %d %s" % (mode, live["id"] if live else 0, sup_ext)], "control: %s" % mode)
            t.ok(sup.wait_event("CALL_ESTABLISHED"), "%s: the supervisor's phone answers" % mode)
            t.ok(L.wait_event(db, "monitor", "%s %s" % (mode, sup_ext)), "%s: call_event monitor" % mode,
                 L.events_of(db))
            r = L.ctl1("barge %d 1004" % live["id"]) if live else None
            t.eq(r, ["ERR call is monitored by another extension"], "%s: one supervisor per call" % mode)
            wait_dump(sup, 8)
            wait_dump(phones["A"], 8)
            bs.hangup()
            t.ok(sup.wait_event("CALL_CLOSED"), "%s: the supervisor gets BYE when the call ends" % mode)
            phones["A"].wait_event("CALL_CLOSED")
            t.ok(L.wait_event(db, "monitor_end", "%s *" % sup_ext), "%s: call_event monitor_end" % mode)
            to_agent, to_caller = score(sup, phones["A"]), score(sup, bs)
            if mode == "listen":
                s1 = score(bs, sup)
                t.ok(s1 >= 0.9, "listen: the supervisor hears the caller", "score %.2f" % s1)
                t.ok(to_agent < 0.5 and to_caller < 0.5, "listen: nobody hears the supervisor",
                     "agent %.2f caller %.2f" % (to_agent, to_caller))
            elif mode == "whisper":
                t.ok(to_agent >= 0.9, "whisper: the agent hears the supervisor", "score %.2f" % to_agent)
                t.ok(to_caller < 0.5, "whisper: the caller does not", "score %.2f" % to_caller)
            else:
                t.ok(to_agent >= 0.9 and to_caller >= 0.9, "barge: agent and caller hear the supervisor",
                     "agent %.2f caller %.2f" % (to_agent, to_caller))
        finally:
            bs.close()
            sup.close()


try:
    t.section("setup", setup)
    t.section("nobody logged in", nobody)
    t.section("answered, audio, rating", answered_and_rating)
    t.section("paused agent skipped", paused_skipped)
    t.section("no answer, auto-pause", noanswer_autopause)
    t.section("sticky agent", sticky)
    t.section("announcement and overflow", announce_and_overflow)
    t.section("abandon", abandon)
    t.section("caller priority", priority)
    t.section("supervisor listen, whisper, barge", supervise)
finally:
    L.ctl1("agent_logout %d" % A)
    L.ctl1("agent_logout %d" % B)
    for p in phones.values():
        p.close()
t.done()
