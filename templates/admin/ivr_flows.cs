<?cs # admin/ivr_flows.cs — the IVR flows.
Reads: Flows.N.{id,name,description,active,is_default,node_count,numbers,entry,updated_at},
       Lang.ivr.flows.*, Lang.common.{actions,edit,empty,active,inactive}. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<div class="toolbar">
  <h2 class="section-title"><?cs var:Lang.ivr.flows.title ?></h2>
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/ivr/flows/new"><?cs var:Lang.ivr.flows.new ?></a>
</div>
<?cs if:subcount(Flows) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.flows.name ?></th>
    <th scope="col"><?cs var:Lang.ivr.flows.numbers ?></th>
    <th scope="col"><?cs var:Lang.ivr.flows.entry ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.flows.node_count ?></th>
    <th scope="col"><?cs var:Lang.ivr.flows.status ?></th>
    <th scope="col"><?cs var:Lang.common.actions ?></th>
  </tr></thead>
  <tbody><?cs each:f = Flows ?>
    <tr>
      <td><a href="/admin/ivr/flows/<?cs var:f.id ?>"><?cs var:f.name ?></a><?cs if:f.description ?><div class="muted"><?cs var:f.description ?></div><?cs /if ?></td>
      <td><?cs var:f.numbers ?><?cs if:f.is_default == 1 ?> <span class="badge badge-info"><?cs var:Lang.ivr.flows.default ?></span><?cs /if ?></td>
      <td><code><?cs var:f.entry ?></code></td>
      <td class="num"><?cs var:f.node_count ?></td>
      <td><?cs if:f.active == 1 ?><span class="badge badge-ok"><?cs var:Lang.common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.common.inactive ?></span><?cs /if ?></td>
      <td class="actions"><a class="btn btn-sm" href="/admin/ivr/flows/<?cs var:f.id ?>"><?cs var:Lang.common.edit ?></a></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
