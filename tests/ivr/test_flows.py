#!/usr/bin/python3
"""test_flows.py — IVR flows from the database, walked by ivrd with real callers (baresip):
menu navigation by DTMF (a wrong key, then the right branch, heard by cross-correlation);
office hours (a schedule closed now sends the caller to the duty agent's desk phone, one open
now takes the open branch); the blacklist (decline: 603, message: the notice is heard; every
attempt logged, CDR 'blacklisted'); voicemail (the message row and its recording, which holds
what the caller said); a fault report recorded by phone becomes a work order through the core
with the recording attached; the status read-back plays the status prompt of the caller's
latest work order.  Flows are inserted with SQL (as the admin pages would store them) and
ivrd reloads when ivr_config_version moves."""
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_flows")
os.makedirs(L.ARTIFACTS, exist_ok=True)


def heard_prompt(bs, name, what):
    """Cross-correlates prompt `name` with what baresip bs received."""
    _, received = bs.dumps()
    if not received:
        t.ok(False, what, "no dump")
        return
    prompt, _ = L.wav_read(L.prompt_file(name))
    got, _ = L.wav_read(received)
    score, off = L.heard(list(prompt), list(got))
    t.ok(score >= 0.9, what, "score %.2f at %d" % (score, off))


def prompt_events(db):
    return [d for e, d in L.events_of(db) if e == "prompt"]


def closed_by_ivrd(bs, what):
    t.ok(bs.wait_event("CALL_CLOSED", timeout=90), what)


def setup():
    L.make_flow("T菜单", ["7001"], [
        ("m", "menu", {"prompt_id": ("prompt", "main_menu"), "invalid_prompt_id": ("prompt", "menu_invalid"),
                       "timeout_prompt_id": ("prompt", "menu_timeout"), "timeout_seconds": 15, "retries": 2}),
        ("a", "play", {"prompt_id": ("prompt", "status_new")}),
        ("b", "play", {"prompt_id": ("prompt", "status_closed")}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("m", "1", "a"), ("m", "2", "b"), ("a", "next", "bye"), ("b", "next", "bye")], "m")
    t.ok(L.reload_config(), "ivrd loads the test flows")


def menu():
    number = "13912347001"
    bs = L.caller("flow_menu", number)
    try:
        bs.dial(L.did_uri("7001"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "menu: the call to 7001 is answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "node", "m menu"), "menu: the flow of number 7001 starts at its menu")
        t.ok(L.wait_event(db, "prompt", L.prompt_media("main_menu")), "menu: the menu prompt plays")
        bs.dtmf("9")
        t.ok(L.wait_event(db, "prompt", L.prompt_media("menu_invalid")),
             "menu: a key without a branch plays the invalid-input prompt", L.events_of(db))
        L.wait_for(lambda: prompt_events(db).count(L.prompt_media("main_menu")) >= 2)
        bs.dtmf("2")
        t.ok(L.wait_event(db, "outcome", "m 2"), "menu: key 2 is the menu's outcome", L.events_of(db))
        t.ok(L.wait_event(db, "node", "b play"), "menu: key 2 reaches branch b")
        t.ok(L.wait_event(db, "prompt", L.prompt_media("status_closed")), "menu: branch b's prompt plays")
        t.ok(not L.wait_event(db, "node", "a play", timeout=0.1), "menu: branch a is not reached")
        closed_by_ivrd(bs, "menu: the hangup node ends the call")
        row = L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)))
        t.eq(row and row["disposition"], "ivr", "menu: CDR disposition ivr (no agent asked for)")
        heard_prompt(bs, "status_closed", "menu: the caller heard branch b's prompt (cross-correlation)")
    finally:
        bs.close()


def office_hours():
    ext, pw = "1002", "Sip-pass-1002"
    duty = L.set_sip_password("t_agent2", ext, pw)
    sql = L.sql
    sql("DELETE FROM ivr_flow WHERE name = 'T营业时间'")   # its nodes use the schedule
    sql("DELETE FROM ivr_schedule WHERE name IN ('T关门')")
    sql("INSERT INTO ivr_schedule (name, duty_staff_id) VALUES ('T关门', %d)" % duty)
    sid = int(L.sql_value("SELECT id FROM ivr_schedule WHERE name = 'T关门'"))
    L.make_flow("T营业时间", ["7002"], [
        ("t", "time", {"schedule_id": sid}),
        ("o", "play", {"prompt_id": ("prompt", "status_new")}),
        ("d", "transfer", {"transfer_kind": "duty", "schedule_id": sid}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("t", "open", "o"), ("t", "closed", "d"), ("o", "next", "bye"), ("d", "fail", "bye")], "t")
    t.ok(L.reload_config(), "hours: flow loaded")
    phone = L.agent_phone("duty_phone", ext, pw)
    bs = None
    try:
        t.eq(phone.wait_registered(), "OK", "hours: the duty agent's phone registers")
        number = "13912347002"
        bs = L.caller("flow_hours", number)
        bs.dial(L.did_uri("7002"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "hours: call answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "outcome", "t closed"), "hours: a schedule without hours is closed now",
             L.events_of(db))
        t.ok(phone.wait_event("CALL_ESTABLISHED"), "hours: off-hours rings the duty agent's phone, which answers")
        t.ok(L.wait_for(lambda: (L.call_by_caller(number) or {}).get("state") == "bridged"),
             "hours: the caller is bridged to the duty agent", L.calls())
        bs.hangup()
        t.ok(phone.wait_event("CALL_CLOSED"), "hours: the duty phone gets BYE")
        row = L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)))
        t.ok(row and row["disposition"] == "answered" and row["agent_extension"] == ext,
             "hours: CDR answered by the duty extension", row)
        bs.close()
        # every day 00:00 until midnight: open now
        sql("INSERT INTO ivr_schedule_hours (schedule_id, weekday, open_time, close_time) "
            "SELECT %d, d, '00:00', '23:59:59' FROM (SELECT 1 d UNION SELECT 2 UNION SELECT 3 "
            "UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7) w" % sid)
        L.reload_config()
        number = "13912347012"
        bs = L.caller("flow_hours_open", number)
        bs.dial(L.did_uri("7002"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "hours: second call answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "outcome", "t open"), "hours: a schedule open all week is open now",
             L.events_of(db))
        closed_by_ivrd(bs, "hours: the open branch plays and hangs up")
    finally:
        if bs:
            bs.close()
        phone.close()


def blacklist():
    L.sql("DELETE FROM ivr_blacklist WHERE number = '13300000099'")
    L.sql("INSERT INTO ivr_blacklist (number, action) VALUES ('13300000099', 'decline')")
    L.reload_config()
    before = int(L.sql_value("SELECT COUNT(*) FROM ivr_blacklist_attempt"))
    bs = L.caller("black_decline", "13300000099")
    try:
        bs.dial(L.did_uri("7001"))
        ev = bs.wait_event("CALL_CLOSED", "CALL_ESTABLISHED")
        t.ok(ev and ev.get("type") == "CALL_CLOSED", "blacklist: a 'decline' number is refused unanswered", ev)
        t.ok(ev and "603" in (ev.get("param") or ""), "blacklist: with 603 Decline", ev)
        row = L.wait_for(lambda: L.sql("SELECT a.action, a.call_id, c.disposition FROM ivr_blacklist_attempt a "
                                       "LEFT JOIN `call` c ON c.id = a.call_id WHERE a.number = '13300000099' "
                                       "AND c.ended_at IS NOT NULL ORDER BY a.id DESC LIMIT 1"))
        t.ok(row and row[0][0] == "decline" and row[0][1] and row[0][2] == "blacklisted",
             "blacklist: the attempt is logged with its call, CDR blacklisted", row)
    finally:
        bs.close()
    bs = L.caller("black_message", "13300000001")   # the demo's listed number, action message
    try:
        bs.dial(L.did_uri("7001"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "blacklist: a 'message' number is answered")
        closed_by_ivrd(bs, "blacklist: ... hears the notice and is hung up")
        heard_prompt(bs, "blacklist_notice", "blacklist: the caller heard the notice (cross-correlation)")
        rows = L.wait_for(lambda: L.sql("SELECT action FROM ivr_blacklist_attempt WHERE number = "
                                        "'13300000001' AND call_id IS NOT NULL"))
        t.ok(rows and rows[-1][0] == "message", "blacklist: the message attempt is logged", rows)
        t.ok(int(L.sql_value("SELECT COUNT(*) FROM ivr_blacklist_attempt")) >= before + 2,
             "blacklist: every attempt is a row")
    finally:
        bs.close()


def voicemail():
    box = int(L.sql_value("SELECT id FROM ivr_voicemail_box ORDER BY id LIMIT 1"))
    L.make_flow("T留言", ["7003"], [("v", "voicemail", {"voicemail_id": box})], [], "v")
    L.reload_config()
    number = "13912347003"
    src = os.path.join(L.ARTIFACTS, "vm_noise.wav")
    L.wav_write(src, [0] * (L.RATE * 1) + L.coded_noise(80, seed=7))
    bs = L.caller("flow_vm", number, src)
    try:
        bs.dial(L.did_uri("7003"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "voicemail: call answered")
        db = L.call_db(number)
        rec = L.wait_event(db, "record", timeout=60)
        t.ok(rec, "voicemail: greeting, beep, then recording", L.events_of(db))
        path = os.path.join(L.VAR, rec[1]) if rec else None
        if path:
            L.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 44 + 6 * L.RATE * 2,
                       timeout=60)
        bs.hangup()
        row = L.wait_for(lambda: L.sql("SELECT recording_path, duration_ms, caller, department_id IS NOT NULL "
                                       "FROM ivr_voicemail_message WHERE call_id = %d" % db))
        t.ok(row, "voicemail: the message is stored when the caller hangs up")
        if row:
            r = row[0]
            t.ok(int(r[1]) >= 4000 and r[2] == number, "voicemail: duration and caller", r)
            full = os.path.join(L.VAR, r[0])
            t.ok(os.path.exists(full), "voicemail: the recording file exists", full)
            sent, _ = bs.dumps()
            if sent and os.path.exists(full):
                score, _ = L.heard(L.wav_read(sent)[0].tolist(), L.wav_read(full)[0].tolist())
                t.ok(score >= 0.9, "voicemail: the recording holds what the caller said", "score %.2f" % score)
        cdr = L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)))
        t.eq(cdr and cdr["disposition"], "voicemail", "voicemail: CDR disposition voicemail")
    finally:
        bs.close()


REPORTER = "13912347004"


def fault_report():
    tt = L.sql("SELECT id FROM ticket_type WHERE code = 'heating' UNION ALL "
               "SELECT id FROM ticket_type WHERE parent_id IS NULL LIMIT 1")
    L.make_flow("T报修", ["7004"], [
        ("l", "lookup", {"prompt_id": ("prompt", "known_greeting"), "extra_prompt_id": ("prompt", "open_ticket")}),
        ("r", "report", {"prompt_id": ("prompt", "status_new"), "timeout_seconds": 60,
                         "ticket_type_id": int(tt[0][0])}),
        ("ok", "play", {"prompt_id": ("prompt", "repair_done")}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("l", "known", "r"), ("l", "unknown", "r"), ("r", "ok", "ok"), ("r", "fail", "bye"),
        ("ok", "next", "bye")], "l")
    L.reload_config()
    src = os.path.join(L.ARTIFACTS, "report_noise.wav")
    L.wav_write(src, [0] * L.RATE + L.coded_noise(80, seed=11))
    bs = L.caller("flow_report", REPORTER, src)
    try:
        bs.dial(L.did_uri("7004"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "report: call answered")
        db = L.call_db(REPORTER)
        t.ok(L.wait_event(db, "lookup", "unknown"), "report: an unknown caller", L.events_of(db))
        rec = L.wait_event(db, "record", timeout=60)
        t.ok(rec, "report: the caller is recorded after the beep", L.events_of(db))
        path = os.path.join(L.VAR, rec[1]) if rec else None
        if path:
            L.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 44 + 5 * L.RATE * 2,
                       timeout=60)
        bs.dtmf("#")
        tk = L.wait_event(db, "ticket", timeout=60)
        t.ok(tk, "report: # ends the recording and a work order is created", L.events_of(db))
        number = tk[1].split()[0] if tk else ""
        row = L.sql("SELECT t.channel, t.contact_phone, t.status, a.mime, a.size, c.ticket_id = t.id "
                    "FROM ticket t LEFT JOIN attachment a ON a.ticket_id = t.id "
                    "LEFT JOIN `call` c ON c.id = %d WHERE t.number = %s" % (db, L.sql_str(number)))
        t.ok(row and row[0][0] == "phone" and row[0][1] == REPORTER,
             "report: work order %s has channel phone and the caller's number" % number, row)
        t.ok(row and row[0][3] and row[0][3].startswith("audio/") and int(row[0][4]) > 5 * L.RATE * 2,
             "report: the recording is attached to the work order", row)
        t.ok(row and row[0][5] == "1", "report: the call row names the work order", row)
        t.ok(L.wait_event(db, "prompt", L.prompt_media("repair_done")), "report: the caller hears it was accepted")
        closed_by_ivrd(bs, "report: the flow ends the call")
    finally:
        bs.close()


def status():
    L.make_flow("T进度", ["7005"], [
        ("s", "status", {"prompt_id": ("prompt", "status_intro"), "extra_prompt_id": ("prompt", "status_none")}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("s", "next", "bye")], "s")
    L.reload_config()
    latest = L.sql("SELECT number, status FROM ticket WHERE contact_phone = %s ORDER BY created_at DESC, "
                   "id DESC LIMIT 1" % L.sql_str(REPORTER))
    if not t.ok(latest, "status: the reporter has a work order (from the report test)"):
        return
    number, st = latest[0]
    bs = L.caller("flow_status", REPORTER)
    try:
        bs.dial(L.did_uri("7005"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "status: call answered")
        db = L.call_db(REPORTER)
        t.ok(L.wait_event(db, "status", "%s %s" % (number, st)),
             "status: the caller's latest work order is found", L.events_of(db))
        t.ok(L.wait_event(db, "prompt", L.prompt_media("status_" + st)),
             "status: the prompt status_%s plays" % st, L.events_of(db))
        digits = [d for d in prompt_events(db) if d in [L.prompt_media("digit_%d" % i) for i in range(10)]]
        want = [L.prompt_media("digit_" + ch) for ch in number if ch.isdigit()]
        t.eq(digits, want, "status: the number is read digit by digit")
        closed_by_ivrd(bs, "status: then goodbye")
        heard_prompt(bs, "status_" + st, "status: the caller heard the status prompt (cross-correlation)")
    finally:
        bs.close()
    bs = L.caller("flow_status_none", "13912347095")
    try:
        bs.dial(L.did_uri("7005"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "status: a caller without work orders")
        db = L.call_db("13912347095")
        t.ok(L.wait_event(db, "prompt", L.prompt_media("status_none")), "status: hears 'none found'",
             L.events_of(db))
        closed_by_ivrd(bs, "status: outcome none without an edge goes on to next")
    finally:
        bs.close()


def vip_pin():
    """A known caller (lookup) checks their VIP PIN: a wrong PIN is refused and retried, the
    right one takes the ok branch; PIN digits never appear in the call events."""
    number = "13912347007"
    L.sql("DELETE r FROM resident r JOIN resident_phone p ON p.resident_id = r.id WHERE p.phone = '%s'" % number)
    L.sql("INSERT INTO resident (name) VALUES ('测试贵宾住户')")
    rid = int(L.sql_value("SELECT MAX(id) FROM resident WHERE name = '测试贵宾住户'"))
    L.sql("INSERT INTO resident_phone (resident_id, phone, is_primary) VALUES (%d, '%s', 1)" % (rid, number))
    L.sql("REPLACE INTO ivr_resident_pin (resident_id, pin_sha256) VALUES (%d, SHA2(CONCAT(%d, ':', '2468'), 256))"
          % (rid, rid))
    L.make_flow("T贵宾", ["7007"], [
        ("l", "lookup", {"prompt_id": ("prompt", "known_greeting")}),
        ("p", "pin", {"prompt_id": ("prompt", "pin_ask"), "invalid_prompt_id": ("prompt", "menu_invalid"),
                      "timeout_seconds": 15, "retries": 2, "max_digits": 4}),
        ("ok", "play", {"prompt_id": ("prompt", "status_new")}),
        ("no", "play", {"prompt_id": ("prompt", "status_closed")}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("l", "known", "p"), ("l", "unknown", "no"), ("p", "ok", "ok"), ("p", "fail", "no"),
        ("ok", "next", "bye"), ("no", "next", "bye")], "l")
    L.reload_config()
    bs = L.caller("flow_pin", number)
    try:
        bs.dial(L.did_uri("7007"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "pin: call answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "lookup", "known resident=%d" % rid), "pin: the caller is a known resident",
             L.events_of(db))
        t.ok(L.wait_event(db, "prompt", L.prompt_media("pin_ask")), "pin: asked for the PIN")
        bs.dtmf("1111")
        t.ok(L.wait_event(db, "pin", "wrong"), "pin: a wrong PIN is refused", L.events_of(db))
        L.wait_for(lambda: prompt_events(db).count(L.prompt_media("pin_ask")) >= 2)
        bs.dtmf("2468")
        t.ok(L.wait_event(db, "pin", "ok"), "pin: the right PIN is accepted", L.events_of(db))
        t.ok(L.wait_event(db, "node", "ok play"), "pin: the ok branch")
        digits = [d for e, d in L.events_of(db) if e == "dtmf"]
        t.ok(digits and all(d.startswith("x ") for d in digits), "pin: PIN digits are not logged", digits)
        t.eq(L.sql_value("SELECT resident_id FROM `call` WHERE id = %d" % db), str(rid),
             "pin: the call row has the resident from the lookup")
        closed_by_ivrd(bs, "pin: then goodbye")
    finally:
        bs.close()


def transfer_out():
    """A transfer node to an external number goes out through WL_SIP_OUTBOUND: SIPp plays the
    gateway (answers, echoes RTP), so the caller hears themselves through both legs."""
    gw = L.conf("WL_SIP_OUTBOUND", "")
    if not t.ok(gw and ":" in gw, "transfer: WL_SIP_OUTBOUND is set (conf/test.conf)", gw):
        return
    host, port = gw.rsplit(":", 1)
    L.make_flow("T外线", ["7006"], [
        ("x", "transfer", {"transfer_kind": "number", "number": "13800009999",
                           "prompt_id": ("prompt", "queue_join")}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("x", "fail", "bye")], "x")
    L.reload_config()
    outdir = os.path.join(L.ARTIFACTS, "sipp_gw")
    os.makedirs(outdir, exist_ok=True)
    log = open(os.path.join(outdir, "sipp.out"), "w")
    gwp = subprocess.Popen(["sipp", "-sf", os.path.join(L.SIPP_DIR, "uas_gateway.xml"), "-i", host,
                            "-p", port, "-t", "u1", "-m", "1", "-nostdin", "-rtp_echo",
                            "-mi", host, "-mp", str(L.free_port()), "-timeout", "150s",
                            "-trace_err", "-trace_logs"], cwd=outdir, stdout=log,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    number = "13912347006"
    src = os.path.join(L.ARTIFACTS, "xfer_noise.wav")
    # silent while the prompt plays and the gateway answers: only audio after the bridge counts
    L.wav_write(src, [0] * (12 * L.RATE) + L.coded_noise(90, seed=13))
    bs = L.caller("flow_xfer", number, src)
    try:
        bs.dial(L.did_uri("7006"))
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "transfer: call answered")
        db = L.call_db(number)
        t.ok(L.wait_event(db, "transfer_ringing", "13800009999"),
             "transfer: the number is dialled through the outbound gateway", L.events_of(db))
        rec = L.wait_event(db, "bridged", "13800009999*")
        t.ok(rec, "transfer: the gateway answers and the caller is bridged", L.events_of(db))
        path = os.path.join(L.VAR, rec[1].split(" ", 1)[1]) if rec and " " in rec[1] else None
        if path:
            L.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 44 + 18 * L.RATE * 4,
                       timeout=90)
        bs.hangup()
        try:
            rc = gwp.wait(timeout=60)
        except subprocess.TimeoutExpired:
            rc = None
        t.eq(rc, 0, "transfer: the gateway (SIPp) got BYE and finished its scenario")
        row = L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)))
        t.ok(row and row["disposition"] == "answered" and row["agent_extension"] == "13800009999",
             "transfer: CDR answered by the external number", row)
        sent, heard = bs.dumps()
        if sent and heard:
            score, _ = L.heard(L.wav_read(sent)[0].tolist(), L.wav_read(heard)[0].tolist())
            t.ok(score >= 0.9, "transfer: audio goes out and back through the gateway leg (echo, "
                 "cross-correlation)", "score %.2f" % score)
    finally:
        bs.close()
        if gwp.poll() is None:
            gwp.kill()
            gwp.wait()
        log.close()


t.section("flows loaded", setup)
t.section("menu navigation", menu)
t.section("office hours", office_hours)
t.section("blacklist", blacklist)
t.section("voicemail", voicemail)
t.section("fault report by phone", fault_report)
t.section("status read-back", status)
t.section("VIP PIN", vip_pin)
t.section("transfer to an external number", transfer_out)
t.done()
