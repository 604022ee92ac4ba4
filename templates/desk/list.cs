<?cs # desk/list.cs — work orders: filters, sort links, one page of rows, next/previous.
Reads: Filter.{q,type,department,assignee,community,building,from,to,overdue,emergency,sort},
       Statuses.N.{code,checked}, Types.N.{id,name}, Departments.N.{id,name},
       Assignees.N.{id,name,department}, Communities.N.{id,name}, Buildings.N.{id,name},
       Tickets.N.{id,number,status,priority,emergency,title,created_at,resolve_due_at,type,
       subtype,department,assignee,location,address,overdue}, List.SortBase, Pager.*,
       Form.Error.{q,from,to}, Lang.desk.list.*, Lang.desk.col.*, Lang.ticket.priority.*,
       Lang.ticket.status.*, Lang.common.{search,reset,empty,none,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"desk/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.list.title ?></h1>
  <div class="page-actions">
    <a class="btn" href="/tickets?overdue=1"><?cs var:Lang.desk.list.overdue_only ?></a>
    <a class="btn btn-primary" href="/tickets/new"><?cs var:Lang.desk.list.new ?></a>
  </div>
</div>

<section class="card">
<form class="list-filter" method="get" action="/tickets" role="search">
  <div class="field-row">
    <div class="<?cs call:field_class("q") ?>">
      <label for="f-q"><?cs var:Lang.desk.list.q ?></label>
      <input id="f-q" name="q" type="search" value="<?cs var:Filter.q ?>" maxlength="64" placeholder="<?cs var:Lang.desk.list.q_hint ?>"<?cs call:field_aria("q") ?>>
      <?cs call:field_error("q") ?>
    </div>
    <div class="field">
      <label for="f-type"><?cs var:Lang.desk.col.type ?></label>
      <select id="f-type" name="type">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:t = Types ?><option value="<?cs var:t.id ?>"<?cs if:t.id == Filter.type ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-department"><?cs var:Lang.desk.col.department ?></label>
      <select id="f-department" name="department">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:d = Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Filter.department ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-assignee"><?cs var:Lang.desk.col.assignee ?></label>
      <select id="f-assignee" name="assignee">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:s = Assignees ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Filter.assignee ?> selected<?cs /if ?>><?cs var:s.name ?><?cs if:s.department ?> · <?cs var:s.department ?><?cs /if ?></option><?cs /each ?>
      </select>
    </div>
  </div>
  <div class="field-row">
    <div class="field">
      <label for="f-community"><?cs var:Lang.desk.list.community ?></label>
      <select id="f-community" name="community">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:c = Communities ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Filter.community ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-building"><?cs var:Lang.desk.list.building ?></label>
      <select id="f-building" name="building"<?cs if:subcount(Buildings) == 0 ?> disabled<?cs /if ?>>
        <option value=""><?cs if:subcount(Buildings) == 0 ?><?cs var:Lang.desk.list.building_hint ?><?cs else ?><?cs var:Lang.common.all ?><?cs /if ?></option>
        <?cs each:b = Buildings ?><option value="<?cs var:b.id ?>"<?cs if:b.id == Filter.building ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="<?cs call:field_class("from") ?>">
      <label for="f-from"><?cs var:Lang.desk.list.from ?></label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>"<?cs call:field_aria("from") ?>>
      <?cs call:field_error("from") ?>
    </div>
    <div class="<?cs call:field_class("to") ?>">
      <label for="f-to"><?cs var:Lang.desk.list.to ?></label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>"<?cs call:field_aria("to") ?>>
      <?cs call:field_error("to") ?>
    </div>
  </div>
  <fieldset class="checks">
    <legend><?cs var:Lang.desk.col.status ?></legend>
    <div class="badges">
    <?cs each:s = Statuses ?>
    <label class="check"><input type="checkbox" name="status" value="<?cs var:s.code ?>"<?cs if:s.checked == "1" ?> checked<?cs /if ?>> <?cs call:status_name(s.code) ?></label>
    <?cs /each ?>
    </div>
  </fieldset>
  <div class="badges">
    <label class="check"><input type="checkbox" name="overdue" value="1"<?cs if:Filter.overdue == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.list.overdue ?></label>
    <label class="check"><input type="checkbox" name="emergency" value="1"<?cs if:Filter.emergency == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.list.emergency ?></label>
  </div>
  <?cs if:Filter.sort != "created" ?><input type="hidden" name="sort" value="<?cs var:Filter.sort ?>"><?cs /if ?>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.filter ?></button>
    <a class="btn btn-link" href="/tickets"><?cs var:Lang.common.reset ?></a>
  </div>
</form>
</section>

<div class="toolbar">
  <span class="muted"><?cs var:Lang.desk.list.sort ?></span>
  <?cs each:o = Lang.desk.list.sorts ?>
  <?cs if:Filter.sort == name(o) ?><span class="btn btn-sm" aria-current="true"><strong><?cs var:o ?></strong></span><?cs
  else ?><a class="btn btn-sm btn-link" href="<?cs var:List.SortBase ?>sort=<?cs var:name(o) ?>"><?cs var:o ?></a><?cs /if ?>
  <?cs /each ?>
</div>

<?cs if:subcount(Tickets) > 0 ?>
<div class="table-wrap">
<table class="table tickets">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.desk.col.number ?></th>
      <th scope="col"><?cs var:Lang.desk.col.status ?></th>
      <th scope="col"><?cs var:Lang.desk.col.priority ?></th>
      <th scope="col"><?cs var:Lang.desk.col.type ?></th>
      <th scope="col"><?cs var:Lang.desk.col.title ?></th>
      <th scope="col"><?cs var:Lang.desk.col.location ?></th>
      <th scope="col"><?cs var:Lang.desk.col.department ?></th>
      <th scope="col"><?cs var:Lang.desk.col.assignee ?></th>
      <th scope="col"><?cs var:Lang.desk.col.created ?></th>
      <th scope="col"><?cs var:Lang.desk.col.due ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:t = Tickets ?>
    <tr<?cs if:t.overdue == "1" ?> class="overdue"<?cs /if ?>>
      <td class="nowrap"><a href="/tickets/<?cs var:t.id ?>"><?cs var:t.number ?></a></td>
      <td><?cs call:status_badge(t.status) ?></td>
      <td><?cs call:priority_badge(t.priority) ?> <?cs call:emergency_badge(t.emergency) ?></td>
      <td><?cs var:t.type ?><?cs if:t.subtype ?> / <?cs var:t.subtype ?><?cs /if ?></td>
      <td class="wrap"><?cs var:t.title ?></td>
      <td class="wrap"><?cs alt:t.location ?><?cs var:t.address ?><?cs /alt ?></td>
      <td><?cs var:t.department ?></td>
      <td><?cs var:t.assignee ?></td>
      <td class="nowrap"><?cs var:t.created_at ?></td>
      <td class="nowrap"><?cs var:t.resolve_due_at ?> <?cs call:overdue_badge(t.overdue) ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
