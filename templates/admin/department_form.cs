<?cs # admin/department_form.cs — create or edit a department; delete it.
Reads: Form.{id,name,code,parent_id,sort,staff_count,child_count}, Form.Error.{name,code,
       parent_id,sort}, Parents.N.{id,name,indent}, CSRF,
       Lang.admin.departments.{new,edit,name,code,code_hint,parent,top,sort,sort_hint,
       staff_count}, Lang.common.{save,cancel,delete,confirm_delete,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.admin.departments.edit ?><?cs else ?><?cs var:Lang.admin.departments.new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/admin/departments<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>

  <div class="<?cs call:field_class("name") ?>">
    <label for="f-name"><?cs var:Lang.admin.departments.name ?><?cs call:req_mark() ?></label>
    <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
    <?cs call:field_error("name") ?>
  </div>

  <div class="field-row">
    <div class="<?cs call:field_class("code") ?>">
      <label for="f-code"><?cs var:Lang.admin.departments.code ?></label>
      <input id="f-code" name="code" value="<?cs var:Form.code ?>" maxlength="32" pattern="[a-z0-9_]{1,32}"<?cs call:field_aria("code") ?>>
      <p class="hint"><?cs var:Lang.admin.departments.code_hint ?></p>
      <?cs call:field_error("code") ?>
    </div>

    <div class="<?cs call:field_class("sort") ?>">
      <label for="f-sort"><?cs var:Lang.admin.departments.sort ?></label>
      <input id="f-sort" name="sort" type="number" value="<?cs var:Form.sort ?>"<?cs call:field_aria("sort") ?>>
      <p class="hint"><?cs var:Lang.admin.departments.sort_hint ?></p>
      <?cs call:field_error("sort") ?>
    </div>
  </div>

  <div class="<?cs call:field_class("parent_id") ?>">
    <label for="f-parent_id"><?cs var:Lang.admin.departments.parent ?></label>
    <select id="f-parent_id" name="parent_id"<?cs call:field_aria("parent_id") ?>>
      <option value=""><?cs var:Lang.admin.departments.top ?></option>
      <?cs each:p = Parents ?>
      <option value="<?cs var:p.id ?>"<?cs if:p.id == Form.parent_id ?> selected<?cs /if ?>><?cs var:p.indent ?><?cs var:p.name ?></option>
      <?cs /each ?>
    </select>
    <?cs call:field_error("parent_id") ?>
  </div>

  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/departments"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>

<?cs if:Form.id ?>
<section class="card">
  <?cs if:?Form.staff_count ?>
  <dl class="meta">
    <div><dt><?cs var:Lang.admin.departments.staff_count ?></dt><dd><?cs var:Form.staff_count ?></dd></div>
  </dl>
  <?cs /if ?>
  <form class="form" method="post" action="/admin/departments/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </div>
  </form>
</section>
<?cs /if ?>
