<?cs # admin/apikeys.cs — API keys (name, owner, prefix, dates, status) and the form for a new one.
Reads: Keys.N.{id,name,prefix,created_at,last_used_at,revoked_at,login,staff_name,creator},
       StaffOptions.N.{id,login,name}, Form.{staff_id,name}, Form.Error.{staff_id,name},
       Pager.*, CSRF, Lang.admin.apikeys.{title,name,name_hint,owner,owner_hint,prefix,created,
       last_used,never_used,status,active,revoked,revoke,revoke_confirm,new},
       Lang.common.{actions,create,empty,required_note,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.apikeys.title ?></h1>
</div>

<?cs if:subcount(Keys) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.apikeys.name ?></th>
      <th scope="col"><?cs var:Lang.admin.apikeys.owner ?></th>
      <th scope="col"><?cs var:Lang.admin.apikeys.prefix ?></th>
      <th scope="col"><?cs var:Lang.admin.apikeys.created ?></th>
      <th scope="col"><?cs var:Lang.admin.apikeys.last_used ?></th>
      <th scope="col"><?cs var:Lang.admin.apikeys.status ?></th>
      <th scope="col"><?cs var:Lang.common.actions ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:k = Keys ?>
    <tr>
      <td class="wrap"><?cs var:k.name ?></td>
      <td><?cs var:k.login ?> <span class="muted"><?cs var:k.staff_name ?></span></td>
      <td><code>wl_<?cs var:k.prefix ?>…</code></td>
      <td><?cs var:k.created_at ?></td>
      <td><?cs alt:k.last_used_at ?><span class="muted"><?cs var:Lang.admin.apikeys.never_used ?></span><?cs /alt ?></td>
      <td><?cs if:k.revoked_at ?><span class="badge badge-muted"><?cs var:Lang.admin.apikeys.revoked ?></span> <?cs var:k.revoked_at ?><?cs
        else ?><span class="badge badge-ok"><?cs var:Lang.admin.apikeys.active ?></span><?cs /if ?></td>
      <td class="actions">
        <?cs if:!k.revoked_at ?>
        <form method="post" action="/admin/apikeys/<?cs var:k.id ?>/revoke">
          <?cs call:csrf() ?>
          <button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.admin.apikeys.revoke_confirm ?>"><?cs var:Lang.admin.apikeys.revoke ?></button>
        </form>
        <?cs /if ?>
      </td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs call:pager() ?>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>

<section class="card">
  <h2><?cs var:Lang.admin.apikeys.new ?></h2>
  <form class="form" method="post" action="/admin/apikeys">
    <?cs call:csrf() ?>
    <p class="form-note"><?cs var:Lang.common.required_note ?></p>
    <div class="field-row">
      <div class="<?cs call:field_class("name") ?>">
        <label for="f-name"><?cs var:Lang.admin.apikeys.name ?><?cs call:req_mark() ?></label>
        <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
        <p class="hint"><?cs var:Lang.admin.apikeys.name_hint ?></p>
        <?cs call:field_error("name") ?>
      </div>
      <div class="<?cs call:field_class("staff_id") ?>">
        <label for="f-staff_id"><?cs var:Lang.admin.apikeys.owner ?><?cs call:req_mark() ?></label>
        <select id="f-staff_id" name="staff_id" required<?cs call:field_aria("staff_id") ?>>
          <option value=""></option>
          <?cs each:s = StaffOptions ?>
          <option value="<?cs var:s.id ?>"<?cs if:s.id == Form.staff_id ?> selected<?cs /if ?>><?cs var:s.login ?> · <?cs var:s.name ?></option>
          <?cs /each ?>
        </select>
        <p class="hint"><?cs var:Lang.admin.apikeys.owner_hint ?></p>
        <?cs call:field_error("staff_id") ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.create ?></button>
    </div>
  </form>
</section>
