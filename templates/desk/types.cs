<?cs # desk/types.cs — work-order types with their subtypes indented under them.
Reads: Types.N.{id,parent_id,code,name,priority,response_minutes,resolve_minutes,department,
       active,sort,Req.M.label}, Lang.desk.types.*, Lang.ticket.priority.*, Lang.desk.col.*,
       Lang.common.{edit,empty,active,inactive,none,actions}. ?>
<?cs include:"desk/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.types.title ?></h1>
  <div class="page-actions">
    <a class="btn" href="/tickets/canned"><?cs var:Lang.desk.canned.title ?></a>
    <a class="btn btn-primary" href="/tickets/types/new"><?cs var:Lang.desk.types.new ?></a>
  </div>
</div>

<?cs if:subcount(Types) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.desk.types.name ?></th>
      <th scope="col"><?cs var:Lang.desk.types.code ?></th>
      <th scope="col"><?cs var:Lang.desk.col.priority ?></th>
      <th scope="col" class="num"><?cs var:Lang.desk.types.response ?></th>
      <th scope="col" class="num"><?cs var:Lang.desk.types.resolve ?></th>
      <th scope="col"><?cs var:Lang.desk.types.required ?></th>
      <th scope="col"><?cs var:Lang.desk.col.department ?></th>
      <th scope="col"><?cs var:Lang.desk.types.status ?></th>
      <th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:t = Types ?>
    <tr>
      <td><?cs if:t.parent_id ?><span class="muted">└ </span><?cs /if ?><a href="/tickets/types/<?cs var:t.id ?>"><?cs var:t.name ?></a></td>
      <td><code><?cs var:t.code ?></code></td>
      <td><?cs call:priority_badge(t.priority) ?></td>
      <td class="num"><?cs var:t.response_minutes ?></td>
      <td class="num"><?cs var:t.resolve_minutes ?></td>
      <td><span class="badges"><?cs each:q = t.Req ?><span class="badge badge-info"><?cs var:q.label ?></span> <?cs /each ?></span></td>
      <td><?cs alt:t.department ?><span class="muted"><?cs var:Lang.common.none ?></span><?cs /alt ?></td>
      <td><?cs if:t.active == "1" ?><span class="badge badge-ok"><?cs var:Lang.common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.common.inactive ?></span><?cs /if ?></td>
      <td class="actions"><?cs if:!t.parent_id ?><a class="btn btn-sm btn-link" href="/tickets/types/new?parent=<?cs var:t.id ?>"><?cs var:Lang.desk.types.add_sub ?></a><?cs /if ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
