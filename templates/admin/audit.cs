<?cs # admin/audit.cs — the audit log, newest first, with filters.
Reads: Filter.{event,login,from,to,ip}, Form.Error.{login,from,to}, Events.N.{event,label},
       Audit.N.{id,time,ip,event,event_label,object_type,object_id,detail,staff_id,login,name},
       Pager.*, Lang.admin.audit.{title,at,who,system,ip,event,object,detail,filter_event,
       all_events,from,to}, Lang.admin.staff.login, Lang.common.{filter,reset,empty,prev,next,
       page,pages}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.audit.title ?></h1>
</div>

<form class="form" method="get" action="/admin/audit" role="search">
  <div class="field-row">
    <div class="field">
      <label for="f-event"><?cs var:Lang.admin.audit.filter_event ?></label>
      <select id="f-event" name="event">
        <option value=""><?cs var:Lang.admin.audit.all_events ?></option>
        <?cs each:ev = Events ?>
        <option value="<?cs var:ev.event ?>"<?cs if:ev.event == Filter.event ?> selected<?cs /if ?>><?cs var:ev.label ?></option>
        <?cs /each ?>
      </select>
    </div>
    <div class="<?cs call:field_class("login") ?>">
      <label for="f-login"><?cs var:Lang.admin.staff.login ?></label>
      <input id="f-login" name="login" value="<?cs var:Filter.login ?>" maxlength="64"<?cs call:field_aria("login") ?>>
      <?cs call:field_error("login") ?>
    </div>
    <div class="field">
      <label for="f-ip"><?cs var:Lang.admin.audit.ip ?></label>
      <input id="f-ip" name="ip" value="<?cs var:Filter.ip ?>" maxlength="45">
    </div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("from") ?>">
      <label for="f-from"><?cs var:Lang.admin.audit.from ?></label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>"<?cs call:field_aria("from") ?>>
      <?cs call:field_error("from") ?>
    </div>
    <div class="<?cs call:field_class("to") ?>">
      <label for="f-to"><?cs var:Lang.admin.audit.to ?></label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>"<?cs call:field_aria("to") ?>>
      <?cs call:field_error("to") ?>
    </div>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.filter ?></button>
    <a class="btn btn-link" href="/admin/audit"><?cs var:Lang.common.reset ?></a>
  </div>
</form>

<?cs if:subcount(Audit) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.audit.at ?></th>
      <th scope="col"><?cs var:Lang.admin.audit.who ?></th>
      <th scope="col"><?cs var:Lang.admin.audit.ip ?></th>
      <th scope="col"><?cs var:Lang.admin.audit.event ?></th>
      <th scope="col"><?cs var:Lang.admin.audit.object ?></th>
      <th scope="col"><?cs var:Lang.admin.audit.detail ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:a = Audit ?>
    <tr>
      <td><?cs var:a.time ?></td>
      <td><?cs if:a.login ?><?cs var:a.login ?> <span class="muted"><?cs var:a.name ?></span><?cs
        else ?><span class="muted"><?cs var:Lang.admin.audit.system ?></span><?cs /if ?></td>
      <td><?cs var:a.ip ?></td>
      <td><?cs var:a.event_label ?><?cs if:a.event_label != a.event ?> <code class="muted"><?cs var:a.event ?></code><?cs /if ?></td>
      <td><?cs if:a.object_type ?><?cs var:a.object_type ?><?cs if:a.object_id ?> #<?cs var:a.object_id ?><?cs /if ?><?cs /if ?></td>
      <td class="wrap"><?cs var:a.detail ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
