<?cs # admin/staff.cs — staff accounts: search, filters, one page of the list.
Reads: Filter.{q,department,active}, Departments.N.{id,name,indent},
       Staff.N.{id,login,name,phone,active,last_login_at,department,Roles.M.label},
       Pager.*, Lang.admin.staff.{title,new,login,name,department,roles,phone,status,active,
       inactive,last_login,never,search_hint}, Lang.common.{search,filter,reset,all,none,
       empty,actions,edit,prev,next,page,pages,total}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.staff.title ?></h1>
</div>

<div class="toolbar">
  <form method="get" action="/admin/staff" role="search">
    <label class="visually-hidden" for="f-q"><?cs var:Lang.common.search ?></label>
    <input id="f-q" name="q" type="search" value="<?cs var:Filter.q ?>" maxlength="64" placeholder="<?cs var:Lang.admin.staff.search_hint ?>">
    <label class="visually-hidden" for="f-department"><?cs var:Lang.admin.staff.department ?></label>
    <select id="f-department" name="department">
      <option value="">— <?cs var:Lang.admin.staff.department ?> —</option>
      <?cs each:d = Departments ?>
      <option value="<?cs var:d.id ?>"<?cs if:d.id == Filter.department ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?></option>
      <?cs /each ?>
    </select>
    <label class="visually-hidden" for="f-active"><?cs var:Lang.admin.staff.status ?></label>
    <select id="f-active" name="active">
      <option value="">— <?cs var:Lang.admin.staff.status ?> —</option>
      <option value="1"<?cs if:Filter.active == "1" ?> selected<?cs /if ?>><?cs var:Lang.admin.staff.active ?></option>
      <option value="0"<?cs if:Filter.active == "0" ?> selected<?cs /if ?>><?cs var:Lang.admin.staff.inactive ?></option>
    </select>
    <button type="submit" class="btn"><?cs var:Lang.common.search ?></button>
    <a class="btn btn-link" href="/admin/staff"><?cs var:Lang.common.reset ?></a>
  </form>
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/staff/new"><?cs var:Lang.admin.staff.new ?></a>
</div>

<?cs if:subcount(Staff) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.staff.login ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.name ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.department ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.roles ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.phone ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.status ?></th>
      <th scope="col"><?cs var:Lang.admin.staff.last_login ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:s = Staff ?>
    <tr>
      <td><a href="/admin/staff/<?cs var:s.id ?>"><?cs var:s.login ?></a></td>
      <td><?cs var:s.name ?></td>
      <td><?cs alt:s.department ?><span class="muted"><?cs var:Lang.common.none ?></span><?cs /alt ?></td>
      <td><span class="badges"><?cs each:role = s.Roles ?><span class="badge badge-info"><?cs var:role.label ?></span> <?cs /each ?></span></td>
      <td><?cs var:s.phone ?></td>
      <td><?cs if:s.active == "1" ?><span class="badge badge-ok"><?cs var:Lang.admin.staff.active ?></span><?cs
        else ?><span class="badge badge-muted"><?cs var:Lang.admin.staff.inactive ?></span><?cs /if ?></td>
      <td><?cs alt:s.last_login_at ?><span class="muted"><?cs var:Lang.admin.staff.never ?></span><?cs /alt ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
