#!/usr/bin/python3
"""fakesmsc.py — runs Kannel's fake SMSC (kannel-extras) for a WarmLine stack and records
what it receives.

    fakesmsc.py DIR HOST PORT

DIR (e.g. $WL_VAR/sms) gets:
  fakesmsc.in     a FIFO: each line written to it is an inbound SMS, in fakesmsc's format
                  "FROM TO text MESSAGE" (UTF-8 text) or "FROM TO ucs2 URLENCODED-UCS-2BE"
  received.jsonl  one JSON object per message bearerbox sent to the SMSC:
                  {"at", "from", "to", "coding", "text", "udh"}  (text decoded; parts of a
                  long SMS are recorded one by one, udh in hex)
  fakesmsc.log    fakesmsc's own log
  pause           while this file exists, no fake SMSC is connected (bearerbox keeps
                  messages queued), for tests of the store
  state           "connected" or "paused" or "waiting"

fakesmsc panics when bearerbox is not listening and exits when bearerbox goes away: this
wrapper starts it again every second, so a bearerbox restart needs nothing else.  SIGTERM
stops both.  Standard library only.
"""
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

FAKESMSC = "/usr/lib/kannel/test/fakesmsc"


def decode(kind, fields):
    """The coding, text and UDH of a received message from fakesmsc's printed fields.

    fakesmsc prints "text MESSAGE", "ucs-2 URLENCODED" or "data URLENCODED", and for a
    part of a long message "udh URLENCODED-UDH data URLENCODED": there the coding is not
    printed.  WarmLine sends only GSM text (printed as plain text) and UCS-2, so a part
    whose bytes are not all printable ASCII is UCS-2.
    """
    udh = ""
    if kind == "udh" and len(fields) >= 3:
        udh = urllib.parse.unquote_to_bytes(fields[0]).hex()
        kind, fields = fields[1], fields[2:]
    data = " ".join(fields)
    if kind in ("text", "route"):
        return kind, data, udh
    raw = urllib.parse.unquote_to_bytes(data.replace("+", " "))	# Kannel encodes a space as +
    if kind.startswith("ucs") or (udh and any(b < 32 or b > 126 for b in raw)):
        return "ucs-2", raw.decode("utf-16-be", "replace"), udh
    return kind, raw.decode("utf-8", "replace"), udh


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    d, host, port = sys.argv[1:]
    os.makedirs(d, exist_ok=True)
    fifo = os.path.join(d, "fakesmsc.in")
    if not os.path.exists(fifo):
        os.mkfifo(fifo, 0o620)
    # Opened read-write: writers never block and fakesmsc never sees end of file.
    fifo_fd = os.open(fifo, os.O_RDWR)
    out = open(os.path.join(d, "received.jsonl"), "a", encoding="utf-8")
    log = open(os.path.join(d, "fakesmsc.log"), "a", encoding="utf-8", errors="replace")
    state_path = os.path.join(d, "state")
    child = None
    stopping = False
    lock = threading.Lock()

    def set_state(s):
        with open(state_path + ".tmp", "w") as f:
            f.write(s + "\n")
        os.replace(state_path + ".tmp", state_path)

    def on_term(signum, frame):
        nonlocal stopping
        stopping = True
        with lock:
            if child and child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    def reader(p):
        for raw in p.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            log.write(line + "\n")
            log.flush()
            mark = line.find("Got message ")
            if mark < 0 or "<" not in line[mark:]:
                continue
            body = line[line.index("<", mark) + 1:]
            if body.endswith(">"):
                body = body[:-1]
            parts = body.split(" ")
            if len(parts) < 3:
                continue
            coding, text, udh = decode(parts[2], parts[3:])
            rec = {"at": datetime.datetime.utcnow().isoformat(timespec="milliseconds") + "Z",
                   "from": parts[0], "to": parts[1], "coding": coding, "text": text,
                   "udh": udh}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()

    while not stopping:
        if os.path.exists(os.path.join(d, "pause")):
            set_state("paused")
            time.sleep(0.2)
            continue
        set_state("waiting")
        with lock:
            child = subprocess.Popen([FAKESMSC, "-H", host, "-r", port, "-m", "-1"],
                                     stdin=fifo_fd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        t = threading.Thread(target=reader, args=(child,), daemon=True)
        t.start()
        started = time.monotonic()
        while not stopping and child.poll() is None:
            if started and time.monotonic() - started > 1:
                set_state("connected")	# fakesmsc exits at once when it cannot connect
                started = 0
            if os.path.exists(os.path.join(d, "pause")):
                child.terminate()
                break
            time.sleep(0.2)
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        t.join(timeout=2)
        if not stopping:
            time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
