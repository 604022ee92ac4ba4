<?cs # crm/import.cs — upload a CSV of the property tree or of residents; after a failed
upload, why nothing was imported: the file's problem or each bad row.
Reads: Form.kind, Form.Error.{kind,file}, Import.{file_hint,file_error,summary,more,
       Errors.N.text}, CSRF, Lang.crm.import.*, Lang.common.required. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.crm.import.title ?></h1>
</div>

<?cs if:Import.file_error || Import.summary ?>
<section class="card" aria-labelledby="import-errors-title">
  <h2 id="import-errors-title"><?cs var:Lang.crm.import.nothing_imported ?></h2>
  <?cs if:Import.file_error ?><p class="alert alert-error"><?cs var:Import.file_error ?></p><?cs /if ?>
  <?cs if:Import.summary ?>
  <p><?cs var:Import.summary ?></p>
  <ul>
    <?cs each:e = Import.Errors ?><li><?cs var:e.text ?></li>
    <?cs /each ?>
  </ul>
  <?cs if:Import.more ?><p class="muted"><?cs var:Import.more ?></p><?cs /if ?>
  <?cs /if ?>
  <p class="muted"><?cs var:Lang.crm.import.fix_and_retry ?></p>
</section>
<?cs /if ?>

<section class="card">
<form class="form" method="post" action="/crm/import" enctype="multipart/form-data">
  <?cs call:csrf() ?>
  <fieldset class="<?cs call:field_class("kind") ?> checks">
    <legend><?cs var:Lang.crm.import.kind ?><?cs call:req_mark() ?></legend>
    <label class="check"><input type="radio" name="kind" value="residents"<?cs if:Form.kind != "properties" ?> checked<?cs /if ?>> <?cs var:Lang.crm.import.kind_residents ?></label>
    <label class="check"><input type="radio" name="kind" value="properties"<?cs if:Form.kind == "properties" ?> checked<?cs /if ?>> <?cs var:Lang.crm.import.kind_properties ?></label>
    <?cs call:field_error("kind") ?>
  </fieldset>
  <div class="<?cs call:field_class("file") ?>">
    <label for="f-file"><?cs var:Lang.crm.import.file ?><?cs call:req_mark() ?></label>
    <input id="f-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="f-file-hint"<?cs call:field_aria("file") ?>>
    <p class="hint" id="f-file-hint"><?cs var:Import.file_hint ?></p>
    <?cs call:field_error("file") ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.crm.import.submit ?></button>
  </div>
</form>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.import.format ?></h2>
  <p><?cs var:Lang.crm.import.format_intro ?></p>
  <h3><?cs var:Lang.crm.import.kind_residents ?></h3>
  <p><code><?cs var:Lang.crm.import.residents_header ?></code></p>
  <p class="muted"><?cs var:Lang.crm.import.residents_rules ?></p>
  <p><a href="/crm/import/template.csv?kind=residents"><?cs var:Lang.crm.import.template ?></a></p>
  <h3><?cs var:Lang.crm.import.kind_properties ?></h3>
  <p><code><?cs var:Lang.crm.import.properties_header ?></code></p>
  <p class="muted"><?cs var:Lang.crm.import.properties_rules ?></p>
  <p><a href="/crm/import/template.csv?kind=properties"><?cs var:Lang.crm.import.template ?></a></p>
</section>
