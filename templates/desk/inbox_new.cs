<?cs # desk/inbox_new.cs — write an internal message to a colleague.
Reads: Form.{recipient,subject,body}, Form.Error.{recipient,subject,body},
       Staff.N.{id,name,department}, CSRF, Lang.message.inbox.*,
       Lang.common.{cancel,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.message.inbox.new_title ?></h1></div>
<section class="card">
<form class="form" method="post" action="/inbox">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="<?cs call:field_class("recipient") ?>">
    <label for="f-recipient"><?cs var:Lang.message.inbox.to ?><?cs call:req_mark() ?></label>
    <select id="f-recipient" name="recipient" required<?cs call:field_aria("recipient") ?>>
      <option value=""></option>
      <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"<?cs if:Form.recipient == s.id ?> selected<?cs /if ?>><?cs var:s.name ?><?cs if:s.department ?> · <?cs var:s.department ?><?cs /if ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("recipient") ?>
  </div>
  <div class="<?cs call:field_class("subject") ?>">
    <label for="f-subject"><?cs var:Lang.message.inbox.subject ?><?cs call:req_mark() ?></label>
    <input id="f-subject" name="subject" value="<?cs var:Form.subject ?>" required maxlength="200"<?cs call:field_aria("subject") ?>>
    <?cs call:field_error("subject") ?>
  </div>
  <div class="<?cs call:field_class("body") ?>">
    <label for="f-body"><?cs var:Lang.message.inbox.body ?><?cs call:req_mark() ?></label>
    <textarea id="f-body" name="body" required rows="8" maxlength="2000"<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.message.inbox.send ?></button>
    <a class="btn btn-link" href="/inbox"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
