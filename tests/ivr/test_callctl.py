#!/usr/bin/python3
"""test_callctl.py — the agent's call control in ivrd with real phones (baresip) and SIPp as
the outbound gateway: hold and unhold (the caller hears music on hold, the agent does not;
hold seconds in the CDR), blind transfer to an extension (the caller's audio reaches the new
agent), to a queue and to an external number, a failed blind transfer back to the agent,
attended transfer (consult, then cancel or complete), three-way conference, pickup of a
ringing queue call by another agent, and click-to-dial (originate) with its outbound CDR.
Every wait is for an event or a state, with a timeout; who hears whom is cross-correlated."""
import array
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_callctl")
os.makedirs(L.ARTIFACTS, exist_ok=True)
EXT_A, PW_A = "1001", "Sip-pass-1001"
EXT_B, PW_B = "1002", "Sip-pass-1002"
EXT_C, PW_C = "1003", "Sip-pass-1003"     # a staff extension that is not registered
A = L.set_sip_password("t_agent", EXT_A, PW_A)
B = L.set_sip_password("t_agent2", EXT_B, PW_B)
C = L.set_sip_password("t_admin", EXT_C, PW_C)
DID = "7020"
GW_NUMBER = "13800009999"
# share of 0.5 s windows that must match for "X hears Y": a loaded machine's jitter buffer
# slips now and then (a window lost); unrelated audio scores near 0
HEARD = 0.8
phones = {}


def noise(name, seed, seconds=150, level=6000):
    path = os.path.join(L.ARTIFACTS, name)
    if not os.path.exists(path):
        L.wav_write(path, L.coded_noise(seconds, seed=seed, level=level))
    return path


def phone(key, ext, pw, auto=True, source=None):
    old = phones.pop(key, None)
    if old:
        old.close()
    p = L.agent_phone("cc_phone_%s%s" % (key, "" if auto else "_manual"), ext, pw, auto, source)
    phones[key] = p
    t.eq(p.wait_registered(), "OK", "phone %s registers" % ext)
    L.wait_for(lambda: ext in L.agents())
    return p


def ctl_ok(cmd):
    r = L.ctl1(cmd)
    return t.ok(r and r[-1].startswith("OK"), "control: %s" % cmd, r)


def cdr_ended(db):
    return L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)), timeout=60)


def received(bs):
    """What baresip bs has received so far in its current call (the WAV being written)."""
    path = bs.dumps()[1]
    if not path or not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        data = f.read()[44:]
    a = array.array("h")
    a.frombytes(data[:len(data) // 2 * 2])
    if sys.byteorder == "big":
        a.byteswap()
    return a.tolist()


def grow(bs, seconds):
    """Waits until bs has received `seconds` more audio than now; returns the samples."""
    n0 = len(received(bs))
    ok = L.wait_for(lambda: len(received(bs)) >= n0 + seconds * L.RATE, timeout=90, step=0.2)
    return received(bs) if ok else []


def hears(src_samples, rx, tail_s=None):
    """Score of src_samples heard in rx (the last tail_s seconds of it only, if given)."""
    if tail_s:
        rx = rx[-int(tail_s * L.RATE):]
    if not src_samples or len(rx) < L.RATE * 2:
        return 0.0
    return L.heard(src_samples, rx)[0]


def bridged(number):
    return L.wait_for(lambda: (lambda c: c if c and c["state"] == "bridged" else None)(
        L.call_by_caller(number)))


def queue_call(number, src, agent_phone):
    """A caller dials the queue and agent_phone (auto-answer) takes it; returns (baresip,
    live call, db id)."""
    bs = L.caller("cc_" + number, number, src)
    bs.dial(L.did_uri(DID))
    t.ok(agent_phone.wait_event("CALL_ESTABLISHED"), "%s: the agent answers the queue call" % number)
    live = bridged(number)
    t.ok(live, "%s: bridged" % number, L.calls())
    return bs, live or {"id": 0}, L.call_db(number) or 0


def gateway(outdir_name):
    gw = L.conf("WL_SIP_OUTBOUND", "")
    host, port = gw.rsplit(":", 1)
    outdir = os.path.join(L.ARTIFACTS, outdir_name)
    os.makedirs(outdir, exist_ok=True)
    log = open(os.path.join(outdir, "sipp.out"), "w")
    p = subprocess.Popen(["sipp", "-sf", os.path.join(L.SIPP_DIR, "uas_gateway.xml"), "-i", host,
                          "-p", port, "-t", "u1", "-m", "1", "-nostdin", "-rtp_echo",
                          "-mi", host, "-mp", str(L.free_port()), "-timeout", "150s",
                          "-trace_err", "-trace_logs"], cwd=outdir, stdout=log,
                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return p, log


def gateway_done(p, log):
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = None
    log.close()
    return rc


def setup():
    qid = L.make_queue("tc", [(A, 1)], record_calls=1)
    L.make_queue("tc2", [(B, 1)], record_calls=0)
    L.make_flow("T通话控制", [DID], [
        ("q", "queue", {"queue_id": qid}),
        ("bye", "hangup", {"prompt_id": ("prompt", "goodbye")}),
    ], [("q", "fail", "bye")], "q")
    t.ok(L.reload_config(), "queues tc, tc2 and the flow are loaded")
    for s in (A, B, C):
        L.ctl1("agent_logout %d" % s)
    phone("A", EXT_A, PW_A, source=noise("cc_agent_a.wav", 71))
    phone("B", EXT_B, PW_B, source=noise("cc_agent_b.wav", 72))
    ctl_ok("agent_login %d" % A)
    for cmd, want in (("hold x", "ERR bad call id"), ("hold 0", "ERR bad call id"),
                      ("hold 999999", "ERR no such call"), ("unhold 999999", "ERR no such call"),
                      ("transfer 1 a;b", "ERR bad target"), ("consult x 1002", "ERR bad call id"),
                      ("complete 999999", "ERR no such call"), ("cancel 999999", "ERR no such call"),
                      ("conference 999999 1002", "ERR no such call"),
                      ("pickup 1 12a", "ERR bad extension"), ("pickup 999999 1002", "ERR no such call"),
                      ("originate 1001 12x", "ERR bad number"),
                      ("originate 1009 13800001234", "ERR extension not registered")):
        t.eq(L.ctl1(cmd), [want], "control: %s -> %s" % (cmd, want))


def hold():
    number = "13912349001"
    bs, live, db = queue_call(number, noise("cc_caller_hold.wav", 73), phones["A"])
    try:
        cid = live["id"]
        grow(phones["A"], 3)
        t.eq(L.ctl1("unhold %d" % cid), ["ERR call is not on hold"], "unhold: refused when not on hold")
        t.eq(L.ctl1("hold %d" % cid), ["OK hold %d" % cid], "control: hold")
        t.eq(L.ctl1("hold %d" % cid), ["ERR call is already on hold"], "hold: twice is refused")
        t.ok(L.wait_event(db, "hold", EXT_A), "hold: call_event hold", L.events_of(db))
        t.ok(L.wait_event(db, "prompt", L.prompt_media("moh")), "hold: music on hold plays to the caller")
        rx_c = grow(bs, 6)
        rx_a = received(phones["A"])
        moh = L.wav_read(L.prompt_file("moh"))[0].tolist()[:4 * L.RATE]
        s = hears(moh, rx_c, tail_s=6)
        t.ok(s >= HEARD, "hold: the caller hears music on hold (cross-correlation)", "score %.2f" % s)
        s = hears(moh, rx_a, tail_s=6)
        t.ok(s < 0.5, "hold: the agent does not hear the music", "score %.2f" % s)
        s = hears(L.wav_read(noise("cc_caller_hold.wav", 73))[0].tolist(), rx_a, tail_s=4)
        t.ok(s < 0.5, "hold: the agent does not hear the caller", "score %.2f" % s)
        t.eq(L.ctl1("unhold %d" % cid), ["OK unhold %d" % cid], "control: unhold")
        ev = L.wait_event(db, "unhold", "%s *" % EXT_A)
        t.ok(ev, "unhold: call_event unhold with the seconds", L.events_of(db))
        rx_a = grow(phones["A"], 7)
        s = hears(L.wav_read(noise("cc_caller_hold.wav", 73))[0].tolist(), rx_a, tail_s=6)
        t.ok(s >= HEARD, "unhold: the agent hears the caller again", "score %.2f" % s)
        bs.hangup()
        phones["A"].wait_event("CALL_CLOSED")
        row = cdr_ended(db)
        hs = L.sql("SELECT hold_seconds FROM `call` WHERE id = %d" % db)
        t.ok(row and row["disposition"] == "answered" and hs and hs[0][0] not in (None, "NULL", "0"),
             "hold: CDR answered with hold_seconds", (row, hs))
    finally:
        bs.close()


def blind_ext():
    number = "13912349002"
    csrc = noise("cc_caller_blind.wav", 74)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        t.eq(L.ctl1("transfer %d %s" % (cid, EXT_C)), ["ERR extension not registered"],
             "transfer: an unregistered staff extension is refused")
        t.eq(L.ctl1("transfer %d %s" % (cid, EXT_B)), ["OK transfer %d %s" % (cid, EXT_B)],
             "control: transfer to extension %s" % EXT_B)
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "transfer: B's phone rings and answers")
        t.ok(phones["A"].wait_event("CALL_CLOSED"), "transfer: A's phone gets BYE")
        t.ok(L.wait_event(db, "transfer_complete", "%s -> %s" % (EXT_A, EXT_B)),
             "transfer: call_event transfer_complete", L.events_of(db))
        rx_b = grow(phones["B"], 6)
        s = hears(L.wav_read(csrc)[0].tolist(), rx_b, tail_s=5)
        t.ok(s >= HEARD, "transfer: the caller's audio reaches the new agent B", "score %.2f" % s)
        rx_c = received(bs)
        s = hears(L.wav_read(noise("cc_agent_b.wav", 72))[0].tolist(), rx_c, tail_s=6)
        t.ok(s >= HEARD, "transfer: the caller hears B", "score %.2f" % s)
        t.ok((L.call_by_caller(number) or {}).get("agent") == EXT_B, "control: calls shows agent B")
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
        row = cdr_ended(db)
        t.ok(row and row["agent_id"] == str(B) and row["agent_extension"] == EXT_B and
             row["disposition"] == "answered", "transfer: CDR names B as the agent", row)
    finally:
        bs.close()


def blind_failed():
    number = "13912349003"
    csrc = noise("cc_caller_fail.wav", 75)
    bman = phone("B", EXT_B, PW_B, auto=False)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        ctl_ok("transfer %d %s" % (cid, EXT_B))
        t.ok(bman.wait_event("CALL_INCOMING"), "failed transfer: B's phone rings")
        t.ok(L.wait_event(db, "prompt", L.prompt_media("moh")), "failed transfer: the caller hears music meanwhile")
        bman.hangup()   # B declines
        t.ok(L.wait_event(db, "transfer_failed", "%s *" % EXT_B), "failed transfer: call_event transfer_failed",
             L.events_of(db))
        t.ok(L.wait_event(db, "unhold", "%s *" % EXT_A), "failed transfer: the caller is back with A")
        rx_a = grow(phones["A"], 7)
        s = hears(L.wav_read(csrc)[0].tolist(), rx_a, tail_s=6)
        t.ok(s >= HEARD, "failed transfer: A hears the caller again", "score %.2f" % s)
        bs.hangup()
        phones["A"].wait_event("CALL_CLOSED")
    finally:
        bs.close()
        phone("B", EXT_B, PW_B, source=noise("cc_agent_b.wav", 72))


def blind_orphaned():
    """A hangs up while the transfer target rings, then the target declines: the caller goes
    back into the queue and is answered again (not lost)."""
    number = "13912349006"
    csrc = noise("cc_caller_orphan.wav", 82)
    bman = phone("B", EXT_B, PW_B, auto=False)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        ctl_ok("transfer %d %s" % (cid, EXT_B))
        t.ok(bman.wait_event("CALL_INCOMING"), "agent leaves: B's phone rings")
        phones["A"].hangup()
        t.ok(L.wait_event(db, "agent_hangup", "%s during transfer" % EXT_A), "agent leaves: A hangs up meanwhile",
             L.events_of(db))
        bman.hangup()
        t.ok(L.wait_event(db, "requeue", "tc"), "agent leaves, B declines: the caller goes back into queue tc",
             L.events_of(db))
        t.ok(phones["A"].wait_event("CALL_ESTABLISHED"), "agent leaves: the queue's agent A answers the caller again")
        rx_a = grow(phones["A"], 7)
        s = hears(L.wav_read(csrc)[0].tolist(), rx_a, tail_s=6)
        t.ok(s >= HEARD, "agent leaves: A hears the caller again", "score %.2f" % s)
        bs.hangup()
        phones["A"].wait_event("CALL_CLOSED")
    finally:
        bs.close()
        phone("B", EXT_B, PW_B, source=noise("cc_agent_b.wav", 72))


def consult_agent_leaves():
    """The agent hangs up during an answered consultation: the consulted party gets the caller."""
    number = "13912349012"
    csrc = noise("cc_caller_consult2.wav", 83)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        ctl_ok("consult %d %s" % (cid, EXT_B))
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "consult, agent leaves: B answers")
        t.ok(L.wait_event(db, "consult_answered", EXT_B), "consult, agent leaves: consult_answered")
        phones["A"].hangup()
        t.ok(L.wait_event(db, "transfer_complete", "- -> %s" % EXT_B) or
             L.wait_event(db, "transfer_complete", "%s -> %s" % (EXT_A, EXT_B)),
             "consult, agent leaves: the transfer completes", L.events_of(db))
        rx_b = grow(phones["B"], 7)
        s = hears(L.wav_read(csrc)[0].tolist(), rx_b, tail_s=6)
        t.ok(s >= HEARD, "consult, agent leaves: B hears the caller", "score %.2f" % s)
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
    finally:
        bs.close()


def blind_queue():
    number = "13912349004"
    ctl_ok("agent_login %d" % B)
    sup = L.agent_phone("cc_supervisor", EXT_C, PW_C)
    bs, live, db = queue_call(number, noise("cc_caller_q.wav", 76), phones["A"])
    try:
        cid = live["id"]
        t.eq(sup.wait_registered(), "OK", "queue transfer: a supervisor's phone registers")
        L.wait_for(lambda: EXT_C in L.agents())
        ctl_ok("listen %d %s" % (cid, EXT_C))
        t.ok(sup.wait_event("CALL_ESTABLISHED"), "queue transfer: the supervisor listens")
        t.eq(L.ctl1("transfer %d tc2" % cid), ["OK transfer %d tc2" % cid], "control: transfer to queue tc2")
        t.ok(phones["A"].wait_event("CALL_CLOSED"), "queue transfer: A's phone gets BYE")
        t.ok(sup.wait_event("CALL_CLOSED") and L.wait_event(db, "monitor_end", "%s transferred to a queue" % EXT_C),
             "queue transfer: the supervisor's listening ends with the bridge")
        t.ok(L.wait_event(db, "enter", "*"), "queue transfer: the caller enters tc2", L.events_of(db))
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "queue transfer: tc2's agent B answers")
        t.ok(L.wait_event(db, "answer", "%s wait *" % EXT_B), "queue transfer: call_event answer by B")
        q = L.sql("SELECT queue FROM call_event WHERE call_id = %d AND event = 'answer' ORDER BY id DESC" % db)
        t.eq(q and q[0][0], "tc2", "queue transfer: the answer is in queue tc2")
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
        row = cdr_ended(db)
        t.ok(row and row["agent_id"] == str(B), "queue transfer: CDR agent B", row)
    finally:
        bs.close()
        sup.close()
        L.ctl1("agent_logout %d" % B)


def blind_external():
    number = "13912349005"
    gwp, log = gateway("cc_gw_transfer")
    csrc = noise("cc_caller_ext.wav", 77)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        t.eq(L.ctl1("transfer %d %s" % (cid, GW_NUMBER)), ["OK transfer %d %s" % (cid, GW_NUMBER)],
             "control: transfer to an external number")
        t.ok(L.wait_event(db, "transfer_answered", GW_NUMBER), "external transfer: the gateway answers",
             L.events_of(db))
        t.ok(phones["A"].wait_event("CALL_CLOSED"), "external transfer: A's phone gets BYE")
        rx = grow(bs, 9)
        s = hears(L.wav_read(csrc)[0].tolist(), rx, tail_s=8)
        # two jitter buffers and SIPp's echo in the path: a slip now and then costs a window
        # (unrelated audio scores near 0)
        t.ok(s >= 0.7, "external transfer: the caller's audio goes out and back through the gateway (echo)",
             "score %.2f" % s)
        bs.hangup()
        t.eq(gateway_done(gwp, log), 0, "external transfer: the gateway got BYE")
        row = cdr_ended(db)
        t.ok(row and row["agent_extension"] == GW_NUMBER, "external transfer: CDR names the number", row)
    finally:
        bs.close()
        if gwp.poll() is None:
            gwp.kill()
            gwp.wait()


def consult():
    for mode in ("cancel", "complete"):
        number = "1391234901%d" % (0 if mode == "cancel" else 1)
        csrc = noise("cc_caller_consult.wav", 78)
        bs, live, db = queue_call(number, csrc, phones["A"])
        try:
            cid = live["id"]
            t.eq(L.ctl1("complete %d" % cid), ["ERR no consultation under way"], "%s: complete without consult" % mode)
            t.eq(L.ctl1("consult %d %s" % (cid, EXT_B)), ["OK consult %d %s" % (cid, EXT_B)],
                 "control: consult %s" % EXT_B)
            t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "%s: B answers the consultation" % mode)
            t.ok(L.wait_event(db, "consult_answered", EXT_B), "%s: call_event consult_answered" % mode)
            rx_b = grow(phones["B"], 7)
            rx_c = received(bs)
            s = hears(L.wav_read(noise("cc_agent_a.wav", 71))[0].tolist(), rx_b, tail_s=6)
            t.ok(s >= HEARD, "%s: B hears the agent A" % mode, "score %.2f" % s)
            s = hears(L.wav_read(csrc)[0].tolist(), rx_b, tail_s=6)
            t.ok(s < 0.5, "%s: B does not hear the caller during the consultation" % mode, "score %.2f" % s)
            moh = L.wav_read(L.prompt_file("moh"))[0].tolist()   # 20 s, looped: the tail is in its first turn
            s = hears(moh, rx_c, tail_s=5)
            t.ok(s >= HEARD, "%s: the caller hears music on hold meanwhile" % mode, "score %.2f" % s)
            t.eq(L.ctl1("%s %d" % (mode, cid)), ["OK %s %d" % (mode, cid)], "control: %s" % mode)
            if mode == "cancel":
                t.ok(phones["B"].wait_event("CALL_CLOSED"), "cancel: B gets BYE")
                t.ok(L.wait_event(db, "unhold", "%s *" % EXT_A), "cancel: the caller is off hold")
                rx_a = grow(phones["A"], 7)
                s = hears(L.wav_read(csrc)[0].tolist(), rx_a, tail_s=6)
                t.ok(s >= HEARD, "cancel: A hears the caller again", "score %.2f" % s)
                bs.hangup()
                phones["A"].wait_event("CALL_CLOSED")
            else:
                t.ok(phones["A"].wait_event("CALL_CLOSED"), "complete: A gets BYE")
                t.ok(L.wait_event(db, "transfer_complete", "%s -> %s" % (EXT_A, EXT_B)),
                     "complete: call_event transfer_complete")
                rx_b = grow(phones["B"], 7)
                s = hears(L.wav_read(csrc)[0].tolist(), rx_b, tail_s=6)
                t.ok(s >= HEARD, "complete: B hears the caller", "score %.2f" % s)
                bs.hangup()
                phones["B"].wait_event("CALL_CLOSED")
                row = cdr_ended(db)
                t.ok(row and row["agent_id"] == str(B), "complete: CDR agent B", row)
        finally:
            bs.close()


def conference():
    number = "13912349020"
    csrc = noise("cc_caller_conf.wav", 79)
    quiet_a = os.path.join(L.ARTIFACTS, "silence120.wav")
    phone("A", EXT_A, PW_A, source=quiet_a)
    bsrc = noise("cc_agent_b_low.wav", 80, level=1500)
    phone("B", EXT_B, PW_B, source=bsrc)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        cid = live["id"]
        t.eq(L.ctl1("conference %d %s" % (cid, EXT_B)), ["OK conference %d %s" % (cid, EXT_B)],
             "control: conference %s" % EXT_B)
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "conference: B answers")
        t.ok(L.wait_event(db, "conference_answered", EXT_B), "conference: call_event conference_answered")
        rx_b = grow(phones["B"], 6)
        rx_c = received(bs)
        rx_a = received(phones["A"])
        cs = L.wav_read(csrc)[0].tolist()
        s = hears(cs, rx_b, tail_s=5)
        t.ok(s >= HEARD, "conference: B hears the caller", "score %.2f" % s)
        s = hears(L.wav_read(bsrc)[0].tolist(), rx_c, tail_s=5)
        t.ok(s >= HEARD, "conference: the caller hears B", "score %.2f" % s)
        s = hears(cs, rx_a, tail_s=5)
        t.ok(s >= HEARD, "conference: A still hears the caller (with B mixed in)", "score %.2f" % s)
        phones["B"].hangup()
        t.ok(L.wait_event(db, "conference_end", "%s *" % EXT_B), "conference: B leaves, call_event conference_end")
        t.eq((L.call_by_caller(number) or {}).get("state"), "bridged", "conference: caller and A stay bridged")
        bs.hangup()
        phones["A"].wait_event("CALL_CLOSED")
    finally:
        bs.close()
        phone("A", EXT_A, PW_A, source=noise("cc_agent_a.wav", 71))
        phone("B", EXT_B, PW_B, source=noise("cc_agent_b.wav", 72))


def pickup():
    number = "13912349030"
    aman = phone("A", EXT_A, PW_A, auto=False)
    L.make_queue("tc", [(A, 1)], record_calls=0, ring_seconds=60)
    L.reload_config()
    ctl_ok("agent_ready %d" % A)
    bs = L.caller("cc_pickup", number, noise("cc_caller_pickup.wav", 81))
    try:
        bs.dial(L.did_uri(DID))
        t.ok(aman.wait_event("CALL_INCOMING"), "pickup: A's phone rings (nobody answers)")
        db = L.call_db(number)
        cid = (L.call_by_caller(number) or {}).get("id", 0)
        t.eq(L.ctl1("pickup %d %s" % (cid, EXT_B)), ["ERR agent is not logged in"],
             "pickup: refused for an agent who is not logged in")
        ctl_ok("agent_login %d" % B)
        t.eq(L.ctl1("pickup %d %s" % (cid, EXT_B)), ["OK pickup %d %s" % (cid, EXT_B)], "control: pickup")
        t.ok(aman.wait_event("CALL_CLOSED"), "pickup: A's ringing phone gets CANCEL")
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "pickup: B's phone answers")
        t.ok(L.wait_event(db, "pickup", EXT_B), "pickup: call_event pickup", L.events_of(db))
        t.ok(bridged(number), "pickup: the caller is bridged to B")
        rx_b = grow(phones["B"], 7)
        s = hears(L.wav_read(noise("cc_caller_pickup.wav", 81))[0].tolist(), rx_b, tail_s=6)
        t.ok(s >= HEARD, "pickup: B hears the caller", "score %.2f" % s)
        t.eq(L.ctl1("pickup %d %s" % (cid, EXT_B)), ["ERR call is not waiting in a queue"],
             "pickup: a bridged call cannot be picked up")
        bs.hangup()
        phones["B"].wait_event("CALL_CLOSED")
        row = cdr_ended(db)
        t.ok(row and row["agent_id"] == str(B), "pickup: CDR agent B", row)
    finally:
        bs.close()
        L.ctl1("agent_logout %d" % B)
        L.make_queue("tc", [(A, 1)], record_calls=1)
        L.reload_config()
        phone("A", EXT_A, PW_A, source=noise("cc_agent_a.wav", 71))


def originate():
    row = L.sql("SELECT resident_id, phone FROM resident_phone ORDER BY id LIMIT 1")
    if not t.ok(row, "originate: the fixture has a resident with a phone"):
        return
    rid, number = row[0]
    gwp, log = gateway("cc_gw_originate")
    try:
        r = L.ctl1("originate %s %s" % (EXT_A, number))
        t.ok(r and r[0].startswith("OK call "), "control: originate %s %s" % (EXT_A, number), r)
        cid = int(r[0].split()[-1]) if r and r[0].startswith("OK call ") else 0
        t.ok(phones["A"].wait_event("CALL_ESTABLISHED"), "originate: the agent's phone rings first and answers")
        live = L.wait_for(lambda: [c for c in L.calls() if c["id"] == cid and c["state"] == "bridged"])
        t.ok(live and live[0]["direction"] == "out", "originate: the number answers (gateway), bridged, out",
             L.calls())
        db = L.wait_for(lambda: int(([c for c in L.calls() if c["id"] == cid] or [{}])[0].get("db", "0"))) or 0
        t.ok(L.wait_event(db, "originate_dial", "%s *" % number), "originate: call_event originate_dial")
        rx = grow(phones["A"], 9)
        s = hears(L.wav_read(noise("cc_agent_a.wav", 71))[0].tolist(), rx, tail_s=8)
        t.ok(s >= HEARD, "originate: the agent's voice goes out through the gateway and back (echo)",
             "score %.2f" % s)
        phones["A"].hangup()
        t.eq(gateway_done(gwp, log), 0, "originate: the gateway got BYE when the agent hung up")
        row = cdr_ended(db)
        d = L.sql("SELECT direction, caller, callee, agent_id, resident_id FROM `call` WHERE id = %d" % db)
        t.eq(d and d[0], ["out", EXT_A, number, str(A), str(rid)],
             "originate: CDR outbound, the agent, the number and the resident")
        t.ok(row and row["disposition"] == "answered", "originate: CDR answered", row)
    finally:
        if gwp.poll() is None:
            gwp.kill()
            gwp.wait()


def web():
    """The agent bar's buttons and the pop's click-to-dial: POST /agent/call and /agent/dial
    act only on the signed-in agent's own phone and call."""
    import wl
    ca = wl.logged_in("t_agent")
    cb = wl.logged_in("t_agent2")
    number = "13912349040"
    csrc = noise("cc_caller_web.wav", 84)
    bs, live, db = queue_call(number, csrc, phones["A"])
    try:
        page = ca.get("/dashboard")
        t.ok('formaction="/agent/call"' in page.text and 'value="hold"' in page.text,
             "web: the agent bar has the call buttons", page.brief())
        tok_a, tok_b = wl.csrf_from(page.text), cb.csrf("/dashboard")
        r = cb.post("/agent/call", {"_csrf": tok_b, "action": "hold", "back": "/dashboard"})
        t.eq(r.status, 303, "web: POST /agent/call answers with a redirect")
        page = cb.get("/dashboard")
        t.ok("没有进行中的通话" in page.text or "no call on your desk phone" in page.text,
             "web: another agent (no call on their phone) is told so", wl.visible_text(page.text)[:300])
        t.ok(not L.wait_event(db, "hold", EXT_A, timeout=2), "web: another agent cannot hold A's call")
        r = ca.post("/agent/call", {"_csrf": "wrong", "action": "hold", "back": "/dashboard"})
        t.ok(r.status in (400, 403), "web: a wrong CSRF token is refused", r.brief())
        r = ca.post("/agent/call", {"_csrf": tok_a, "action": "hold", "back": "/dashboard"})
        t.ok(r.status == 303 and L.wait_event(db, "hold", EXT_A), "web: A holds their call", L.events_of(db))
        ca.post("/agent/call", {"_csrf": tok_a, "action": "unhold", "back": "/dashboard"})
        t.ok(L.wait_event(db, "unhold", "%s *" % EXT_A), "web: A resumes their call")
        r = ca.post("/agent/call", {"_csrf": tok_a, "action": "transfer", "target": "1 2", "back": "/dashboard"})
        page = ca.get("/dashboard")
        t.ok("转接目标" in page.text and ("请填写转接目标" in page.text or "Enter whom" in page.text),
             "web: a malformed transfer target is refused with a message")
        ca.post("/agent/call", {"_csrf": tok_a, "action": "transfer", "target": EXT_B, "back": "/dashboard"})
        t.ok(phones["B"].wait_event("CALL_ESTABLISHED"), "web: A transfers the caller to B, B answers")
        t.ok(phones["A"].wait_event("CALL_CLOSED"), "web: A's phone hangs up after the transfer")
        tok_b = cb.csrf("/dashboard")
        cb.post("/agent/call", {"_csrf": tok_b, "action": "hangup", "back": "/dashboard"})
        t.ok(phones["B"].wait_event("CALL_CLOSED") and bs.wait_event("CALL_CLOSED"),
             "web: B hangs the call up from the bar")
    finally:
        bs.close()
    row = L.sql("SELECT resident_id, phone FROM resident_phone ORDER BY id LIMIT 1")
    if not row:
        return
    rid, rnum = row[0]
    page = ca.get("/pop?phone=%s&resident=%s" % (rnum, rid))
    t.ok('action="/agent/dial"' in page.text, "web: the pop offers click-to-dial for the caller's number",
         page.brief())
    tok_a = wl.csrf_from(page.text)
    r = ca.post("/agent/dial", {"_csrf": tok_a, "number": "12ab", "back": "/dashboard"})
    t.ok(r.status == 303 and ("号码只能包含数字" in ca.get("/dashboard").text),
         "web: a malformed number is refused with a message")
    gwp, log = gateway("cc_gw_web")
    try:
        r = ca.post("/agent/dial", {"_csrf": tok_a, "number": rnum, "back": "/pop?phone=%s" % rnum})
        t.eq(r.status, 303, "web: POST /agent/dial")
        t.ok(phones["A"].wait_event("CALL_ESTABLISHED"), "web dial: A's phone rings first and answers")
        live = L.wait_for(lambda: [c for c in L.calls() if c["direction"] == "out" and c["state"] == "bridged"
                                   and c["callee"] == rnum])
        t.ok(live, "web dial: the number is dialled and bridged", L.calls())
        db = L.wait_for(lambda: int(([c for c in L.calls() if c["direction"] == "out"] or [{}])[0].get("db", "0")))
        phones["A"].hangup()
        t.eq(gateway_done(gwp, log), 0, "web dial: the gateway got BYE")
        cdr_ended(db or 0)
        d = L.sql("SELECT direction, caller, agent_id FROM `call` WHERE id = %d" % (db or 0))
        t.eq(d and d[0], ["out", EXT_A, str(A)], "web dial: CDR outbound by A (their own extension)")
    finally:
        if gwp.poll() is None:
            gwp.kill()
            gwp.wait()


try:
    # python3 test_callctl.py [function ...] runs the setup and only those sections
    only = set(sys.argv[1:])
    for name, fn in (("setup", setup),
                     ("hold and unhold", hold),
                     ("blind transfer to an extension", blind_ext),
                     ("blind transfer not answered", blind_failed),
                     ("blind transfer, the agent leaves, not answered", blind_orphaned),
                     ("blind transfer to a queue", blind_queue),
                     ("blind transfer to an external number", blind_external),
                     ("attended transfer", consult),
                     ("attended transfer, the agent hangs up", consult_agent_leaves),
                     ("three-way conference", conference),
                     ("pickup", pickup),
                     ("originate", originate),
                     ("web: agent bar and click-to-dial", web)):
        if not only or fn is setup or fn.__name__ in only:
            t.section(name, fn)
finally:
    for s in (A, B):
        L.ctl1("agent_logout %d" % s)
    for p in phones.values():
        p.close()
t.done()
