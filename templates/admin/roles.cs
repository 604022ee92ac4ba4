<?cs # admin/roles.cs — the roles with their permission and member counts.
Reads: Roles.N.{id,code,label,builtin,perm_count,member_count}, CSRF,
       Lang.admin.roles.{title,new,name,code,builtin,permissions,staff_count},
       Lang.common.{actions,edit,delete,confirm_delete,empty}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.roles.title ?></h1>
</div>

<div class="toolbar">
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/roles/new"><?cs var:Lang.admin.roles.new ?></a>
</div>

<?cs if:subcount(Roles) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.roles.name ?></th>
      <th scope="col"><?cs var:Lang.admin.roles.code ?></th>
      <th scope="col" class="num"><?cs var:Lang.admin.roles.permissions ?></th>
      <th scope="col" class="num"><?cs var:Lang.admin.roles.staff_count ?></th>
      <th scope="col"><?cs var:Lang.common.actions ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:role = Roles ?>
    <tr>
      <td>
        <a href="/admin/roles/<?cs var:role.id ?>"><?cs var:role.label ?></a>
        <?cs if:role.builtin == "1" ?><span class="badge badge-muted"><?cs var:Lang.admin.roles.builtin ?></span><?cs /if ?>
      </td>
      <td><code><?cs var:role.code ?></code></td>
      <td class="num"><?cs var:role.perm_count ?></td>
      <td class="num"><?cs var:role.member_count ?></td>
      <td class="actions">
        <a class="btn btn-sm" href="/admin/roles/<?cs var:role.id ?>"><?cs var:Lang.common.edit ?></a>
        <?cs if:role.builtin != "1" ?>
        <form method="post" action="/admin/roles/<?cs var:role.id ?>/delete">
          <?cs call:csrf() ?>
          <button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
        </form>
        <?cs /if ?>
      </td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
