<?cs # admin/notify_form.cs — edit a notification rule with a preview; delete it.
Reads: Form.{id,version,type_id,...,preview,preview_subject,preview_chars,preview_parts},
       Form.Error.<field>, Opt.*, CSRF, Lang.notify.*, Lang.common.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"admin/notify_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.notify.edit ?></h1></div>
<section class="card">
  <form class="form" method="post" action="/admin/notify/<?cs var:Form.id ?>">
    <?cs call:csrf() ?>
    <input type="hidden" name="version" value="<?cs var:Form.version ?>">
    <?cs call:notify_fields() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
      <button type="submit" class="btn" name="preview" value="1"><?cs var:Lang.notify.preview_button ?></button>
      <a class="btn btn-link" href="/admin/notify"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
  <?cs if:Form.type_id != 0 ?>
  <form class="form" method="post" action="/admin/notify/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
  <?cs else ?><p class="hint"><?cs var:Lang.notify.default_hint ?></p><?cs /if ?>
</section>
<?cs if:Form.preview ?>
<section class="card" id="preview">
  <h2 class="section-title"><?cs var:Lang.notify.preview ?></h2>
  <?cs if:Form.preview_subject && Form.channel == "email" ?><p><strong><?cs var:Form.preview_subject ?></strong></p><?cs /if ?>
  <p class="preview-text"><?cs var:Form.preview ?></p>
  <?cs if:Form.channel == "sms" ?><p class="hint"><?cs var:Lang.notify.preview_size ?> <strong id="preview-chars"><?cs var:Form.preview_chars ?></strong> · <?cs var:Lang.notify.preview_parts ?> <strong id="preview-parts"><?cs var:Form.preview_parts ?></strong></p><?cs /if ?>
</section>
<?cs /if ?>
