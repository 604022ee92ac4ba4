<?cs # desk/call.cs — one call: its record, the work order and resident it concerns, what
happened in order, and the recording (player and download) for those who may hear it.
Reads: Call.{id,direction,caller,callee,queue,started_at,answered_at,ended_at,wait_seconds,
       talk_seconds,disposition,rating,resident_id,resident,agent,ticket_id,ticket_number,
       has_recording}, Events.N.{at,event,detail,queue,agent}, Perm.listen, Perm.qa (质检 link),
       Lang.desk.calls.*, Lang.desk.call.*, Lang.common.none. ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Lang.desk.calls.one ?> #<?cs var:Call.id ?></p>
    <h1><?cs var:Call.caller ?><?cs if:Call.callee ?> → <?cs var:Call.callee ?><?cs /if ?></h1>
  </div>
  <div class="page-actions">
    <?cs if:Call.direction == "in" ?><a class="btn" href="/pop?phone=<?cs escape:"url" ?><?cs var:Call.caller ?><?cs /escape ?><?cs if:Call.resident_id ?>&amp;resident=<?cs var:Call.resident_id ?><?cs /if ?>"><?cs var:Lang.desk.calls.open_pop ?></a><?cs /if ?>
    <a class="btn btn-link" href="/calls"><?cs var:Lang.desk.calls.title ?></a>
  </div>
</div>

<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.desk.call.direction ?></dt><dd><?cs alt:Lang.desk.call.dir[Call.direction] ?><?cs var:Call.direction ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.call.started ?></dt><dd><?cs var:Call.started_at ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.answered_at ?></dt><dd><?cs alt:Call.answered_at ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.ended_at ?></dt><dd><?cs alt:Call.ended_at ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.call.disposition ?></dt><dd><?cs alt:Lang.desk.call.disp[Call.disposition] ?><?cs alt:Call.disposition ?><?cs var:Lang.common.none ?><?cs /alt ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.queue ?></dt><dd><?cs alt:Call.queue ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.call.agent ?></dt><dd><?cs alt:Call.agent ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.wait ?></dt><dd><?cs if:Call.wait_seconds ?><?cs var:Call.wait_seconds ?> <?cs var:Lang.desk.calls.seconds ?><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.talk ?></dt><dd><?cs if:Call.talk_seconds ?><?cs var:Call.talk_seconds ?> <?cs var:Lang.desk.calls.seconds ?><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.call.rating ?></dt><dd><?cs if:Call.rating ?><strong><?cs var:Call.rating ?>/5</strong><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.resident ?></dt><dd><?cs if:Call.resident_id ?><a href="/pop?resident=<?cs var:Call.resident_id ?>"><?cs var:Call.resident ?></a><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.calls.ticket ?></dt><dd><?cs if:Call.ticket_id ?><a href="/tickets/<?cs var:Call.ticket_id ?>"><?cs var:Call.ticket_number ?></a><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
  </dl>
</section>

<section class="card" id="recording">
  <h2><?cs var:Lang.desk.calls.recording ?></h2>
  <?cs if:Call.has_recording != "1" ?>
  <p class="muted"><?cs var:Lang.desk.calls.no_recording ?></p>
  <?cs elif:Perm.listen == "1" ?>
  <audio controls preload="metadata" src="/calls/<?cs var:Call.id ?>/recording" aria-label="<?cs var:Lang.desk.calls.play ?>"></audio>
  <p><a class="btn btn-sm" href="/calls/<?cs var:Call.id ?>/recording?download=1"><?cs var:Lang.desk.calls.download ?></a>
  <?cs if:Perm.qa == "1" && Call.agent ?><a class="btn btn-sm" href="/reports/qa/call/<?cs var:Call.id ?>"><?cs var:Lang.qa.title ?></a><?cs /if ?></p>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.desk.calls.err_listen ?></p>
  <?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:Lang.desk.calls.events ?></h2>
  <?cs if:subcount(Events) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.calls.event_at ?></th><th scope="col"><?cs var:Lang.desk.calls.event ?></th><th scope="col"><?cs var:Lang.desk.calls.detail ?></th><th scope="col"><?cs var:Lang.desk.calls.queue ?></th><th scope="col"><?cs var:Lang.desk.call.agent ?></th></tr></thead>
    <tbody>
      <?cs each:e = Events ?>
      <tr>
        <td class="nowrap"><?cs var:e.at ?></td>
        <td><?cs alt:Lang.desk.calls.ev[e.event] ?><?cs var:e.event ?><?cs /alt ?></td>
        <td class="wrap"><?cs var:e.detail ?></td>
        <td><?cs var:e.queue ?></td>
        <td><?cs var:e.agent ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="muted"><?cs var:Lang.common.empty ?></p><?cs /if ?>
</section>
