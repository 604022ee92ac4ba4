<?cs # desk/type_form.cs — create or edit a work-order type or subtype.
Reads: Form.{id,code,name,parent_id,priority,response_minutes,resolve_minutes,department_id,
       common_problems,active,sort,req.<field>}, Form.Error.*, Parents.N.{id,name},
       Departments.N.{id,name}, Fields.N.code, CSRF, Lang.desk.types.*, Lang.ticket.priority.*,
       Lang.desk.col.*, Lang.common.{save,cancel,none,active,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.desk.types.edit ?><?cs else ?><?cs var:Lang.desk.types.new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/tickets/types<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.desk.types.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("code") ?>">
      <label for="f-code"><?cs var:Lang.desk.types.code ?><?cs call:req_mark() ?></label>
      <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="32" pattern="[a-z0-9_]{1,32}"<?cs call:field_aria("code") ?>>
      <p class="hint"><?cs var:Lang.desk.types.code_hint ?></p>
      <?cs call:field_error("code") ?>
    </div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("parent_id") ?>">
      <label for="f-parent_id"><?cs var:Lang.desk.types.parent ?></label>
      <select id="f-parent_id" name="parent_id"<?cs call:field_aria("parent_id") ?>>
        <option value=""><?cs var:Lang.desk.types.top ?></option>
        <?cs each:p = Parents ?><option value="<?cs var:p.id ?>"<?cs if:p.id == Form.parent_id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("parent_id") ?>
    </div>
    <div class="<?cs call:field_class("priority") ?>">
      <label for="f-priority"><?cs var:Lang.desk.col.priority ?></label>
      <select id="f-priority" name="priority"<?cs call:field_aria("priority") ?>>
        <?cs loop:p = 1, 4, 1 ?><option value="<?cs var:p ?>"<?cs if:p == Form.priority ?> selected<?cs /if ?>><?cs var:Lang.ticket.priority[p] ?></option><?cs /loop ?>
      </select>
      <?cs call:field_error("priority") ?>
    </div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("response_minutes") ?>">
      <label for="f-response_minutes"><?cs var:Lang.desk.types.response ?><?cs call:req_mark() ?></label>
      <input id="f-response_minutes" name="response_minutes" type="number" min="1" max="525600" value="<?cs var:Form.response_minutes ?>" required<?cs call:field_aria("response_minutes") ?>>
      <?cs call:field_error("response_minutes") ?>
    </div>
    <div class="<?cs call:field_class("resolve_minutes") ?>">
      <label for="f-resolve_minutes"><?cs var:Lang.desk.types.resolve ?><?cs call:req_mark() ?></label>
      <input id="f-resolve_minutes" name="resolve_minutes" type="number" min="1" max="525600" value="<?cs var:Form.resolve_minutes ?>" required<?cs call:field_aria("resolve_minutes") ?>>
      <?cs call:field_error("resolve_minutes") ?>
    </div>
  </div>
  <fieldset class="checks">
    <legend><?cs var:Lang.desk.types.required ?></legend>
    <?cs each:f = Fields ?>
    <label class="check"><input type="checkbox" name="required" value="<?cs var:f.code ?>"<?cs if:Form.req[f.code] == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.types.req[f.code] ?></label>
    <?cs /each ?>
  </fieldset>
  <div class="<?cs call:field_class("department_id") ?>">
    <label for="f-department_id"><?cs var:Lang.desk.types.department ?></label>
    <select id="f-department_id" name="department_id"<?cs call:field_aria("department_id") ?>>
      <option value=""><?cs var:Lang.common.none ?></option>
      <?cs each:d = Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("department_id") ?>
  </div>
  <div class="<?cs call:field_class("common_problems") ?>">
    <label for="f-common_problems"><?cs var:Lang.desk.types.problems ?></label>
    <textarea id="f-common_problems" name="common_problems" maxlength="1000"<?cs call:field_aria("common_problems") ?>><?cs var:Form.common_problems ?></textarea>
    <p class="hint"><?cs var:Lang.desk.types.problems_hint ?></p>
    <?cs call:field_error("common_problems") ?>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("sort") ?>">
      <label for="f-sort"><?cs var:Lang.desk.types.sort ?></label>
      <input id="f-sort" name="sort" type="number" value="<?cs var:Form.sort ?>"<?cs call:field_aria("sort") ?>>
      <?cs call:field_error("sort") ?>
    </div>
    <div class="field">
      <span class="field-label"><?cs var:Lang.desk.types.status ?></span>
      <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?>> <?cs var:Lang.common.active ?></label>
    </div>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/tickets/types"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
