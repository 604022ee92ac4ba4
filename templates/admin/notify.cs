<?cs # admin/notify.cs — the notification rules and the form to add one.
Reads: Rules.N.{id,type_id,type_name,event,channel,enabled,essential,subject,template},
       Form.*, Form.Error.<field>, Opt.*, CSRF, Lang.notify.*, Lang.common.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"admin/notify_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.notify.title ?></h1></div>
<p class="muted"><?cs var:Lang.notify.intro ?></p>
<?cs if:subcount(Rules) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.notify.type ?></th>
    <th scope="col"><?cs var:Lang.notify.event ?></th>
    <th scope="col"><?cs var:Lang.notify.channel ?></th>
    <th scope="col"><?cs var:Lang.notify.state ?></th>
    <th scope="col"><?cs var:Lang.notify.template ?></th>
    <th scope="col"><?cs var:Lang.common.actions ?></th>
  </tr></thead>
  <tbody><?cs each:n = Rules ?>
    <tr>
      <td><?cs if:n.type_id == 0 ?><?cs var:Lang.notify.all_types ?><?cs else ?><?cs var:n.type_name ?><?cs /if ?></td>
      <td><?cs var:Lang.notify.events[n.event] ?></td>
      <td><?cs var:Lang.notify.channels[n.channel] ?></td>
      <td><?cs if:n.enabled == 1 ?><span class="badge badge-ok"><?cs var:Lang.notify.on ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.notify.off ?></span><?cs /if ?><?cs if:n.essential == 1 ?> <span class="badge"><?cs var:Lang.notify.essential_short ?></span><?cs /if ?></td>
      <td><?cs if:n.subject ?><strong><?cs var:n.subject ?></strong><br><?cs /if ?><?cs var:n.template ?></td>
      <td class="actions"><a class="btn btn-sm" href="/admin/notify/<?cs var:n.id ?>"><?cs var:Lang.common.edit ?></a></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
<section class="card">
  <h2 class="section-title"><?cs var:Lang.notify.add ?></h2>
  <p class="hint"><?cs var:Lang.notify.add_hint ?></p>
  <form class="form" method="post" action="/admin/notify">
    <?cs call:csrf() ?>
    <?cs call:notify_fields() ?>
    <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.notify.add ?></button></div>
  </form>
</section>
