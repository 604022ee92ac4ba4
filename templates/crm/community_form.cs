<?cs # crm/community_form.cs — create or edit a community (小区).
Reads: Form.{id,code,name,city,district,address,phone}, Form.Error.{code,name,city,district,
       address,phone}, CSRF, Lang.crm.prop.*, Lang.common.{save,cancel,required_note}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.crm.prop.community_edit ?><?cs else ?><?cs var:Lang.crm.prop.community_new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/crm/properties<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.crm.prop.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("code") ?>">
      <label for="f-code"><?cs var:Lang.crm.prop.code ?><?cs call:req_mark() ?></label>
      <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="32" pattern="[a-z0-9_]{1,32}"<?cs call:field_aria("code") ?>>
      <p class="hint"><?cs var:Lang.crm.prop.code_hint ?></p>
      <?cs call:field_error("code") ?>
    </div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("city") ?>">
      <label for="f-city"><?cs var:Lang.crm.prop.city ?></label>
      <input id="f-city" name="city" value="<?cs var:Form.city ?>" maxlength="32"<?cs call:field_aria("city") ?>>
      <?cs call:field_error("city") ?>
    </div>
    <div class="<?cs call:field_class("district") ?>">
      <label for="f-district"><?cs var:Lang.crm.prop.district ?></label>
      <input id="f-district" name="district" value="<?cs var:Form.district ?>" maxlength="32"<?cs call:field_aria("district") ?>>
      <?cs call:field_error("district") ?>
    </div>
  </div>
  <div class="<?cs call:field_class("address") ?>">
    <label for="f-address"><?cs var:Lang.crm.prop.address ?></label>
    <input id="f-address" name="address" value="<?cs var:Form.address ?>" maxlength="255"<?cs call:field_aria("address") ?>>
    <?cs call:field_error("address") ?>
  </div>
  <div class="<?cs call:field_class("phone") ?>">
    <label for="f-phone"><?cs var:Lang.crm.prop.phone ?></label>
    <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" maxlength="32"<?cs call:field_aria("phone") ?>>
    <?cs call:field_error("phone") ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/crm/properties<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
