<?cs # desk/canned.cs — canned replies: the texts agents put into comments.
Reads: Canned.N.{id,title,body,active,sort}, CSRF, Lang.desk.canned.*,
       Lang.common.{edit,delete,empty,active,inactive,actions,confirm_delete}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.canned.title ?></h1>
  <div class="page-actions">
    <a class="btn" href="/tickets/types"><?cs var:Lang.desk.types.title ?></a>
    <a class="btn btn-primary" href="/tickets/canned/new"><?cs var:Lang.desk.canned.new ?></a>
  </div>
</div>

<?cs if:subcount(Canned) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.desk.canned.name ?></th>
      <th scope="col"><?cs var:Lang.desk.canned.body ?></th>
      <th scope="col" class="num"><?cs var:Lang.desk.types.sort ?></th>
      <th scope="col"><?cs var:Lang.desk.types.status ?></th>
      <th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:c = Canned ?>
    <tr>
      <td><a href="/tickets/canned/<?cs var:c.id ?>"><?cs var:c.title ?></a></td>
      <td class="wrap"><?cs var:c.body ?></td>
      <td class="num"><?cs var:c.sort ?></td>
      <td><?cs if:c.active == "1" ?><span class="badge badge-ok"><?cs var:Lang.common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.common.inactive ?></span><?cs /if ?></td>
      <td class="actions">
        <a class="btn btn-sm" href="/tickets/canned/<?cs var:c.id ?>"><?cs var:Lang.common.edit ?></a>
        <form method="post" action="/tickets/canned/<?cs var:c.id ?>/delete">
          <?cs call:csrf() ?>
          <button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
        </form>
      </td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
