#!/usr/bin/python3
"""test_sip.py — ivrd's SIP edge and control socket with real clients: an INVITE from an
address that is not a trunk gets 403 and a log line; a desk phone (baresip) with a wrong SIP
password is refused (logged, absent from `agents`), with the right one it is listed and has a
sip_registration row; malformed and truncated SIP from SIPp (UDP and TCP) and random bytes
leave ivrd answering normal calls; garbage on the control socket gets ERR lines and never
stops it."""
import os
import random
import socket
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_sip")
os.makedirs(L.ARTIFACTS, exist_ok=True)
SILENCE = os.path.join(L.ARTIFACTS, "silence60.wav")
L.wav_write(SILENCE, [0] * (60 * L.RATE))


def alive(what):
    t.eq(L.ctl1("ping"), ["OK pong"], "ivrd answers ping after %s" % what)


def non_trunk():
    off = L.log_offset()
    rc, out = L.sipp("invite_403.xml", local="127.0.0.2")
    t.eq(rc, 0, "INVITE from 127.0.0.2 (not a trunk) gets 403 Forbidden")
    if rc:
        print("# " + out[-800:].replace("\n", "\n# "))
    t.ok(L.wait_for(lambda: "not a trunk address" in L.log_since(off)),
         "the refused INVITE is logged", lambda: L.log_since(off)[-400:])
    rc, out = L.sipp("call_basic.xml")
    t.eq(rc, 0, "a trunk INVITE (SIPp, offering PCMA first) is answered with PCMA and hung up")
    if rc:
        print("# " + out[-800:].replace("\n", "\n# "))


def register():
    ext, pw = "1002", "Right-pass-1002"
    staff_id = L.set_sip_password("t_agent2", ext, pw)
    off = L.log_offset()
    bad = L.Baresip("phone_badpw", "<sip:%s@%s:%d>;auth_pass=wrong-%s;regint=600"
                    % (ext, L.SIP_ADDR, L.SIP_PORT, pw), SILENCE)
    try:
        t.eq(bad.wait_registered(), "ERR", "REGISTER with a wrong password is refused")
    finally:
        bad.close()
    log = L.wait_for(lambda: (lambda s: s if "wrong password" in s else None)(L.log_since(off)))
    t.ok(log and ("extension %s" % ext) in log, "the refused REGISTER is logged with the extension",
         lambda: L.log_since(off)[-400:])
    t.ok(log and pw not in log, "the log never holds the password")
    t.ok(ext not in L.agents(), "a refused phone is not in agents")

    good = L.Baresip("phone_goodpw", "<sip:%s@%s:%d>;auth_pass=%s;regint=600"
                     % (ext, L.SIP_ADDR, L.SIP_PORT, pw), SILENCE)
    try:
        t.eq(good.wait_registered(), "OK", "REGISTER with the right password succeeds")
        a = L.wait_for(lambda: L.agents().get(ext))
        t.ok(a and a["staff_id"] == str(staff_id) and a["contact"].startswith("sip:"),
             "agents lists the extension with its staff account and contact", a)
        row = L.wait_for(lambda: L.sql("SELECT staff_id, contact, expires_at > UTC_TIMESTAMP() "
                                       "FROM sip_registration WHERE extension = '%s'" % ext))
        t.ok(row and row[0][0] == str(staff_id) and row[0][2] == "1",
             "sip_registration holds the phone until it expires", row)
    finally:
        good.close()   # baresip unregisters on quit
    t.ok(L.wait_for(lambda: ext not in L.agents()), "unregistering removes the phone from agents")
    t.ok(L.wait_for(lambda: not L.sql("SELECT 1 FROM sip_registration WHERE extension = '%s'" % ext)),
         "... and its sip_registration row")
    bogus = L.Baresip("phone_noext", "<sip:4999@%s:%d>;auth_pass=x;regint=600"
                      % (L.SIP_ADDR, L.SIP_PORT), SILENCE)
    try:
        t.eq(bogus.wait_registered(), "ERR", "REGISTER for an extension nobody has is refused")
    finally:
        bogus.close()


def malformed():
    rc, out = L.sipp("malformed.xml")
    t.ok("Successful call" in out, "SIPp sent the malformed messages over UDP", out[-300:])
    alive("malformed SIP over UDP")
    L.sipp("malformed.xml", transport="t1")   # ivrd may close the connection: any outcome
    alive("malformed SIP over TCP")
    rnd = random.Random(4733)
    for i in range(200):
        junk = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 1400)))
        if i % 3 == 0:
            junk = b"INVITE sip:ivr@x SIP/2.0\r\n" + junk
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.sendto(junk, (L.SIP_ADDR, L.SIP_PORT))
        u.close()
    for i in range(20):
        try:
            s = socket.create_connection((L.SIP_ADDR, L.SIP_PORT), timeout=5)
            s.sendall(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 4000))))
            if i % 2:
                s.sendall(b"\r\n\r\nOPTIONS sip:ivr SIP/2.0\r\nContent-Length: 99999999\r\n\r\n")
            s.close()
        except OSError:
            pass
    alive("random bytes over UDP and TCP")
    for tr, name in (("u1", "UDP"), ("t1", "TCP")):
        rc, out = L.sipp("call_basic.xml", transport=tr)
        t.eq(rc, 0, "after the garbage ivrd still answers a normal call over %s" % name)
        if rc:
            print("# " + out[-800:].replace("\n", "\n# "))


def control_socket():
    r = L.ctl("ping", "frobnicate", "hangup 999999", "hangup x", "bridge 1 abc", "agent 12a",
              "originate 1001 12ab", "calls extra")
    flat = [x[-1] for x in r]
    t.eq(flat[0], "OK pong", "control: ping")
    t.ok(all(x.startswith("ERR ") for x in flat[1:]), "control: bad commands get ERR lines", flat)
    t.eq(flat[2], "ERR no such call", "control: hangup of an unknown call")
    # An overlong line, NUL bytes, binary, and a client that disconnects mid-line.
    s = L.connect_unix()
    s.sendall(b"x" * 5000 + b"\n" + b"pi\x00ng\n" + bytes(range(1, 256)) + b"\nping\n")
    buf = b""
    while buf.count(b"\n") < 4:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    s.close()
    lines = buf.decode("utf-8", "replace").split("\r\n")
    t.eq(lines[:2], ["ERR line too long", "ERR NUL byte in line"], "control: overlong line and NUL byte")
    t.ok("OK pong" in lines, "control: a good command after garbage still works", lines)
    for _ in range(100):
        s = L.connect_unix()
        s.sendall(b"calls\nagen")
        s.close()
    # The 65th client at once is refused (ERR too many connections) until ivrd has read
    # the others' hang-ups: wait for that, then ping.
    t.ok(L.wait_for(lambda: L.ctl1("ping") == ["OK pong"]),
         "ivrd answers ping after 100 clients that hung up mid-line")
    t.eq(L.ctl1("quit"), ["OK bye"], "control: quit")


t.section("non-trunk INVITE", non_trunk)
t.section("registrar", register)
t.section("malformed SIP", malformed)
t.section("control socket", control_socket)
t.done()
