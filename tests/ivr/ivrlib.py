"""ivrlib.py — what the telephony tests share: real SIP clients (baresip driven over ctrl_tcp,
SIPp scenarios), ivrd's control socket, WAV generation and the cross-correlation that tells
whether one side heard what the other sent.  Standard library only (/usr/bin/python3).

Reuses tests/integration/wl.py (Tap, sql, conf).  Environment (set by tests/run): WL_ROOT,
WL_VAR, WL_SIP_ADDR, WL_SIP_PORT, WL_TEST_ARTIFACTS.  Nothing here asserts a duration: every
wait is for an event, with a generous timeout.
"""
import array
import json
import math
import os
import queue
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import wave

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../integration"))

from wl import ROOT, VAR, Tap, conf, sql, sql_str, sql_value  # noqa: E402,F401

SIP_ADDR = conf("WL_SIP_ADDR", "127.0.0.1")
SIP_PORT = int(conf("WL_SIP_PORT", "15060"))
REALM = conf("WL_SIP_REALM", "warmline")
CTL = os.path.join(VAR, "run/ivrd.sock")
ARTIFACTS = os.path.join(os.environ.get("WL_TEST_ARTIFACTS", os.path.join(ROOT, "var/test/artifacts")), "ivr")
TRUNK_URI = "sip:ivr@%s:%d" % (SIP_ADDR, SIP_PORT)
WAIT = 30          # seconds: the generous timeout of every wait
RATE = 8000


# ---------------------------------------------------------------------------------------
# Control socket

def connect_unix(path=CTL, timeout=10):
    """A connection to a unix socket; a full backlog (EAGAIN) is retried, like a client would."""
    end = time.monotonic() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        try:
            s.connect(path)
            return s
        except BlockingIOError:
            s.close()
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


def ctl(*commands, path=CTL, timeout=10):
    """Sends commands (one per line) and returns, per command, its reply lines up to and
    including the final OK/ERR line."""
    s = connect_unix(path, timeout)
    s.sendall("".join(c + "\n" for c in commands).encode())
    buf = b""
    replies, cur = [], []
    while len(replies) < len(commands):
        while b"\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                s.close()
                return replies + ([cur] if cur else [])
            buf += chunk
        line, buf = buf.split(b"\n", 1)
        line = line.decode("utf-8", "replace").rstrip("\r")
        cur.append(line)
        if line.startswith("OK") or line.startswith("ERR"):
            replies.append(cur)
            cur = []
    s.close()
    return replies


def ctl1(command, **kw):
    r = ctl(command, **kw)
    return r[0] if r else []


def calls():
    """Live calls: dicts with id, state, caller, callee, agent, digits, db."""
    out = []
    for line in ctl1("calls"):
        if not line.startswith("CALL "):
            continue
        f = line.split()
        d = {"id": int(f[1]), "state": f[2], "direction": f[3], "caller": f[4], "callee": f[5]}
        for kv in f[7:]:
            k, _, v = kv.partition("=")
            d[k] = v
        out.append(d)
    return out


def agents():
    """Registered extensions: {ext: {"staff_id", "contact"}}."""
    out = {}
    for line in ctl1("agents"):
        if line.startswith("AGENT "):
            f = line.split()
            out[f[1]] = {"staff_id": f[2], "contact": f[3]}
    return out


def wait_for(fn, timeout=WAIT, step=0.1):
    """Polls fn until it returns something true; returns that, or None on timeout."""
    end = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > end:
            return None
        time.sleep(step)


def call_by_caller(user):
    for c in calls():
        if c["caller"] == user:
            return c
    return None


def events_of(call_db_id):
    """call_event rows of a CDR: list of (event, detail)."""
    return [(r[0], r[1]) for r in sql("SELECT event, IFNULL(detail, '') FROM call_event "
                                      "WHERE call_id = %d ORDER BY id" % int(call_db_id))]


def cdr(call_db_id):
    rows = sql("SELECT disposition, caller, callee, sip_call_id, agent_extension, agent_id, "
               "answered_at IS NOT NULL, ended_at IS NOT NULL, wait_seconds, talk_seconds, "
               "recording_path FROM `call` WHERE id = %d" % int(call_db_id))
    if not rows:
        return None
    k = ["disposition", "caller", "callee", "sip_call_id", "agent_extension", "agent_id",
         "answered", "ended", "wait_seconds", "talk_seconds", "recording_path"]
    return dict(zip(k, rows[0]))


def set_sip_password(login, ext, password):
    """Gives a fixture account an extension and SIP password (HA1 as the admin form does)."""
    sql("UPDATE staff SET sip_extension = NULL WHERE sip_extension = %s" % sql_str(ext))
    sql("UPDATE staff SET sip_extension = %s, sip_ha1 = MD5(CONCAT(%s, ':', %s, ':', %s)), "
        "sip_ha1_realm = %s WHERE login = %s" % (sql_str(ext), sql_str(ext), sql_str(REALM),
                                                 sql_str(password), sql_str(REALM), sql_str(login)))
    return int(sql_value("SELECT id FROM staff WHERE login = %s" % sql_str(login)))


def log_offset():
    try:
        return os.path.getsize(os.path.join(VAR, "log/ivrd.log"))
    except OSError:
        return 0


def log_since(offset):
    try:
        with open(os.path.join(VAR, "log/ivrd.log"), "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


# ---------------------------------------------------------------------------------------
# Ports

def free_port(kind=socket.SOCK_DGRAM, also_tcp=True):
    """A port free for UDP (and TCP) on 127.0.0.1 right now."""
    for _ in range(200):
        s = socket.socket(socket.AF_INET, kind)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if not also_tcp:
            return port
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            t.close()
    raise RuntimeError("no free port")


# ---------------------------------------------------------------------------------------
# WAV

def wav_read(path):
    """Mono 16-bit samples of a WAV file (the first channel), and the channel count."""
    with wave.open(path, "rb") as w:
        ch, width, n = w.getnchannels(), w.getsampwidth(), w.getnframes()
        if width != 2:
            raise ValueError("%s: %d-byte samples" % (path, width))
        data = array.array("h")
        data.frombytes(w.readframes(n))
    if sys.byteorder == "big":
        data.byteswap()
    return data, ch


def wav_channel(path, index):
    data, ch = wav_read(path)
    return array.array("h", data[index::ch]), ch


def wav_write(path, samples, channels=1):
    a = array.array("h", samples)
    if sys.byteorder == "big":
        a.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(a.tobytes())


def coded_noise(seconds, seed, level=6000):
    """Noise in bursts of pseudo-random lengths: its envelope makes alignment unambiguous."""
    rnd = random.Random(seed)
    out = []
    on = True
    while len(out) < seconds * RATE:
        n = rnd.randint(RATE // 20, RATE // 4)
        if on:
            out.extend(int(rnd.gauss(0, level / 2.5)) for _ in range(n))
        else:
            out.extend([0] * n)
        on = not on
    return [max(-32767, min(32767, x)) for x in out[:seconds * RATE]]


DTMF_FREQ = {"1": (697, 1209), "2": (697, 1336), "3": (697, 1477), "4": (770, 1209),
             "5": (770, 1336), "6": (770, 1477), "7": (852, 1209), "8": (852, 1336),
             "9": (852, 1477), "*": (941, 1209), "0": (941, 1336), "#": (941, 1477)}


def dtmf_tones(digits, start_s=3.0, total_s=20.0, tone_s=0.15, gap_s=0.25, level=7000):
    """Silence, then each digit as a DTMF tone pair, then silence up to total_s."""
    out = [0] * int(start_s * RATE)
    for d in digits:
        lo, hi = DTMF_FREQ[d]
        for i in range(int(tone_s * RATE)):
            t = i / RATE
            out.append(int(level * (math.sin(2 * math.pi * lo * t) + math.sin(2 * math.pi * hi * t))))
        out.extend([0] * int(gap_s * RATE))
    out.extend([0] * max(0, int(total_s * RATE) - len(out)))
    return out


# ---------------------------------------------------------------------------------------
# Cross-correlation (pure Python, coarse envelope first, then samples)

HOP = 160   # 20 ms


def _envelope(x, hop=HOP):
    return [sum(abs(v) for v in x[i:i + hop]) / hop for i in range(0, len(x) - hop + 1, hop)]


def _pearson(a, b):
    n = len(a)
    if n < 2:
        return 0.0
    ma, mb = sum(a) / n, sum(b) / n
    sab = saa = sbb = 0.0
    for x, y in zip(a, b):
        dx, dy = x - ma, y - mb
        sab += dx * dy
        saa += dx * dx
        sbb += dy * dy
    if saa <= 0 or sbb <= 0:
        return 0.0
    return sab / math.sqrt(saa * sbb)


def _dot_norm(a, b):
    sab = saa = sbb = 0
    for x, y in zip(a, b):
        sab += x * y
        saa += x * x
        sbb += y * y
    if not saa or not sbb:
        return 0.0
    return sab / math.sqrt(saa * sbb)


def _local_offset(a, received, guess, slip, fhop=20):
    """The offset near guess (+-slip samples) where window a best matches received: a fine
    envelope first, then samples."""
    ea = _envelope(a, fhop)
    lo, hi = guess - slip, guess + slip
    best, best_o = -2.0, guess
    for o in range(lo, hi + 1, fhop):
        if o < 0 or o + len(a) > len(received):
            continue
        c = _pearson(ea, _envelope(received[o:o + len(a)], fhop))
        if c > best:
            best, best_o = c, o
    best, off = -2.0, best_o
    for o in range(best_o - fhop - 4, best_o + fhop + 5):
        if o < 0 or o + len(a) > len(received):
            continue
        c = _dot_norm(a, received[o:o + len(a)])
        if c > best:
            best, off = c, o
    return best, off


def heard(sent, received, min_overlap_s=1.0, slip_s=0.2):
    """How well `received` contains `sent` (lists of samples): returns (score, offset) where
    offset is the sample at which sent[0] first appears in received and score the fraction
    (0..1) of the overlapping 0.5 s windows with sound that match at sample level
    (normalised correlation > 0.8).  Each window may have slipped up to slip_s against the
    one before (a jitter buffer under load drops or delays a packet now and then: a listener
    hears that as a click, not as missing audio).  G.711 over a clean path scores near 1;
    unrelated audio near 0."""
    es, er = _envelope(sent), _envelope(received)
    minov = int(min_overlap_s * RATE / HOP)
    best, best_k = -1.0, 0
    for k in range(-(len(es) - minov), len(er) - minov + 1):
        a0, b0 = max(0, -k), max(0, k)
        n = min(len(es) - a0, len(er) - b0)
        if n < minov:
            continue
        c = _pearson(es[a0:a0 + n], er[b0:b0 + n])
        if c > best:
            best, best_k = c, k
    offset = best_k * HOP
    win, slip = RATE // 2, int(slip_s * RATE)
    good = total = 0
    first = None
    for st in range(max(0, -offset), len(sent) - win, win):
        a = sent[st:st + win]
        if sum(abs(v) for v in a) / win < 200:
            continue   # silence says nothing
        pos = st + offset
        if pos < 0 or pos + win > len(received):
            continue
        total += 1
        c, at = _local_offset(a, received, pos, slip if first is not None else HOP * 2)
        if c > 0.8:
            good += 1
            offset = at - st   # follow the slips
            if first is None:
                first = offset
    return (good / total if total else 0.0), (first if first is not None else offset)


# ---------------------------------------------------------------------------------------
# baresip

BARESIP_MODULES = ["g711.so", "account.so", "menu.so", "aufile.so", "aubridge.so",
                   "sndfile.so", "ctrl_tcp.so"]


class Baresip:
    """One baresip process with its own config dir: `source` is the WAV it sends (the call
    ends when the file ends: make it long), `account` the accounts line.  Received and sent
    audio are dumped to <dir>/snd by the sndfile module."""

    def __init__(self, name, account, source, answer_auto=False):
        self.dir = os.path.join(ARTIFACTS, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "snd"))
        # baresip also listens on sip_port + 1 (TLS): both must be free.
        while True:
            self.sip_port = free_port()
            try:
                t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                t.bind(("127.0.0.1", self.sip_port + 1))
                t.close()
                break
            except OSError:
                t.close()
        while True:
            self.ctrl_port = free_port(socket.SOCK_STREAM, also_tcp=False)
            if self.ctrl_port not in (self.sip_port, self.sip_port + 1):
                break
        rtp = random.Random(os.getpid() * 31 + self.sip_port).randrange(50000, 59000, 2)
        cfg = ["poll_method\tepoll",
               "sip_listen\t127.0.0.1:%d" % self.sip_port,
               "net_interface\t127.0.0.1",
               "rtp_ports\t%d-%d" % (rtp, rtp + 400),
               "audio_player\taubridge,nil%d" % self.sip_port,
               "audio_alert\taubridge,nil%d" % self.sip_port,
               "audio_source\taufile,%s" % source,
               "module_path\t/usr/lib/baresip/modules"]
        cfg += ["module\t%s" % m for m in BARESIP_MODULES]
        cfg += ["ctrl_tcp_listen\t127.0.0.1:%d" % self.ctrl_port,
                "snd_path\t%s" % os.path.join(self.dir, "snd")]
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write("\n".join(cfg) + "\n")
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write(account + "\n")
        self.log = open(os.path.join(self.dir, "baresip.log"), "wb")
        self.proc = subprocess.Popen(["baresip", "-f", self.dir], stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, close_fds=True)
        self.events = []
        self.q = queue.Queue()
        self.sock = None
        end = time.monotonic() + WAIT
        while time.monotonic() < end and self.proc.poll() is None:
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        if not self.sock:
            raise RuntimeError("baresip %s did not open ctrl_tcp (see %s/baresip.log)" % (name, self.dir))
        self.sock.settimeout(None)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            while True:
                colon = buf.find(b":")
                if colon < 0 or not buf[:colon].isdigit():
                    break
                n = int(buf[:colon])
                if len(buf) < colon + 1 + n + 1:
                    break
                msg = buf[colon + 1:colon + 1 + n]
                buf = buf[colon + 2 + n:]
                try:
                    self.q.put(json.loads(msg.decode("utf-8", "replace")))
                except ValueError:
                    pass

    def command(self, cmd, params=None, token=None):
        d = json.dumps({"command": cmd, "params": params, "token": token or cmd}).encode()
        self.sock.sendall(str(len(d)).encode() + b":" + d + b",")

    def request(self, cmd, params=None, timeout=WAIT):
        """Sends a command and returns its response's data text (None on timeout)."""
        self.ntok = getattr(self, "ntok", 0) + 1
        tok = "r%d" % self.ntok
        self.command(cmd, params, tok)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                e = self.q.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                return None
            if e.get("response") and e.get("token") == tok:
                return e.get("data", "")
            if e.get("event"):
                self.events.append(e)
        return None

    def wait_event(self, *types, timeout=WAIT):
        """The next event (after those already seen) whose type is one of types, or None."""
        end = time.monotonic() + timeout
        for e in self.events:
            if e.get("type") in types and not e.get("_seen"):
                e["_seen"] = True
                return e
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                e = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if not e.get("event"):
                continue
            self.events.append(e)
            if e.get("type") in types:
                e["_seen"] = True
                return e

    def reg_state(self):
        """'OK' or 'ERR' once the account's registration has an outcome, else None."""
        data = re.sub(r"\x1b\[[0-9;]*m", " ", self.request("reginfo") or "")
        m = re.search(r"\s(OK|ERR)\s", data)
        return m.group(1) if m else None

    def wait_registered(self, timeout=WAIT):
        """The registration outcome: 'OK', 'ERR' or None (no outcome within timeout)."""
        return wait_for(self.reg_state, timeout=timeout, step=0.2)

    def dial(self, uri=TRUNK_URI):
        self.command("dial", uri)

    def hangup(self):
        self.command("hangup")

    def dtmf(self, digits):
        for d in digits:
            self.command("sndcode", d)
            time.sleep(0.3)   # pacing between key presses, not a measured duration

    def dumps(self):
        """(sent, received) WAV paths of the last call."""
        snd = os.path.join(self.dir, "snd")
        files = sorted(os.listdir(snd))
        enc = [f for f in files if f.endswith("-enc.wav")]
        dec = [f for f in files if f.endswith("-dec.wav")]
        return (os.path.join(snd, enc[-1]) if enc else None,
                os.path.join(snd, dec[-1]) if dec else None)

    def close(self):
        try:
            self.command("quit")
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.sock:
            self.sock.close()
        self.log.close()


# ---------------------------------------------------------------------------------------
# SIPp

SIPP_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sipp")


def sipp(scenario, *args, local="127.0.0.1", transport="u1", calls=1, timeout=60):
    """Runs one SIPp scenario from tests/ivr/sipp against ivrd; returns (exit code, output)."""
    outdir = os.path.join(ARTIFACTS, "sipp")
    os.makedirs(outdir, exist_ok=True)
    cmd = ["sipp", "-sf", os.path.join(SIPP_DIR, scenario), "-i", local,
           "-p", str(free_port()), "-t", transport, "-m", str(calls), "-nostdin",
           "-timeout", "%ds" % timeout, "-timeout_error", "-trace_err",
           "-error_file", os.path.join(outdir, scenario + ".errors.log")] + list(args) + \
          ["%s:%d" % (SIP_ADDR, SIP_PORT)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30, cwd=outdir)
    return p.returncode, p.stdout + p.stderr


# ---------------------------------------------------------------------------------------
# IVR configuration for the flow and ACD tests (SQL, then ivrd reloads)

def config_version():
    r = ctl1("config")
    m = re.match(r"OK version (\d+)", r[-1]) if r else None
    return int(m.group(1)) if m else -1


def reload_config():
    """Bumps ivr_config_version and waits until ivrd has loaded it; returns the version."""
    sql("UPDATE app_meta SET v = v + 1 WHERE k = 'ivr_config_version'")
    want = int(sql_value("SELECT v FROM app_meta WHERE k = 'ivr_config_version'"))
    ctl1("reload")
    return wait_for(lambda: config_version() >= want) and want


def prompt_id(name):
    return int(sql_value("SELECT id FROM ivr_prompt WHERE name = %s" % sql_str(name)))


def prompt_media(name):
    """What ivrd plays for prompt `name` (the name call_event 'prompt' carries)."""
    sha = sql_value("SELECT sha256 FROM ivr_prompt WHERE name = %s" % sql_str(name))
    return "%s/%s" % (sha[:2], sha)


def prompt_file(name):
    return os.path.join(VAR, "prompts", prompt_media(name) + ".wav")


def make_flow(name, numbers, nodes, edges, entry):
    """Replaces flow `name`: nodes is a list of (key, type, {column: value}) where a value
    may be ('prompt', NAME) for a prompt id; edges (key, outcome, target key).  Returns the
    flow id.  The caller reloads."""
    old = sql("SELECT id FROM ivr_flow WHERE name = %s" % sql_str(name))
    if old:
        fid = int(old[0][0])
        sql("UPDATE ivr_flow SET entry_node_id = NULL WHERE id = %d" % fid)
        sql("DELETE FROM ivr_node WHERE flow_id = %d" % fid)
        sql("DELETE FROM ivr_flow WHERE id = %d" % fid)
    sql("INSERT INTO ivr_flow (name, active, is_default) VALUES (%s, 1, 0)" % sql_str(name))
    fid = int(sql_value("SELECT id FROM ivr_flow WHERE name = %s" % sql_str(name)))
    for n in numbers:
        sql("REPLACE INTO ivr_flow_number (number, flow_id) VALUES (%s, %d)" % (sql_str(n), fid))
    for key, typ, cols in nodes:
        names, values = ["flow_id", "node_key", "type"], [str(fid), sql_str(key), sql_str(typ)]
        for k, v in cols.items():
            names.append(k)
            if isinstance(v, tuple) and v[0] == "prompt":
                values.append("(SELECT id FROM ivr_prompt WHERE name = %s)" % sql_str(v[1]))
            elif isinstance(v, int):
                values.append(str(v))
            elif v is None:
                values.append("NULL")
            else:
                values.append(sql_str(v))
        sql("INSERT INTO ivr_node (%s) VALUES (%s)" % (", ".join(names), ", ".join(values)))
    for key, outcome, target in edges:
        sql("INSERT INTO ivr_edge (node_id, outcome, target_id) SELECT n.id, %s, t.id FROM "
            "ivr_node n JOIN ivr_node t ON t.flow_id = n.flow_id AND t.node_key = %s "
            "WHERE n.flow_id = %d AND n.node_key = %s" % (sql_str(outcome), sql_str(target), fid,
                                                          sql_str(key)))
    sql("UPDATE ivr_flow SET entry_node_id = (SELECT id FROM ivr_node WHERE flow_id = %d AND "
        "node_key = %s) WHERE id = %d" % (fid, sql_str(entry), fid))
    return fid


def did_uri(number):
    return "sip:%s@%s:%d" % (number, SIP_ADDR, SIP_PORT)


def make_queue(code, members, **cols):
    """Creates or updates ACD queue `code` with members [(staff_id, priority)]; returns its id.
    Defaults suit tests: no join prompt, short rings, no wrap-up, no overflow."""
    base = {"strategy": "longest_idle", "announce_seconds": 0, "announce_wait": 0,
            "max_wait_seconds": 0, "overflow": "none", "wrapup_seconds": 0,
            "ring_seconds": 15, "autopause_after": 0, "record_calls": 1, "sticky_agent": 0,
            "sticky_seconds": 15, "active": 1, "join_prompt_id": None,
            "overflow_voicemail_id": None}
    base.update(cols)
    if not sql("SELECT id FROM acd_queue WHERE code = %s" % sql_str(code)):
        sql("INSERT INTO acd_queue (code, name) VALUES (%s, %s)" % (sql_str(code), sql_str("测试" + code)))
    qid = int(sql_value("SELECT id FROM acd_queue WHERE code = %s" % sql_str(code)))
    sets = []
    for k, v in base.items():
        if isinstance(v, tuple) and v[0] == "prompt":
            sets.append("%s = (SELECT id FROM ivr_prompt WHERE name = %s)" % (k, sql_str(v[1])))
        else:
            sets.append("%s = %s" % (k, "NULL" if v is None else str(v) if isinstance(v, int) else sql_str(v)))
    sql("UPDATE acd_queue SET %s WHERE id = %d" % (", ".join(sets), qid))
    sql("DELETE FROM acd_queue_member WHERE queue_id = %d" % qid)
    for staff, prio in members:
        sql("INSERT INTO acd_queue_member (queue_id, staff_id, priority) VALUES (%d, %d, %d)"
            % (qid, staff, prio))
    return qid


def agent_states():
    """{staff_id: (state, reason)} from the control socket."""
    out = {}
    for line in ctl1("agent_states"):
        if line.startswith("AGENT_STATE "):
            f = line.split()
            out[int(f[1])] = (f[2], f[3])
    return out


def agent_phone(name, ext, password, auto=True, source=None):
    """A registered desk phone (baresip) for extension ext."""
    if source is None:
        source = os.path.join(ARTIFACTS, "silence120.wav")
        if not os.path.exists(source):
            wav_write(source, [0] * (120 * RATE))
    mode = ";answermode=auto" if auto else ""
    return Baresip(name, "<sip:%s@%s:%d>;auth_pass=%s%s;regint=600"
                   % (ext, SIP_ADDR, SIP_PORT, password, mode), source)


def caller(name, number, source=None):
    if source is None:
        source = os.path.join(ARTIFACTS, "silence120.wav")
        if not os.path.exists(source):
            wav_write(source, [0] * (120 * RATE))
    return Baresip(name, "<sip:%s@127.0.0.1>;regint=0" % number, source)


def call_db(number, timeout=WAIT):
    """The CDR id of the live call from number."""
    return wait_for(lambda: int((call_by_caller(number) or {}).get("db", "0")), timeout=timeout)


def wait_event(db, event, detail=None, timeout=WAIT):
    """Waits for a call_event (detail exact, or a prefix when it ends in '*'); returns it."""
    def f():
        for e, d in events_of(db):
            if e != event:
                continue
            if detail is None or d == detail or (detail.endswith("*") and d.startswith(detail[:-1])):
                return (e, d)
        return None
    return wait_for(f, timeout=timeout)
