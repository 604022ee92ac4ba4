#!/usr/bin/env python3
"""test_ivr_admin.py — the telephony configuration through the real stack: prompts uploaded
(a 44.1 kHz stereo WAV comes back as 8 kHz mono 16-bit; a text file named .wav is refused),
an IVR flow with a menu built through the editor, invalid flows refused with the right
message and nothing stored, the demo flow's tree, queues with members, schedules with
holidays, the blacklist normalising numbers, deletion refused while in use, concurrent edits
answered with a conflict, English messages, and agents kept out (403).

Names are unique per run, so the file can run again on a kept stack."""
import io
import math
import os
import random
import re
import struct
import sys
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wl  # noqa: E402

t = wl.Tap("test_ivr_admin")
RUN = "%04d" % random.randint(0, 9999)


def sq(v):
    return wl.sql_str(v)


def csrf(c, path):
    token = wl.csrf_from(c.get(path).text)
    if not token:
        raise RuntimeError("no _csrf on " + path)
    return token


def text(resp):
    return wl.visible_text(resp.text)


def wav_bytes(rate, channels, seconds, freq=440.0):
    """A 16-bit PCM WAV: a sine on every channel."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for i in range(int(rate * seconds)):
            v = int(12000 * math.sin(2 * math.pi * freq * i / rate))
            frames += struct.pack("<h", v) * channels
        w.writeframes(bytes(frames))
    return buf.getvalue()


def wav_format(data):
    """(channels, rate, bits, frames) from a RIFF/WAVE file's fmt and data chunks."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    pos, fmt, frames = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            tag, ch, rate, _, align, bits = struct.unpack("<HHIIHH", body[:16])
            fmt = (tag, ch, rate, bits, align)
        elif cid == b"data" and fmt:
            frames = size // fmt[4]
        pos += 8 + size + (size & 1)
    if not fmt:
        return None
    return fmt[1], fmt[2], fmt[3], frames


def upload_prompt(c, name, data, filename="p.wav", ctype="audio/wav"):
    token = csrf(c, "/admin/ivr/prompts")
    return c.post_multipart("/admin/ivr/prompts", {"_csrf": token, "name": name, "lang": "zh_CN",
                                                   "description": "测试提示 " + RUN},
                            files=[("file", filename, ctype, data)])


def prompt_id(name):
    return wl.sql_value("SELECT id FROM ivr_prompt WHERE name = %s" % sq(name))


def staff_id(login):
    return wl.sql_value("SELECT id FROM staff WHERE login = %s" % sq(login))


# ---------------------------------------------------------------------------------------

def permissions(agent, admin):
    for path in ("/admin/ivr/flows", "/admin/ivr/queues", "/admin/ivr/prompts",
                 "/admin/ivr/blacklist", "/admin/ivr/schedules", "/admin/ivr/voicemail"):
        r = agent.get(path)
        t.eq(r.status, 403, "an agent may not open %s" % path)
    r = agent.post("/admin/ivr/blacklist", {"_csrf": csrf(agent, "/dashboard") or "", "number": "13912345678",
                                             "action": "decline"})
    t.eq(r.status, 403, "an agent may not add to the blacklist")
    r = admin.get("/admin/ivr/flows")
    t.eq(r.status, 200, "the admin opens the flows")
    t.has(text(r), "IVR 流程", "the flows page is in Chinese by default", r)
    t.has(r.text, 'href="/admin/ivr/flows"', "the navigation leads to the call-centre configuration", r)


def demo_flow(admin):
    fid = wl.sql_value("SELECT id FROM ivr_flow WHERE name = '主流程'")
    t.ok(fid, "the fixture loaded the demo main flow")
    if not fid:
        return
    r = admin.get("/admin/ivr/flows/%s" % fid)
    body = text(r)
    t.eq(r.status, 200, "the demo flow opens in the editor")
    t.has(body, "流程树", "the editor shows the flow as a tree", r)
    t.ok(re.search(r"按 1 → repair", body), "the tree shows key 1 leading to the repair queue",
         lambda: body[:400])
    t.ok(re.search(r"非营业时间 → closed", body), "the tree shows the off-hours branch",
         lambda: body[:400])
    t.ok("错误：" not in body, "the demo flow has no errors", lambda: body[:400])
    n = wl.sql_value("SELECT COUNT(*) FROM ivr_prompt WHERE name = 'main_menu' AND duration_ms > 3000")
    t.eq(n, "1", "the demo's menu prompt was generated (a few seconds of speech)")
    rows = wl.sql("SELECT h.day, h.kind FROM ivr_holiday h JOIN ivr_schedule s ON s.id = h.schedule_id"
                  " WHERE s.name = '办公时间' AND h.kind = 'workday'")
    t.ok(len(rows) >= 1, "the demo office hours have make-up workdays (调休)")
    members = wl.sql_value("SELECT COUNT(*) FROM acd_queue_member m JOIN acd_queue q ON q.id = m.queue_id"
                           " JOIN staff s ON s.id = m.staff_id WHERE q.code = 'repair' AND s.login = 't_agent'")
    t.eq(members, "1", "the demo repair queue has the agents as members")


def prompts(admin):
    name = "t_menu_%s" % RUN
    src = wav_bytes(44100, 2, 1.5)
    r = upload_prompt(admin, name, src, "菜单.wav")
    t.eq(r.status, 303, "a 44.1 kHz stereo WAV is accepted")
    pid = prompt_id(name)
    t.ok(pid, "the prompt is stored")
    if not pid:
        return None
    r = admin.get("/admin/ivr/prompts/%s/audio" % pid)
    t.eq(r.status, 200, "the stored prompt can be downloaded")
    t.eq(r.header("Content-Type"), "audio/wav", "it is served as audio/wav")
    fmt = wav_format(r.raw)
    t.ok(fmt and fmt[:3] == (1, 8000, 16), "the stored prompt is 8 kHz mono 16-bit", lambda: repr(fmt))
    t.ok(fmt and abs(fmt[3] - 12000) < 200, "the conversion keeps the length (1.5 s)", lambda: repr(fmt))
    row = wl.sql("SELECT duration_ms, source_info, source_name FROM ivr_prompt WHERE id = %s" % pid)[0]
    t.ok(abs(int(row[0]) - 1500) < 30, "the duration is recorded", lambda: row)
    t.eq(row[1], "WAV 44100 Hz 2 ch", "the source format is recorded")
    page = admin.get("/admin/ivr/prompts")
    t.has(page.text, '<audio controls preload="none" src="/admin/ivr/prompts/%s/audio">' % pid,
          "the list plays the prompt in the browser", page)

    # Text renamed .wav: refused by content, with a message, nothing stored.
    before = wl.sql_value("SELECT COUNT(*) FROM ivr_prompt")
    r = upload_prompt(admin, "t_fake_%s" % RUN, "这不是录音，只是一段文字。\n".encode() * 20, "fake.wav")
    t.eq(r.status, 422, "a text file named .wav is refused")
    t.has(text(r), "这不是可识别的音频文件", "the refusal says it is not audio", r)
    t.has(r.text, 'value="t_fake_%s"' % RUN, "the form keeps the name typed", r)
    t.eq(wl.sql_value("SELECT COUNT(*) FROM ivr_prompt"), before, "nothing is stored for it")

    r = upload_prompt(admin, "Bad Name", src)
    t.eq(r.status, 422, "a prompt name with spaces and capitals is refused")
    t.has(text(r), "名称只能使用小写字母", "with the naming rule", r)

    # Another format: an 11 kHz mono 8-bit... as a 22.05 kHz mono WAV, to prove any rate.
    r = upload_prompt(admin, "t_low_%s" % RUN, wav_bytes(22050, 1, 0.5))
    t.eq(r.status, 303, "a 22.05 kHz mono WAV is accepted")
    return pid


def queue(admin, moh):
    a1, a2 = staff_id("t_agent"), staff_id("t_agent2")
    code = "tq%s" % RUN
    fields = [("_csrf", csrf(admin, "/admin/ivr/queues/new")), ("code", code), ("name", "测试队列" + RUN),
              ("strategy", "round_robin"), ("vip_priority", "5"), ("emergency_priority", "10"),
              ("announce_seconds", "45"), ("announce_wait", "1"), ("moh_prompt_id", moh or ""),
              ("join_prompt_id", ""), ("max_wait_seconds", "200"), ("overflow", "none"),
              ("overflow_queue_id", ""), ("overflow_voicemail_id", ""), ("wrapup_seconds", "10"),
              ("ring_seconds", "15"), ("autopause_after", "3"), ("sticky_agent", "1"),
              ("sticky_seconds", "12"), ("sla_seconds", "20"), ("record_calls", "1"), ("active", "1"),
              ("member", a1), ("prio_" + a1, "1"), ("member", a2), ("prio_" + a2, "2"),
              ("prio_" + staff_id("t_tech"), "3")]
    r = admin.post("/admin/ivr/queues", fields)
    t.eq(r.status, 303, "a queue with two members is created")
    qid = wl.sql_value("SELECT id FROM acd_queue WHERE code = %s" % sq(code))
    rows = wl.sql("SELECT s.login, m.priority FROM acd_queue_member m JOIN staff s ON s.id = m.staff_id"
                  " WHERE m.queue_id = %s ORDER BY m.priority" % (qid or 0))
    t.eq(rows, [["t_agent", "1"], ["t_agent2", "2"]], "its members and their priorities are stored")
    row = wl.sql("SELECT strategy, sticky_agent, sticky_seconds, autopause_after, sla_seconds, moh_prompt_id"
                 " FROM acd_queue WHERE id = %s" % (qid or 0))
    t.eq(row and row[0][:5], ["round_robin", "1", "12", "3", "20"], "its settings are stored")
    r = admin.get("/admin/ivr/queues/%s" % qid)
    t.ok(re.search(r'name="member" value="%s" checked' % a2, r.text), "the edit form ticks the members",
         lambda: r.brief())

    # Overflow to a queue without a wait limit, and a missing code: refused, kept as typed.
    bad = [(k, v) for k, v in fields if k not in ("code", "overflow", "max_wait_seconds")]
    bad += [("code", ""), ("overflow", "queue"), ("max_wait_seconds", "0")]
    r = admin.post("/admin/ivr/queues", bad)
    body = text(r)
    t.eq(r.status, 422, "an invalid queue is refused")
    t.has(body, "请选择溢出到哪个队列", "the refusal asks for the overflow queue", r)
    t.has(body, "此项必填", "and for the code", r)
    t.has(r.text, 'value="测试队列%s"' % RUN, "the form keeps the name typed", r)
    return qid, code


def flow_fields(token, name, nodes, entry="main", numbers="", version=None, active=True):
    fields = [("_csrf", token), ("name", name), ("description", "测试流程"), ("numbers", numbers),
              ("entry", entry), ("rows", str(len(nodes)))]
    if active:
        fields.append(("active", "1"))
    if version is not None:
        fields.append(("version", str(version)))
    for i, n in enumerate(nodes):
        for k, v in n.items():
            fields.append(("n%d_%s" % (i, k), str(v)))
    return fields


def flows(admin, pid, qid):
    name = "测试菜单" + RUN
    did = "40080" + RUN + "1"
    nodes = [
        {"key": "main", "type": "menu", "prompt_id": pid, "timeout_seconds": "5", "retries": "2",
         "keys": "1=queue 2=bye", "go_fail": "bye"},
        {"key": "queue", "type": "queue", "queue_id": qid, "priority": "0", "go_fail": "bye"},
        {"key": "bye", "type": "hangup", "prompt_id": ""},
    ]
    count = wl.sql_value("SELECT COUNT(*) FROM ivr_flow")

    def refused(nodes_, label, needle, entry="main"):
        r = admin.post("/admin/ivr/flows", flow_fields(csrf(admin, "/admin/ivr/flows/new"), name, nodes_,
                                                       entry=entry, numbers=did))
        body = text(r)
        t.eq(r.status, 422, "%s: refused" % label)
        t.has(body, needle, "%s: says so" % label, r)
        t.eq(wl.sql_value("SELECT COUNT(*) FROM ivr_flow"), count, "%s: nothing stored" % label)
        return r

    r = refused([dict(nodes[0], keys="1=queue 2=nowhere"), nodes[1], nodes[2]], "a key to a missing node",
                "节点 main：去往的节点“nowhere”不存在")
    t.has(r.text, 'value="1=queue 2=nowhere"', "the editor keeps the key map typed", r)
    refused([dict(nodes[0], keys="1=queue 1=bye"), nodes[1], nodes[2]], "the same key twice",
            "按键 1 重复")
    refused(nodes, "an entry node that does not exist", "入口节点“start”不存在", entry="start")
    refused([nodes[0], dict(nodes[1], queue_id=""), nodes[2]], "a queue node without its queue",
            "节点 queue：请选择队列")
    refused([nodes[0], nodes[1], nodes[2], {"key": "hours", "type": "time", "schedule_id": "",
                                            "go_open": "main"}],
            "a time condition without schedule and closed branch", "请填写“非营业时间”时去往的节点")
    refused([nodes[0], nodes[1], dict(nodes[2], key="main")], "two nodes with one key",
            "标识“main”已被另一个节点使用")

    r = admin.post("/admin/ivr/flows", flow_fields(csrf(admin, "/admin/ivr/flows/new"), name,
                                                   nodes + [{"key": "", "type": ""}], numbers=did))
    t.eq(r.status, 303, "a flow with a menu is created through the editor")
    fid = wl.sql_value("SELECT id FROM ivr_flow WHERE name = %s" % sq(name))
    t.ok(fid, "the flow is stored")
    if not fid:
        return None
    edges = wl.sql("SELECT n.node_key, e.outcome, x.node_key FROM ivr_edge e JOIN ivr_node n ON n.id = e.node_id"
                   " JOIN ivr_node x ON x.id = e.target_id WHERE n.flow_id = %s ORDER BY 1, 2" % fid)
    t.eq(edges, [["main", "1", "queue"], ["main", "2", "bye"], ["main", "fail", "bye"],
                 ["queue", "fail", "bye"]], "its edges are the menu keys and outcomes")
    entry = wl.sql_value("SELECT n.node_key FROM ivr_flow f JOIN ivr_node n ON n.id = f.entry_node_id"
                         " WHERE f.id = %s" % fid)
    t.eq(entry, "main", "its entry node is set")
    t.eq(wl.sql_value("SELECT flow_id FROM ivr_flow_number WHERE number = %s" % sq(did)), fid,
         "it answers its number")
    row = wl.sql("SELECT timeout_seconds, retries, queue_id FROM ivr_node WHERE flow_id = %s"
                 " AND node_key = 'main'" % fid)[0]
    t.eq(row, ["5", "2", None], "a node keeps only its type's settings")
    r = admin.get("/admin/ivr/flows/%s" % fid)
    t.ok(re.search(r"按 1 → queue", text(r)), "the new flow's tree shows the menu", lambda: r.brief())

    # Another flow may not answer the same number.
    r = admin.post("/admin/ivr/flows", flow_fields(csrf(admin, "/admin/ivr/flows/new"), name + "b", nodes,
                                                   numbers=did))
    t.eq(r.status, 422, "a second flow on the same number is refused")
    t.has(text(r), "号码“%s”已由另一个流程接听" % did, "the refusal names the number", r)

    # An unreachable node is stored with a warning.
    version = wl.sql_value("SELECT version FROM ivr_flow WHERE id = %s" % fid)
    ids = dict(wl.sql("SELECT node_key, id FROM ivr_node WHERE flow_id = %s" % fid))
    kept = [dict(n, id=ids[n["key"]]) for n in nodes]
    r = admin.post("/admin/ivr/flows/%s" % fid, flow_fields(csrf(admin, "/admin/ivr/flows/%s" % fid), name,
                                                            kept + [{"key": "orphan", "type": "hangup"}],
                                                            numbers=did, version=version), follow=True)
    t.eq(r.status, 200, "a flow with an unreachable node is saved")
    t.has(text(r), "节点“orphan”从入口无法到达", "with a warning about the unreachable node", r)
    t.eq(wl.sql_value("SELECT id FROM ivr_node WHERE flow_id = %s AND node_key = 'main'" % fid),
         ids["main"], "saving keeps the node ids ivrd may be using")
    return fid


def in_use(admin, pid, qid, fid):
    r = admin.post("/admin/ivr/prompts/%s/delete" % pid, {"_csrf": csrf(admin, "/admin/ivr/prompts/%s" % pid)})
    t.eq(r.status, 409, "a prompt a flow uses cannot be deleted")
    t.has(text(r), "有 IVR 流程的节点正在使用这段语音", "the refusal says a flow uses it", r)
    t.has(text(r), "有排队队列正在使用这段语音", "and that a queue plays it as music on hold", r)
    t.ok(prompt_id("t_menu_%s" % RUN), "the prompt is still there")
    r = admin.post("/admin/ivr/queues/%s/delete" % qid, {"_csrf": csrf(admin, "/admin/ivr/queues/%s" % qid)})
    t.eq(r.status, 409, "a queue a flow uses cannot be deleted")
    t.has(text(r), "有 IVR 流程正在把来电送入这个队列", "the refusal says a flow uses it", r)
    r = admin.post("/admin/ivr/flows/%s/delete" % fid, {"_csrf": csrf(admin, "/admin/ivr/flows/%s" % fid)})
    t.eq(r.status, 303, "the flow can be deleted")
    t.eq(wl.sql_value("SELECT COUNT(*) FROM ivr_node WHERE flow_id = %s" % fid), "0", "with its nodes")
    r = admin.post("/admin/ivr/queues/%s/delete" % qid, {"_csrf": csrf(admin, "/admin/ivr/queues/%s" % qid)})
    t.eq(r.status, 303, "then the queue can be deleted")


def conflict(admin, pid):
    name = "测试并发" + RUN
    nodes = [{"key": "main", "type": "play", "prompt_id": pid, "go_next": "bye"},
             {"key": "bye", "type": "hangup"}]
    admin.post("/admin/ivr/flows", flow_fields(csrf(admin, "/admin/ivr/flows/new"), name, nodes))
    fid = wl.sql_value("SELECT id FROM ivr_flow WHERE name = %s" % sq(name))
    if not t.ok(fid, "a flow to edit twice"):
        return
    other = wl.logged_in("t_admin")
    page_a = admin.get("/admin/ivr/flows/%s" % fid).text
    page_b = other.get("/admin/ivr/flows/%s" % fid).text
    version = re.search(r'name="version" value="(\d+)"', page_a).group(1)
    t.ok(version and version in page_b, "both editors saw the same version")
    ids = dict(wl.sql("SELECT node_key, id FROM ivr_node WHERE flow_id = %s" % fid))
    kept = [dict(n, id=ids[n["key"]]) for n in nodes]
    r = admin.post("/admin/ivr/flows/%s" % fid, flow_fields(wl.csrf_from(page_a), name, kept,
                                                            version=version, numbers=""))
    t.eq(r.status, 303, "the first editor saves")
    changed = [dict(kept[0], note="乙的修改"), kept[1]]
    r = other.post("/admin/ivr/flows/%s" % fid, flow_fields(wl.csrf_from(page_b), name + "乙", changed,
                                                            version=version))
    t.eq(r.status, 409, "the second editor gets a conflict")
    t.has(text(r), "这条配置刚被其他人修改过", "the conflict is explained", r)
    t.eq(wl.sql_value("SELECT name FROM ivr_flow WHERE id = %s" % fid), name, "the first save is kept")
    t.eq(wl.sql_value("SELECT note FROM ivr_node WHERE id = %s" % ids["main"]), "", "nothing of the second is stored")

    # The same on a prompt's simpler form: saved once (version 2), then from a stale form.
    form = {"_csrf": csrf(admin, "/admin/ivr/prompts/%s" % pid), "name": "t_menu_%s" % RUN,
            "lang": "zh_CN", "description": "新说明"}
    old = wl.sql_value("SELECT version FROM ivr_prompt WHERE id = %s" % pid)
    r = admin.post("/admin/ivr/prompts/%s" % pid, dict(form, version=old))
    t.eq(r.status, 303, "a prompt's description is changed")
    r = admin.post("/admin/ivr/prompts/%s" % pid, {"_csrf": csrf(admin, "/admin/ivr/prompts/%s" % pid),
                                                   "name": "t_menu_%s" % RUN, "lang": "zh_CN",
                                                   "description": "旧版本", "version": old})
    t.eq(r.status, 409, "a prompt saved from a stale form is a conflict too")
    t.eq(wl.sql_value("SELECT description FROM ivr_prompt WHERE id = %s" % pid), "新说明",
         "the newer description is kept")


def schedules(admin):
    name = "测试时间" + RUN
    fields = {"_csrf": csrf(admin, "/admin/ivr/schedules/new"), "name": name, "description": "",
              "duty_staff_id": staff_id("t_agent"), "duty_number": "139 0000 1111",
              "hours1": "08:30-12:00 13:00-17:30", "hours2": "8:30-17:30", "hours3": "", "hours4": "",
              "hours5": "", "hours6": "09:00-12:00", "hours7": ""}
    r = admin.post("/admin/ivr/schedules", dict(fields, hours2="17:30-8:30"))
    t.eq(r.status, 422, "hours that end before they start are refused")
    t.has(text(r), "时段格式不对或时段重叠", "with how to write them", r)
    t.has(r.text, 'value="17:30-8:30"', "the form keeps what was typed", r)
    r = admin.post("/admin/ivr/schedules", fields)
    t.eq(r.status, 303, "a schedule with two ranges on Monday is created")
    sid = wl.sql_value("SELECT id FROM ivr_schedule WHERE name = %s" % sq(name))
    rows = wl.sql("SELECT weekday, open_time, close_time FROM ivr_schedule_hours WHERE schedule_id = %s"
                  " ORDER BY weekday, open_time" % sid)
    t.eq(rows, [["1", "08:30:00", "12:00:00"], ["1", "13:00:00", "17:30:00"], ["2", "08:30:00", "17:30:00"],
                ["6", "09:00:00", "12:00:00"]], "the weekly ranges are stored")
    t.eq(wl.sql_value("SELECT duty_number FROM ivr_schedule WHERE id = %s" % sid), "13900001111",
         "the duty mobile is normalised")
    path = "/admin/ivr/schedules/%s/holidays" % sid
    r = admin.post(path, {"_csrf": csrf(admin, "/admin/ivr/schedules/%s" % sid), "day": "2027-02-14",
                          "hname": "春节调休", "kind": "workday", "as_weekday": "1"})
    t.eq(r.status, 303, "a make-up workday is added")
    r = admin.post(path, {"_csrf": csrf(admin, "/admin/ivr/schedules/%s" % sid), "day": "2027-02-30",
                          "hname": "错误日期", "kind": "closed"})
    t.eq(r.status, 422, "a date that does not exist is refused")
    t.has(text(r), "请填写有效日期", "with an example of a date", r)
    t.eq(wl.sql("SELECT day, kind, as_weekday FROM ivr_holiday WHERE schedule_id = %s" % sid),
         [["2027-02-14", "workday", "1"]], "only the valid holiday is stored")


def blacklist(admin):
    num = "139%04d%04d" % (int(RUN), random.randint(0, 9999))
    typed = "+86 %s-%s-%s" % (num[:3], num[3:7], num[7:])
    r = admin.post("/admin/ivr/blacklist", {"_csrf": csrf(admin, "/admin/ivr/blacklist"), "number": typed,
                                            "reason": "测试骚扰", "action": "decline", "prompt_id": "",
                                            "expires": "2030-01-01"})
    t.eq(r.status, 303, "a number is blacklisted")
    row = wl.sql("SELECT number, action, expires_at FROM ivr_blacklist WHERE number = %s" % sq(num))
    t.eq(row and row[0][:2], [num, "decline"], "it is stored normalised (%s -> %s)" % (typed, num))
    t.eq(row and row[0][2], "2030-01-01 15:59:00", "a date alone expires at the end of that local day")
    r = admin.post("/admin/ivr/blacklist", {"_csrf": csrf(admin, "/admin/ivr/blacklist"),
                                            "number": "0086 " + num, "action": "message"})
    t.eq(r.status, 422, "the same number in another form is a duplicate")
    t.has(text(r), "已存在同名或同编号的记录", "the duplicate is explained", r)
    r = admin.post("/admin/ivr/blacklist", {"_csrf": csrf(admin, "/admin/ivr/blacklist"), "number": "12345",
                                            "action": "message"})
    t.eq(r.status, 422, "a malformed number is refused")
    t.has(text(r), "电话号码无效", "with the phone rule", r)
    wl.sql("INSERT INTO ivr_blacklist_attempt (number, action) VALUES (%s, 'decline')" % sq(num))
    r = admin.get("/admin/ivr/blacklist")
    t.ok(re.search(re.escape(num) + r" 直接拒接", text(r)), "the attempts log shows what ivrd logged",
         lambda: r.brief())


def english(admin):
    r = admin.get("/admin/ivr/flows?lang=en")
    t.has(text(r), "IVR flows", "the pages have English", r)
    r = admin.post("/admin/ivr/flows", flow_fields(csrf(admin, "/admin/ivr/flows/new"), "en" + RUN,
                                                   [{"key": "main", "type": "menu", "prompt_id": "",
                                                     "keys": "1=x"}]))
    body = text(r)
    t.eq(r.status, 422, "an invalid flow is refused in English too")
    t.has(body, "Node main: The node “x” to go to does not exist.", "the graph error is in English", r)
    t.has(body, "Choose the prompt to play.", "the field error is in English", r)
    admin.get("/admin/ivr/flows?lang=zh_CN")


def main():
    admin = wl.logged_in("t_admin")
    agent = wl.logged_in("t_agent")
    t.section("permissions", permissions, agent, admin)
    t.section("demo flow", demo_flow, admin)
    pid = None
    try:
        pid = prompts(admin)
    except Exception as e:  # the rest needs a prompt: report and use the demo's
        t.ok(False, "prompts (completes)", repr(e))
    pid = pid or prompt_id("main_menu")
    q = None
    try:
        q = queue(admin, pid)
    except Exception as e:
        t.ok(False, "queue (completes)", repr(e))
    fid = None
    if q and q[0]:
        try:
            fid = flows(admin, pid, q[0])
        except Exception as e:
            t.ok(False, "flows (completes)", repr(e))
    if fid:
        t.section("in use", in_use, admin, pid, q[0], fid)
    t.section("conflict", conflict, admin, pid)
    t.section("schedules", schedules, admin)
    t.section("blacklist", blacklist, admin)
    t.section("english", english, admin)
    t.done()


main()
