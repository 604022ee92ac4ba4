<?cs # settings.cs — the report thresholds.  Reads: Form.{sl_seconds,short_abandon}, Form.Error.*, CSRF ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<p><?cs var:Lang.report.settings.desc ?></p>
<form class="form" method="post" action="/reports/settings">
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
  <div class="field-row">
  <div class="field<?cs if:Form.Error.sl_seconds ?> has-error<?cs /if ?>">
    <label for="f-sl"><?cs var:Lang.report.settings.sl ?> <span class="req">*</span></label>
    <input id="f-sl" name="sl_seconds" inputmode="numeric" required value="<?cs var:Form.sl_seconds ?>"<?cs if:Form.Error.sl_seconds ?> aria-invalid="true"<?cs /if ?>>
    <?cs if:Form.Error.sl_seconds ?><p class="error"><?cs var:Form.Error.sl_seconds ?></p><?cs /if ?>
  </div>
  <div class="field<?cs if:Form.Error.short_abandon ?> has-error<?cs /if ?>">
    <label for="f-short"><?cs var:Lang.report.settings.short ?> <span class="req">*</span></label>
    <input id="f-short" name="short_abandon" inputmode="numeric" required value="<?cs var:Form.short_abandon ?>"<?cs if:Form.Error.short_abandon ?> aria-invalid="true"<?cs /if ?>>
    <?cs if:Form.Error.short_abandon ?><p class="error"><?cs var:Form.Error.short_abandon ?></p><?cs /if ?>
  </div>
  </div>
  <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:Lang.report.settings.save ?></button></div>
</form>
