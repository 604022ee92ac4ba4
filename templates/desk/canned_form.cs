<?cs # desk/canned_form.cs — create or edit a canned reply.
Reads: Form.{id,title,body,active,sort}, Form.Error.{title,body,sort}, CSRF,
       Lang.desk.canned.*, Lang.desk.types.{sort,status},
       Lang.common.{save,cancel,active,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.desk.canned.edit ?><?cs else ?><?cs var:Lang.desk.canned.new ?><?cs /if ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/tickets/canned<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="<?cs call:field_class("title") ?>">
    <label for="f-title"><?cs var:Lang.desk.canned.name ?><?cs call:req_mark() ?></label>
    <input id="f-title" name="title" value="<?cs var:Form.title ?>" required maxlength="100"<?cs call:field_aria("title") ?>>
    <?cs call:field_error("title") ?>
  </div>
  <div class="<?cs call:field_class("body") ?>">
    <label for="f-body"><?cs var:Lang.desk.canned.body ?><?cs call:req_mark() ?></label>
    <textarea id="f-body" name="body" required maxlength="5000"<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
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
    <a class="btn btn-link" href="/tickets/canned"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
