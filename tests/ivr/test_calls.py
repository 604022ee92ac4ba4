#!/usr/bin/python3
"""test_calls.py — calls through ivrd's built-in IVR (what answers when no flow matches the
called number and no flow is the default: the test switches the demo's default flow off for
its duration) with real clients (baresip): a resident calling through
the trunk hears the welcome prompt (cross-correlated with the prompt file); digits sent as
RFC 4733 events and as in-band tones are recognised; digit 0 rings the agent's registered
desk phone (auto-answer) and bridges the two: each side hears what the other sent, and the
stereo recording holds the caller on the left and the agent on the right; the CDR row and the
call events say what happened."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_calls")
os.makedirs(L.ARTIFACTS, exist_ok=True)
SILENCE = os.path.join(L.ARTIFACTS, "silence60.wav")
L.wav_write(SILENCE, [0] * (60 * L.RATE))
PROMPT = os.path.join(L.VAR, "prompts/welcome.wav")


def caller_account(number):
    return "<sip:%s@127.0.0.1>;regint=0" % number


def finish_call(bs, number):
    """Hangs up from the caller's side; returns the CDR's database id."""
    c = L.call_by_caller(number)
    db = int(c["db"]) if c and c.get("db", "0") != "0" else None
    bs.hangup()
    t.ok(bs.wait_event("CALL_CLOSED"), "%s: the call closes after the caller hangs up" % number)
    t.ok(L.wait_for(lambda: not L.call_by_caller(number)), "%s: ivrd drops the call" % number,
         lambda: L.calls())
    return db


def cdr_when_ended(db):
    return L.wait_for(lambda: (lambda r: r if r and r["ended"] == "1" else None)(L.cdr(db)))


def prompt_and_rfc4733():
    number = "13912340001"
    bs = L.Baresip("caller_prompt", caller_account(number), SILENCE)
    try:
        bs.dial()
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "trunk call is answered")
        c = L.wait_for(lambda: L.call_by_caller(number))
        t.ok(c and c["state"] == "ivr" and c["callee"] == "ivr", "control socket lists the call in the IVR",
             lambda: L.calls())
        db = L.wait_for(lambda: int((L.call_by_caller(number) or {}).get("db", "0")))
        t.ok(db, "the call has a CDR row")
        t.ok(L.wait_for(lambda: ("prompt_end", "welcome") in L.events_of(db)),
             "the welcome prompt plays to its end", lambda: L.events_of(db))
        bs.dtmf("42")
        got = L.wait_for(lambda: (L.call_by_caller(number) or {}).get("digits") == "42")
        t.ok(got, "RFC 4733 digits 4 and 2 are recognised", lambda: L.calls())
        finish_call(bs, number)
        row = cdr_when_ended(db)
        t.ok(row, "the CDR gets its end time")
        if row:
            t.eq(row["disposition"], "ivr", "CDR disposition of an IVR-only call")
            t.eq(row["caller"], number, "CDR caller number")
            t.ok(row["sip_call_id"], "CDR keeps the SIP Call-ID")
            t.ok(row["agent_extension"] is None and row["talk_seconds"] is None,
                 "no agent and no talk time on an IVR-only call", row)
        evs = L.events_of(db)
        for ev in (("dtmf", "4 rfc4733 caller"), ("dtmf", "2 rfc4733 caller")):
            t.ok(ev in evs, "call_event %s %s" % ev, evs)
        t.ok(any(e == "hangup" for e, _ in evs), "call_event hangup", evs)
        sent, received = bs.dumps()
        t.ok(received, "baresip dumped what it heard")
        if received:
            prompt, _ = L.wav_read(PROMPT)
            heard, _ = L.wav_read(received)
            score, offset = L.heard(list(prompt), list(heard))
            t.ok(score >= 0.9, "the caller heard the welcome prompt (cross-correlation)",
                 "score %.2f at offset %d" % (score, offset))
    finally:
        bs.close()


def inband():
    number = "13912340002"
    tones = os.path.join(L.ARTIFACTS, "dtmf_73.wav")
    L.wav_write(tones, L.dtmf_tones("73", start_s=2.0, total_s=60.0))
    bs = L.Baresip("caller_inband", caller_account(number), tones)
    try:
        bs.dial()
        t.ok(bs.wait_event("CALL_ESTABLISHED"), "in-band: trunk call is answered")
        got = L.wait_for(lambda: (L.call_by_caller(number) or {}).get("digits") == "73")
        t.ok(got, "in-band DTMF 7 and 3 are recognised", lambda: L.calls())
        db = finish_call(bs, number)
        evs = L.events_of(db) if db else []
        t.ok(("dtmf", "7 inband caller") in evs and ("dtmf", "3 inband caller") in evs,
             "call_event records the digits as in-band", evs)
    finally:
        bs.close()


def bridge():
    number = "13912340003"
    ext, pw = "1001", "Sip-pass-1001"
    staff_id = L.set_sip_password("t_agent", ext, pw)
    caller_wav = os.path.join(L.ARTIFACTS, "caller_noise.wav")
    agent_wav = os.path.join(L.ARTIFACTS, "agent_noise.wav")
    caller_audio = L.coded_noise(90, seed=1)
    agent_audio = L.coded_noise(90, seed=2)
    L.wav_write(caller_wav, caller_audio)
    L.wav_write(agent_wav, agent_audio)
    agent = L.Baresip("agent_phone", "<sip:%s@%s:%d>;auth_pass=%s;answermode=auto;regint=600"
                      % (ext, L.SIP_ADDR, L.SIP_PORT, pw), agent_wav)
    caller = None
    try:
        t.eq(agent.wait_registered(), "OK", "agent phone registers")
        t.ok(L.wait_for(lambda: ext in L.agents()), "agents lists extension %s" % ext)
        t.eq(L.ctl1("agent " + ext), ["OK agent " + ext], "control: digit 0 goes to %s" % ext)
        caller = L.Baresip("caller_bridge", caller_account(number), caller_wav)
        caller.dial()
        t.ok(caller.wait_event("CALL_ESTABLISHED"), "bridge: trunk call is answered")
        db = L.wait_for(lambda: int((L.call_by_caller(number) or {}).get("db", "0")))
        caller.dtmf("0")
        t.ok(agent.wait_event("CALL_ESTABLISHED"), "digit 0 rings the agent phone, which answers")
        t.ok(L.wait_for(lambda: (L.call_by_caller(number) or {}).get("state") == "bridged"),
             "the call is bridged", lambda: L.calls())
        rec = None
        if db:
            det = L.wait_for(lambda: [d for e, d in L.events_of(db) if e == "bridged"])
            if det and " " in det[0]:
                rec = os.path.join(L.VAR, det[0].split(" ", 1)[1])
        t.ok(rec, "the bridge is recorded (call_event bridged names the file)")
        # Enough bridged audio to compare: the recording grows once a second (6 s of stereo).
        if rec:
            L.wait_for(lambda: os.path.exists(rec) and os.path.getsize(rec) > 44 + 6 * L.RATE * 4,
                       timeout=60)
        finish_call(caller, number)
        t.ok(agent.wait_event("CALL_CLOSED"), "the agent's phone gets BYE when the caller hangs up")
        row = cdr_when_ended(db) if db else None
        t.ok(row, "bridged call: CDR ended")
        if row:
            t.eq(row["disposition"], "answered", "CDR disposition answered")
            t.eq(row["agent_extension"], ext, "CDR agent extension")
            t.eq(row["agent_id"], str(staff_id), "CDR agent is the staff account of the extension")
            t.ok(row["answered"] == "1" and row["wait_seconds"] is not None and
                 row["talk_seconds"] is not None, "CDR has answer time, wait and talk seconds", row)
            t.ok(row["recording_path"] and rec and rec.endswith(row["recording_path"]),
                 "CDR names the recording", row)
        evs = L.events_of(db) if db else []
        for name in ("agent_ringing", "bridged", "hangup"):
            t.ok(any(e == name for e, _ in evs), "call_event %s" % name, evs)

        c_sent, c_heard = caller.dumps()
        a_sent, a_heard = agent.dumps()
        if c_sent and a_heard:
            score, off = L.heard(L.wav_read(c_sent)[0].tolist(), L.wav_read(a_heard)[0].tolist())
            t.ok(score >= 0.9, "the agent heard the caller (cross-correlation)",
                 "score %.2f offset %d" % (score, off))
        else:
            t.ok(False, "the agent heard the caller", "missing dumps %r %r" % (c_sent, a_heard))
        if a_sent and c_heard:
            score, off = L.heard(L.wav_read(a_sent)[0].tolist(), L.wav_read(c_heard)[0].tolist())
            t.ok(score >= 0.9, "the caller heard the agent (cross-correlation)",
                 "score %.2f offset %d" % (score, off))
        else:
            t.ok(False, "the caller heard the agent", "missing dumps %r %r" % (a_sent, c_heard))
        if rec and os.path.exists(rec) and c_sent and a_sent:
            left, ch = L.wav_channel(rec, 0)
            right, _ = L.wav_channel(rec, 1)
            t.eq(ch, 2, "the recording is stereo")
            s1, _ = L.heard(L.wav_read(c_sent)[0].tolist(), left.tolist())
            s2, _ = L.heard(L.wav_read(a_sent)[0].tolist(), right.tolist())
            x1, _ = L.heard(L.wav_read(a_sent)[0].tolist(), left.tolist())
            t.ok(s1 >= 0.9, "recording: left channel is the caller", "score %.2f" % s1)
            t.ok(s2 >= 0.9, "recording: right channel is the agent", "score %.2f" % s2)
            t.ok(x1 < 0.5, "recording: the agent is not on the left channel", "score %.2f" % x1)
        else:
            t.ok(False, "recording comparable", "rec %r" % rec)
    finally:
        if caller:
            caller.close()
        agent.close()
        L.ctl1("agent -")


DEFAULTS = [r[0] for r in L.sql("SELECT id FROM ivr_flow WHERE is_default = 1")]


def builtin_on():
    L.sql("UPDATE ivr_flow SET is_default = 0")
    t.ok(L.reload_config(), "no default flow: ivrd falls back to its built-in IVR")


def builtin_off():
    for fid in DEFAULTS:
        L.sql("UPDATE ivr_flow SET is_default = 1 WHERE id = %s" % fid)
    t.ok(L.reload_config(), "the default flow is restored")


t.section("built-in IVR", builtin_on)
try:
    t.section("prompt and RFC 4733 digits", prompt_and_rfc4733)
    t.section("in-band digits", inband)
    t.section("bridge to an agent", bridge)
finally:
    builtin_off()
t.done()
