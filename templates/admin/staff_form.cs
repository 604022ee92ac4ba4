<?cs # admin/staff_form.cs — create or edit a staff account; reset its password.
Reads: Form.{id,login,name,department_id,phone,email,lang,active,must_change_password,
       last_login_at,created_at,sip_extension,sip_has_password}, Form.Error.{login,name,
       department_id,roles,phone,email,lang,active,password,sip_extension,sip_password}, Departments.N.{id,name,indent}, RoleList.N.{id,label,checked}, CSRF,
       Lang.admin.staff.{new,edit,login,login_hint,name,department,roles,phone,email,lang,
       active,status,initial_password,initial_password_hint,reset_password,reset_hint,
       new_password,last_login,never,sip_title,sip_extension,sip_extension_hint,sip_password,
       sip_password_hint,sip_password_set,sip_password_unset}, Lang.account.lang_default, Lang.lang.{zh_CN,en},
       Lang.common.{save,cancel,none,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.admin.staff.edit ?><?cs else ?><?cs var:Lang.admin.staff.new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/admin/staff<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>

  <?cs if:Form.id ?>
  <dl class="meta">
    <div><dt><?cs var:Lang.admin.staff.login ?></dt><dd><code><?cs var:Form.login ?></code></dd></div>
    <div><dt><?cs var:Lang.admin.staff.last_login ?></dt><dd><?cs alt:Form.last_login_at ?><?cs var:Lang.admin.staff.never ?><?cs /alt ?></dd></div>
  </dl>
  <?cs else ?>
  <div class="<?cs call:field_class("login") ?>">
    <label for="f-login"><?cs var:Lang.admin.staff.login ?><?cs call:req_mark() ?></label>
    <input id="f-login" name="login" value="<?cs var:Form.login ?>" required minlength="3" maxlength="64" pattern="[A-Za-z0-9._\-]{3,64}" autocomplete="off"<?cs call:field_aria("login") ?>>
    <p class="hint"><?cs var:Lang.admin.staff.login_hint ?></p>
    <?cs call:field_error("login") ?>
  </div>
  <?cs /if ?>

  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.admin.staff.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("department_id") ?>">
      <label for="f-department_id"><?cs var:Lang.admin.staff.department ?></label>
      <select id="f-department_id" name="department_id"<?cs call:field_aria("department_id") ?>>
        <option value=""><?cs var:Lang.common.none ?></option>
        <?cs each:d = Departments ?>
        <option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?></option>
        <?cs /each ?>
      </select>
      <?cs call:field_error("department_id") ?>
    </div>
  </div>

  <div class="<?cs call:field_class("roles") ?>">
    <fieldset class="checks">
      <legend><?cs var:Lang.admin.staff.roles ?><?cs call:req_mark() ?></legend>
      <?cs each:role = RoleList ?>
      <label class="check"><input type="checkbox" name="roles" value="<?cs var:role.id ?>"<?cs if:role.checked ?> checked<?cs /if ?>> <?cs var:role.label ?></label>
      <?cs /each ?>
    </fieldset>
    <?cs call:field_error("roles") ?>
  </div>

  <div class="field-row">
    <div class="<?cs call:field_class("phone") ?>">
      <label for="f-phone"><?cs var:Lang.admin.staff.phone ?></label>
      <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" maxlength="32"<?cs call:field_aria("phone") ?>>
      <?cs call:field_error("phone") ?>
    </div>
    <div class="<?cs call:field_class("email") ?>">
      <label for="f-email"><?cs var:Lang.admin.staff.email ?></label>
      <input id="f-email" name="email" type="email" value="<?cs var:Form.email ?>" maxlength="255"<?cs call:field_aria("email") ?>>
      <?cs call:field_error("email") ?>
    </div>
  </div>

  <div class="<?cs call:field_class("lang") ?>">
    <label for="f-lang"><?cs var:Lang.admin.staff.lang ?></label>
    <select id="f-lang" name="lang"<?cs call:field_aria("lang") ?>>
      <option value=""><?cs var:Lang.account.lang_default ?></option>
      <option value="zh_CN" lang="zh-CN"<?cs if:Form.lang == "zh_CN" ?> selected<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></option>
      <option value="en" lang="en"<?cs if:Form.lang == "en" ?> selected<?cs /if ?>><?cs var:Lang.lang.en ?></option>
    </select>
    <?cs call:field_error("lang") ?>
  </div>

  <fieldset class="group">
    <legend><?cs var:Lang.admin.staff.sip_title ?></legend>
    <div class="field-row">
      <div class="<?cs call:field_class("sip_extension") ?>">
        <label for="f-sip_extension"><?cs var:Lang.admin.staff.sip_extension ?></label>
        <input id="f-sip_extension" name="sip_extension" value="<?cs var:Form.sip_extension ?>" inputmode="numeric" maxlength="16" pattern="[0-9]{2,16}" autocomplete="off"<?cs call:field_aria("sip_extension") ?>>
        <p class="hint"><?cs var:Lang.admin.staff.sip_extension_hint ?></p>
        <?cs call:field_error("sip_extension") ?>
      </div>
      <div class="<?cs call:field_class("sip_password") ?>">
        <label for="f-sip_password"><?cs var:Lang.admin.staff.sip_password ?></label>
        <input id="f-sip_password" name="sip_password" type="password" minlength="8" maxlength="64" autocomplete="new-password"<?cs call:field_aria("sip_password") ?>>
        <p class="hint"><?cs if:Form.sip_has_password == "1" ?><?cs var:Lang.admin.staff.sip_password_set ?><?cs else ?><?cs var:Lang.admin.staff.sip_password_unset ?><?cs /if ?>. <?cs var:Lang.admin.staff.sip_password_hint ?></p>
        <?cs call:field_error("sip_password") ?>
      </div>
    </div>
  </fieldset>

  <?cs if:Form.id ?>
  <div class="<?cs call:field_class("active") ?>">
    <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?><?cs call:field_aria("active") ?>> <?cs var:Lang.admin.staff.active ?></label>
    <?cs call:field_error("active") ?>
  </div>
  <?cs else ?>
  <div class="<?cs call:field_class("password") ?>">
    <label for="f-password"><?cs var:Lang.admin.staff.initial_password ?><?cs call:req_mark() ?></label>
    <input id="f-password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password"<?cs call:field_aria("password") ?>>
    <p class="hint"><?cs var:Lang.admin.staff.initial_password_hint ?></p>
    <?cs call:field_error("password") ?>
  </div>
  <?cs /if ?>

  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/staff"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>

<?cs if:Form.id ?>
<section class="card">
  <h2><?cs var:Lang.admin.staff.reset_password ?></h2>
  <p class="muted"><?cs var:Lang.admin.staff.reset_hint ?></p>
  <form class="form" method="post" action="/admin/staff/<?cs var:Form.id ?>/password">
    <?cs call:csrf() ?>
    <div class="<?cs call:field_class("password") ?>">
      <label for="f-password"><?cs var:Lang.admin.staff.new_password ?><?cs call:req_mark() ?></label>
      <input id="f-password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password"<?cs call:field_aria("password") ?>>
      <?cs call:field_error("password") ?>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-danger"><?cs var:Lang.admin.staff.reset_password ?></button>
    </div>
  </form>
</section>
<?cs /if ?>
