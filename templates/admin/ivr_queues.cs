<?cs # admin/ivr_queues.cs — the ACD queues with their members.
Reads: Queues.N.{id,code,name,strategy_label,active,sla_seconds,max_wait_seconds,member_count,members},
       Lang.ivr.queues.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<div class="toolbar">
  <h2 class="section-title"><?cs var:Lang.ivr.queues.title ?></h2>
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/ivr/queues/new"><?cs var:Lang.ivr.queues.new ?></a>
</div>
<?cs if:subcount(Queues) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.queues.name ?></th>
    <th scope="col"><?cs var:Lang.ivr.queues.code ?></th>
    <th scope="col"><?cs var:Lang.ivr.queues.strategy ?></th>
    <th scope="col"><?cs var:Lang.ivr.queues.members ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.queues.sla_seconds ?></th>
    <th scope="col"><?cs var:Lang.ivr.flows.status ?></th>
  </tr></thead>
  <tbody><?cs each:q = Queues ?>
    <tr>
      <td><a href="/admin/ivr/queues/<?cs var:q.id ?>"><?cs var:q.name ?></a></td>
      <td><code><?cs var:q.code ?></code></td>
      <td><?cs var:q.strategy_label ?></td>
      <td><?cs var:q.member_count ?>：<?cs var:q.members ?></td>
      <td class="num"><?cs var:q.sla_seconds ?></td>
      <td><?cs if:q.active == 1 ?><span class="badge badge-ok"><?cs var:Lang.common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.common.inactive ?></span><?cs /if ?></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
