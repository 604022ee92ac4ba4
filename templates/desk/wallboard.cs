<?cs # desk/wallboard.cs — the supervisor's wallboard; big figures, readable from afar, reloads
itself (Page.Refresh); with Perm.supervise, buttons to force an agent's pause or logout and to
listen to, whisper in, barge into or end a call.  Reads: Perm.supervise, CSRF, Board.{Day,Now}, Queues.N.{code,name,sla_seconds,offered,answered,
       abandoned,in_sla,sl,asa_time,waiting,longest_time}, Agents.N.{name,extension,state,reason,
       reason_label,queue,time}, Live.N.{id,caller,resident,queue,agent,talking,time},
       Lang.desk.board.*, Lang.common.empty. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:Lang.desk.board.title ?></h1>
    <p class="muted"><?cs var:Board.Day ?> · <?cs var:Lang.desk.board.updated ?> <?cs var:Board.Now ?></p>
  </div>
</div>

<section class="board-queues">
  <?cs each:q = Queues ?>
  <div class="card board-queue<?cs if:q.waiting > 0 ?> board-waiting<?cs /if ?>">
    <h2><?cs var:q.name ?> <span class="muted"><?cs var:q.code ?></span></h2>
    <dl class="board-figures">
      <div class="board-big"><dt><?cs var:Lang.desk.board.waiting ?></dt><dd><?cs var:q.waiting ?></dd></div>
      <div class="board-big"><dt><?cs var:Lang.desk.board.longest ?></dt><dd><?cs var:q.longest_time ?></dd></div>
      <div class="board-big"><dt><?cs var:Lang.desk.board.sl ?> (<?cs var:q.sla_seconds ?>s)</dt><dd><?cs if:?q.sl ?><?cs var:q.sl ?>%<?cs else ?>—<?cs /if ?></dd></div>
      <div><dt><?cs var:Lang.desk.board.offered ?></dt><dd><?cs var:q.offered ?></dd></div>
      <div><dt><?cs var:Lang.desk.board.answered ?></dt><dd><?cs var:q.answered ?></dd></div>
      <div><dt><?cs var:Lang.desk.board.abandoned ?></dt><dd><?cs var:q.abandoned ?></dd></div>
      <div><dt><?cs var:Lang.desk.board.asa ?></dt><dd><?cs var:q.asa_time ?></dd></div>
    </dl>
  </div>
  <?cs /each ?>
</section>

<div class="cols">
<section class="card">
  <h2><?cs var:Lang.desk.board.agents ?> (<?cs var:subcount(Agents) ?>)</h2>
  <?cs if:subcount(Agents) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.board.agent ?></th><th scope="col"><?cs var:Lang.desk.board.extension ?></th><th scope="col"><?cs var:Lang.desk.board.state ?></th><th scope="col" class="num"><?cs var:Lang.desk.board.in_state ?></th><th scope="col"><?cs var:Lang.desk.board.queue ?></th><?cs if:Perm.supervise == "1" ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th><?cs /if ?></tr></thead>
    <tbody>
      <?cs each:a = Agents ?>
      <tr>
        <td><?cs var:a.name ?></td>
        <td><?cs var:a.extension ?></td>
        <td><span class="badge <?cs if:a.state == "ready" ?>badge-ok<?cs elif:a.state == "paused" ?>badge-warn<?cs elif:a.state == "on_call" || a.state == "ringing" ?>badge-info<?cs else ?>badge-muted<?cs /if ?>"><?cs alt:Lang.desk.board.states[a.state] ?><?cs var:a.state ?><?cs /alt ?></span><?cs if:a.reason ?> <span class="muted"><?cs alt:a.reason_label ?><?cs var:a.reason ?><?cs /alt ?></span><?cs /if ?></td>
        <td class="num"><?cs var:a.time ?></td>
        <td><?cs var:a.queue ?></td>
        <?cs if:Perm.supervise == "1" ?><td class="actions">
          <?cs if:a.state != "paused" ?><form method="post" action="/wallboard/agents/<?cs var:a.staff_id ?>/pause"><?cs call:csrf() ?><button type="submit" class="btn btn-sm" data-confirm="<?cs var:Lang.desk.board.confirm_pause ?>"><?cs var:Lang.desk.board.force_pause ?></button></form><?cs /if ?>
          <form method="post" action="/wallboard/agents/<?cs var:a.staff_id ?>/logout"><?cs call:csrf() ?><button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.desk.board.confirm_logout ?>"><?cs var:Lang.desk.board.force_logout ?></button></form>
        </td><?cs /if ?>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.desk.board.no_agents ?></p><?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:Lang.desk.board.live ?> (<?cs var:subcount(Live) ?>)</h2>
  <?cs if:subcount(Live) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.board.caller ?></th><th scope="col"><?cs var:Lang.desk.board.queue ?></th><th scope="col"><?cs var:Lang.desk.board.state ?></th><th scope="col" class="num"><?cs var:Lang.desk.board.duration ?></th><?cs if:Perm.supervise == "1" ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th><?cs /if ?></tr></thead>
    <tbody>
      <?cs each:c = Live ?>
      <tr>
        <td><a href="/calls/<?cs var:c.id ?>"><?cs var:c.caller ?></a><?cs if:c.resident ?> <span class="muted"><?cs var:c.resident ?></span><?cs /if ?></td>
        <td><?cs var:c.queue ?></td>
        <td><?cs if:c.talking == "1" ?><?cs var:Lang.desk.board.talking ?> <?cs var:c.agent ?><?cs elif:c.queue ?><?cs var:Lang.desk.board.queued ?><?cs else ?><?cs var:Lang.desk.board.in_ivr ?><?cs /if ?></td>
        <td class="num"><?cs var:c.time ?></td>
        <?cs if:Perm.supervise == "1" ?><td class="actions">
          <?cs if:c.talking == "1" ?><?cs each:m = Lang.desk.board.monitor ?><form method="post" action="/wallboard/calls/<?cs var:c.id ?>/<?cs name:m ?>"><?cs call:csrf() ?><button type="submit" class="btn btn-sm"><?cs var:m ?></button></form><?cs /each ?><?cs /if ?>
          <form method="post" action="/wallboard/calls/<?cs var:c.id ?>/hangup"><?cs call:csrf() ?><button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.desk.board.confirm_hangup ?>"><?cs var:Lang.desk.board.hangup ?></button></form>
        </td><?cs /if ?>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.desk.board.no_calls ?></p><?cs /if ?>
</section>
</div>
<p class="muted"><?cs var:Lang.desk.board.formula ?></p>
