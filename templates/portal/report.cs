<?cs # portal/report.cs — report a fault: household, a common problem, description, files.
Reads: Households.N.{id,community,building,unit,room}, Types.N.{id,name},
       Types.N.Problems.M.{value,label}, Limits.Photos, Form.{household,problem,description},
       Form.Error.{household,problem,description,files}, CSRF, Lang.portal.*. ?>
<?cs include:"portal/macros.cs" ?>
<?cs call:portal_bar() ?>
<div class="page-head"><h1><?cs var:Lang.portal.report_title ?></h1></div>
<?cs if:subcount(Households) == 0 ?>
<section class="card"><p class="empty"><?cs var:Lang.portal.no_households ?></p></section>
<?cs else ?>
<form class="form card" method="post" action="/portal/report" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
  <fieldset class="checks big-choices<?cs if:?Form.Error.household ?> has-error<?cs /if ?>">
    <legend><?cs var:Lang.portal.household ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></legend>
    <?cs each:h = Households ?>
    <label class="check big-choice"><input type="radio" name="household" value="<?cs var:h.id ?>" required<?cs if:Form.household == h.id || subcount(Households) == 1 ?> checked<?cs /if ?>> <?cs call:address(h) ?></label>
    <?cs /each ?>
    <?cs if:?Form.Error.household ?><p class="error"><?cs var:Form.Error.household ?></p><?cs /if ?>
  </fieldset>
  <?cs each:t = Types ?>
  <fieldset class="checks big-choices<?cs if:?Form.Error.problem ?> has-error<?cs /if ?>">
    <legend><?cs var:t.name ?></legend>
    <?cs each:p = t.Problems ?>
    <label class="check big-choice"><input type="radio" name="problem" value="<?cs var:p.value ?>" required<?cs if:Form.problem == p.value ?> checked<?cs /if ?>> <?cs var:p.label ?></label>
    <?cs /each ?>
  </fieldset>
  <?cs /each ?>
  <?cs if:?Form.Error.problem ?><p class="error"><?cs var:Form.Error.problem ?></p><?cs /if ?>
  <div class="field<?cs if:?Form.Error.description ?> has-error<?cs /if ?>">
    <label for="f-description"><?cs var:Lang.portal.description ?></label>
    <textarea id="f-description" name="description" maxlength="2000"><?cs var:Form.description ?></textarea>
    <p class="hint"><?cs var:Lang.portal.description_hint ?></p>
    <?cs if:?Form.Error.description ?><p class="error"><?cs var:Form.Error.description ?></p><?cs /if ?>
  </div>
  <div class="field<?cs if:?Form.Error.files ?> has-error<?cs /if ?>">
    <label for="f-files"><?cs var:Lang.portal.files ?></label>
    <input type="file" id="f-files" name="files" accept="image/*,video/*" multiple>
    <p class="hint"><?cs var:Lang.portal.files_hint ?></p>
    <?cs if:?Form.Error.files ?><p class="error"><?cs var:Form.Error.files ?></p><?cs /if ?>
  </div>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.portal.report_submit ?></button></div>
</form>
<?cs /if ?>
