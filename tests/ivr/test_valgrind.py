#!/usr/bin/python3
"""test_valgrind.py — a second ivrd (the release build) under valgrind, beside the test
stack's, takes one real call (baresip through the trunk to a test flow's menu, a digit without a
branch) and is stopped with SIGTERM
while the call is up: the caller gets BYE, the CDR is written with the shutdown as its end,
ivrd exits 0, and valgrind finds no error and no definite or indirect leak.  A second run
goes through the agent's call control (originate, hold, unhold) with two registered phones
and is stopped while the call is bridged."""
import os
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ivrlib as L  # noqa: E402

t = L.Tap("test_valgrind")
IVRD = os.path.join(L.ROOT, "build/bin/ivrd")


def make_var(base):
    """A WL_VAR of its own (control socket, pid, logs) that shares the stack's database."""
    shutil.rmtree(base, ignore_errors=True)
    for d in ("run", "log", "recordings"):
        os.makedirs(os.path.join(base, d))
    os.symlink(os.path.join(L.VAR, "secret"), os.path.join(base, "secret"))
    os.symlink(os.path.join(L.VAR, "prompts"), os.path.join(base, "prompts"))
    os.symlink(os.path.join(L.VAR, "run/mysqld.sock"), os.path.join(base, "run/mysqld.sock"))


def main():
    if not t.ok(os.access(IVRD, os.X_OK), "release ivrd is built (%s)" % IVRD):
        return
    if not t.ok(shutil.which("valgrind"), "valgrind is installed"):
        return
    base = os.path.join(L.ARTIFACTS, "valgrind")
    make_var(base)
    L.make_flow("T valgrind", ["7099"], [
        ("m", "menu", {"prompt_id": ("prompt", "main_menu"), "invalid_prompt_id": ("prompt", "menu_invalid"),
                       "timeout_seconds": 60, "retries": 5}),
        ("a", "play", {"prompt_id": ("prompt", "status_new")}),
    ], [("m", "1", "a")], "m")
    t.ok(L.reload_config(), "the test flow is stored")
    port = L.free_port()
    env = dict(os.environ, WL_VAR=base, WL_SIP_PORT=str(port), WL_RTP_PORT_MIN="22000",
               WL_RTP_PORT_MAX="22999", WL_IVR_NODE="valgrind", WL_IVR_AGENT="",
               WL_SIP_OUTBOUND="")
    vlog = os.path.join(base, "log/valgrind.log")
    out = open(os.path.join(base, "log/ivrd.log"), "wb")
    p = subprocess.Popen(["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
                          "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=99",
                          "--log-file=" + vlog, IVRD, "--pidfile", os.path.join(base, "run/ivrd.pid")],
                         env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                         close_fds=True)
    ctl = os.path.join(base, "run/ivrd.sock")
    bs = None
    try:
        up = L.wait_for(lambda: os.path.exists(ctl) and L.ctl1("ping", path=ctl) == ["OK pong"],
                        timeout=120, step=0.5)
        if not t.ok(up, "ivrd under valgrind answers its control socket"):
            return
        t.eq(L.ctl1("originate 1001 13800001111", path=ctl),
             ["ERR no outbound trunk (WL_SIP_OUTBOUND is empty)"],
             "originate is refused with a clear reason when WL_SIP_OUTBOUND is empty")
        silence = os.path.join(L.ARTIFACTS, "silence60.wav")
        L.wav_write(silence, [0] * (60 * L.RATE))
        number = "13912349999"
        bs = L.Baresip("caller_valgrind", "<sip:%s@127.0.0.1>;regint=0" % number, silence)
        bs.dial("sip:7099@%s:%d" % (L.SIP_ADDR, port))
        t.ok(bs.wait_event("CALL_ESTABLISHED", timeout=120), "valgrind ivrd answers a trunk call")
        bs.dtmf("5")

        def digits():
            for line in L.ctl1("calls", path=ctl):
                if line.startswith("CALL ") and " %s " % number in line and "digits=5" in line:
                    return line
            return None
        line = L.wait_for(digits, timeout=120)
        t.ok(line, "valgrind ivrd recognises the digit")
        db = int(line.split("db=", 1)[1].split()[0]) if line and "db=" in line else 0
        p.send_signal(signal.SIGTERM)
        t.ok(bs.wait_event("CALL_CLOSED", timeout=120), "SIGTERM: the caller gets BYE")
        try:
            rc = p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            rc = None
        t.eq(rc, 0, "ivrd exits 0 after SIGTERM, valgrind reports no error and no leak")
        with open(vlog, errors="replace") as f:
            report = f.read()
        summary = [x for x in report.splitlines() if "ERROR SUMMARY" in x or "definitely lost" in x
                   or "indirectly lost" in x]
        print("# valgrind: " + " | ".join(s.split("== ", 1)[-1] for s in summary))
        t.ok("ERROR SUMMARY: 0 errors" in report, "valgrind: 0 errors", summary)
        row = L.cdr(db) if db else None
        t.ok(row and row["ended"] == "1" and row["disposition"] == "ivr",
             "the CDR of the call cut by the shutdown is flushed", row)
        evs = L.events_of(db) if db else []
        t.ok(("hangup", "shutdown ivr") in evs, "call_event hangup by shutdown", evs)
        t.ok(not os.path.exists(ctl), "the control socket is removed on exit")
    finally:
        if bs:
            bs.close()
        if p.poll() is None:
            p.kill()
            p.wait()
        out.close()


def start(name, port):
    """A release ivrd under valgrind with its own WL_VAR; returns (process, ctl path, log)."""
    base = os.path.join(L.ARTIFACTS, name)
    make_var(base)
    env = dict(os.environ, WL_VAR=base, WL_SIP_PORT=str(port), WL_RTP_PORT_MIN="22000",
               WL_RTP_PORT_MAX="22999", WL_IVR_NODE="valgrind", WL_IVR_AGENT="")
    vlog = os.path.join(base, "log/valgrind.log")
    out = open(os.path.join(base, "log/ivrd.log"), "wb")
    p = subprocess.Popen(["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
                          "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=99",
                          "--log-file=" + vlog, IVRD, "--pidfile", os.path.join(base, "run/ivrd.pid")],
                         env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                         close_fds=True)
    out.close()
    return p, os.path.join(base, "run/ivrd.sock"), vlog


def callctl():
    """The agent's call control under valgrind: originate (hung up while the gateway does not
    answer), then on a bridged call hold and unhold, and SIGTERM with the call bridged."""
    if not os.access(IVRD, os.X_OK) or not shutil.which("valgrind"):
        t.ok(False, "release ivrd and valgrind")
        return
    L.make_flow("T valgrind", ["7099"], [
        ("m", "menu", {"prompt_id": ("prompt", "main_menu"), "invalid_prompt_id": ("prompt", "menu_invalid"),
                       "timeout_seconds": 60, "retries": 5}),
    ], [], "m")
    L.reload_config()
    port = L.free_port()
    p, ctl, vlog = start("valgrind_callctl", port)
    phones, bs = [], None

    def cmd(c, want=None):
        r = L.ctl1(c, path=ctl)
        t.ok(r and r[-1].startswith(want or "OK"), "valgrind ivrd: %s" % c, r)
        return r

    try:
        up = L.wait_for(lambda: os.path.exists(ctl) and L.ctl1("ping", path=ctl) == ["OK pong"],
                        timeout=120, step=0.5)
        if not t.ok(up, "ivrd under valgrind (call control) answers its control socket"):
            return
        silence = os.path.join(L.ARTIFACTS, "silence60.wav")
        L.wav_write(silence, [0] * (60 * L.RATE))
        for ext, login in (("1001", "t_agent"), ("1002", "t_agent2")):
            L.set_sip_password(login, ext, "Sip-pass-" + ext)
            ph = L.Baresip("vg_phone_" + ext, "<sip:%s@%s:%d>;auth_pass=Sip-pass-%s;answermode=auto;regint=600"
                           % (ext, L.SIP_ADDR, port, ext), silence)
            phones.append(ph)
            t.eq(ph.wait_registered(timeout=120), "OK", "valgrind ivrd: phone %s registers" % ext)
        pa = phones[0]
        r = cmd("originate 1001 13800001111")
        t.ok(pa.wait_event("CALL_ESTABLISHED", timeout=120), "originate: the agent's phone answers")
        oid = r[0].split()[-1] if r and r[0].startswith("OK call ") else "0"
        cmd("hangup %s" % oid)
        t.ok(pa.wait_event("CALL_CLOSED", timeout=120), "originate hung up: the agent's phone gets BYE")
        number = "13912349998"
        bs = L.Baresip("caller_valgrind_cc", "<sip:%s@127.0.0.1>;regint=0" % number, silence)
        bs.dial("sip:7099@%s:%d" % (L.SIP_ADDR, port))
        t.ok(bs.wait_event("CALL_ESTABLISHED", timeout=120), "valgrind ivrd answers a trunk call")
        live = L.wait_for(lambda: [x.split()[1] for x in L.ctl1("calls", path=ctl)
                                   if x.startswith("CALL ") and " %s " % number in x], timeout=60)
        cid = live[0] if live else "0"
        cmd("bridge %s 1001" % cid)
        t.ok(pa.wait_event("CALL_ESTABLISHED", timeout=120), "bridge: A answers")

        def state(want):
            return L.wait_for(lambda: [x for x in L.ctl1("calls", path=ctl)
                                       if x.startswith("CALL %s %s " % (cid, want))], timeout=120)
        state("bridged")
        cmd("hold %s" % cid)
        cmd("unhold %s" % cid)
        # Conference, consultation and transfer to a second phone are left to test_callctl
        # (ASan and LeakSanitizer): under valgrind, after the suite's other telephony tests,
        # the third leg's INVITE to the second phone was twice not answered (unexplained,
        # see ivr/README "Not done yet"); here the call is cut while bridged.
        p.send_signal(signal.SIGTERM)
        t.ok(bs.wait_event("CALL_CLOSED", timeout=120), "SIGTERM on a bridged call: the caller gets BYE")
        try:
            rc = p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            rc = None
        t.eq(rc, 0, "call control: ivrd exits 0, valgrind reports no error and no leak")
        with open(vlog, errors="replace") as f:
            report = f.read()
        summary = [x for x in report.splitlines() if "ERROR SUMMARY" in x or "definitely lost" in x
                   or "indirectly lost" in x]
        print("# valgrind (call control): " + " | ".join(s.split("== ", 1)[-1] for s in summary))
        t.ok("ERROR SUMMARY: 0 errors" in report, "valgrind (call control): 0 errors", summary)
    finally:
        for ph in phones + ([bs] if bs else []):
            ph.close()
        if p.poll() is None:
            p.kill()
            p.wait()


t.section("ivrd under valgrind", main)
t.section("call control under valgrind", callctl)
t.done()
