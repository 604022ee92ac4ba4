<?cs # admin/role_form.cs — create or edit a role: name and permissions by area.
Reads: Form.{id,code,name,label,builtin,member_count}, Form.Error.{code,name,perms},
       PermAreas.A.{area,label}, PermAreas.A.Perms.N.{code,label,checked}, CSRF,
       Lang.admin.roles.{new,edit,code,code_hint,name,builtin,builtin_hint,permissions,
       staff_count}, Lang.common.{save,cancel,delete,confirm_delete,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.admin.roles.edit ?><?cs else ?><?cs var:Lang.admin.roles.new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/admin/roles<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>

  <?cs if:Form.id ?>
  <dl class="meta">
    <div><dt><?cs var:Lang.admin.roles.code ?></dt><dd><code><?cs var:Form.code ?></code></dd></div>
    <?cs if:Form.builtin == "1" ?>
    <div><dt><?cs var:Lang.admin.roles.name ?></dt><dd><?cs var:Form.label ?> <span class="badge badge-muted"><?cs var:Lang.admin.roles.builtin ?></span></dd></div>
    <?cs /if ?>
    <?cs if:?Form.member_count ?>
    <div><dt><?cs var:Lang.admin.roles.staff_count ?></dt><dd><?cs var:Form.member_count ?></dd></div>
    <?cs /if ?>
  </dl>
  <?cs if:Form.builtin == "1" ?><p class="hint"><?cs var:Lang.admin.roles.builtin_hint ?></p><?cs /if ?>
  <?cs else ?>
  <div class="<?cs call:field_class("code") ?>">
    <label for="f-code"><?cs var:Lang.admin.roles.code ?><?cs call:req_mark() ?></label>
    <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="32" pattern="[a-z0-9_]{2,32}"<?cs call:field_aria("code") ?>>
    <p class="hint"><?cs var:Lang.admin.roles.code_hint ?></p>
    <?cs call:field_error("code") ?>
  </div>
  <?cs /if ?>

  <?cs if:Form.builtin != "1" ?>
  <div class="<?cs call:field_class("name") ?>">
    <label for="f-name"><?cs var:Lang.admin.roles.name ?><?cs call:req_mark() ?></label>
    <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <?cs /if ?>

  <div class="<?cs call:field_class("perms") ?>">
    <p class="section-title"><?cs var:Lang.admin.roles.permissions ?></p>
    <?cs each:area = PermAreas ?>
    <fieldset class="checks">
      <legend><?cs var:area.label ?></legend>
      <?cs each:p = area.Perms ?>
      <label class="check"><input type="checkbox" name="perms" value="<?cs var:p.code ?>"<?cs if:p.checked ?> checked<?cs /if ?>> <?cs var:p.label ?> <code class="muted"><?cs var:p.code ?></code></label>
      <?cs /each ?>
    </fieldset>
    <?cs /each ?>
    <?cs call:field_error("perms") ?>
  </div>

  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/roles"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>

<?cs if:Form.id && Form.builtin != "1" ?>
<section class="card">
  <form class="form" method="post" action="/admin/roles/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </div>
  </form>
</section>
<?cs /if ?>
