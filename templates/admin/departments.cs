<?cs # admin/departments.cs — the department tree, indented by level, with staff counts.
Reads: Departments.N.{id,name,code,sort,staff_count,level,indent},
       Lang.admin.departments.{title,new,name,code,staff_count,sort,add_child},
       Lang.common.{actions,edit,empty}. ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.departments.title ?></h1>
</div>

<div class="toolbar">
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/departments/new"><?cs var:Lang.admin.departments.new ?></a>
</div>

<?cs if:subcount(Departments) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.departments.name ?></th>
      <th scope="col"><?cs var:Lang.admin.departments.code ?></th>
      <th scope="col" class="num"><?cs var:Lang.admin.departments.staff_count ?></th>
      <th scope="col" class="num"><?cs var:Lang.admin.departments.sort ?></th>
      <th scope="col"><?cs var:Lang.common.actions ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:d = Departments ?>
    <tr>
      <td><?cs var:d.indent ?><a href="/admin/departments/<?cs var:d.id ?>"><?cs var:d.name ?></a></td>
      <td><?cs var:d.code ?></td>
      <td class="num"><?cs var:d.staff_count ?></td>
      <td class="num"><?cs var:d.sort ?></td>
      <td class="actions">
        <a class="btn btn-sm" href="/admin/departments/<?cs var:d.id ?>"><?cs var:Lang.common.edit ?></a>
        <a class="btn btn-sm btn-link" href="/admin/departments/new?parent=<?cs var:d.id ?>"><?cs var:Lang.admin.departments.add_child ?></a>
      </td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
