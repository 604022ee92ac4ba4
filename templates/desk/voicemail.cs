<?cs # desk/voicemail.cs — voicemail as callback tasks: waiting / called back / all, each
message with its caller (a link to the pop), box, department, a player and "called back".
Reads: Filter.state, Perm.own_department, Messages.N.{id,box,caller,resident_id,resident,seconds,
       department,handler,handled_at,created_at,call_id}, Pager.*, CSRF,
       Lang.desk.vm.*, Lang.desk.calls.*, Lang.common.{empty,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.vm.title ?></h1>
  <div class="page-actions"><a class="btn btn-link" href="/calls"><?cs var:Lang.desk.calls.title ?></a></div>
</div>
<?cs if:Perm.own_department == "1" ?><p class="muted"><?cs var:Lang.desk.vm.own_department ?></p><?cs /if ?>

<div class="toolbar">
  <?cs each:s = Lang.desk.vm.states ?>
  <?cs if:Filter.state == name(s) ?><span class="btn btn-sm" aria-current="true"><strong><?cs var:s ?></strong></span><?cs
  else ?><a class="btn btn-sm btn-link" href="/calls/voicemail?state=<?cs name:s ?>"><?cs var:s ?></a><?cs /if ?>
  <?cs /each ?>
</div>

<?cs if:subcount(Messages) > 0 ?>
<div class="table-wrap">
<table class="table voicemail">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.desk.vm.at ?></th>
      <th scope="col"><?cs var:Lang.desk.call.number ?></th>
      <th scope="col"><?cs var:Lang.desk.calls.resident ?></th>
      <th scope="col"><?cs var:Lang.desk.vm.box ?></th>
      <th scope="col"><?cs var:Lang.desk.vm.department ?></th>
      <th scope="col"><?cs var:Lang.desk.vm.message ?></th>
      <th scope="col"><?cs var:Lang.desk.vm.state ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:m = Messages ?>
    <tr>
      <td class="nowrap"><?cs var:m.created_at ?></td>
      <td class="nowrap"><a href="/pop?phone=<?cs escape:"url" ?><?cs var:m.caller ?><?cs /escape ?><?cs if:m.resident_id ?>&amp;resident=<?cs var:m.resident_id ?><?cs /if ?>"><?cs var:m.caller ?></a></td>
      <td><?cs var:m.resident ?></td>
      <td><?cs var:m.box ?></td>
      <td><?cs var:m.department ?></td>
      <td><audio controls preload="none" src="/calls/voicemail/<?cs var:m.id ?>/recording" aria-label="<?cs var:Lang.desk.vm.play ?>"></audio> <span class="muted"><?cs var:m.seconds ?> <?cs var:Lang.desk.calls.seconds ?></span></td>
      <td><?cs if:m.handled_at ?><span class="badge badge-ok"><?cs var:Lang.desk.vm.done ?></span> <span class="muted"><?cs var:m.handler ?> <?cs var:m.handled_at ?></span><?cs
      else ?><form method="post" action="/calls/voicemail/<?cs var:m.id ?>/handled"><?cs call:csrf() ?><button type="submit" class="btn btn-sm btn-primary"><?cs var:Lang.desk.vm.mark ?></button></form><?cs /if ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
