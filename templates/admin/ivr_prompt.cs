<?cs # admin/ivr_prompt.cs — edit a prompt (replace its audio), listen, where it is used, delete.
Reads: Form.{id,name,description,lang,version}, Form.Error.{name,description,lang,file},
       Stored.{source_name,source_info,duration_ms,size,updated_at}, UsedBy.N.{id,name,node_key},
       CSRF, Lang.ivr.prompts.*, Lang.ivr.*, Lang.lang.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?> <code><?cs var:Form.name ?></code></h1></div>
<?cs call:ivr_tabs() ?>
<section class="card">
  <audio controls preload="metadata" src="/admin/ivr/prompts/<?cs var:Form.id ?>/audio"></audio>
  <dl class="meta">
    <div><dt><?cs var:Lang.ivr.prompts.source ?></dt><dd><?cs var:Stored.source_name ?> (<?cs var:Stored.source_info ?>)</dd></div>
    <div><dt><?cs var:Lang.ivr.prompts.stored ?></dt><dd>WAV 8000 Hz 1 ch 16 bit · <?cs var:Stored.duration_ms ?> ms · <?cs var:Stored.size ?> B</dd></div>
  </dl>
</section>
<section class="card">
<form class="form" method="post" action="/admin/ivr/prompts/<?cs var:Form.id ?>" enctype="multipart/form-data">
  <?cs call:csrf() ?>
  <input type="hidden" name="version" value="<?cs var:Form.version ?>">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.prompts.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="64"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("lang") ?>">
      <label for="f-lang"><?cs var:Lang.ivr.prompts.lang ?></label>
      <select id="f-lang" name="lang"><option value="zh_CN"<?cs if:Form.lang == "zh_CN" ?> selected<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></option><option value="en"<?cs if:Form.lang == "en" ?> selected<?cs /if ?>><?cs var:Lang.lang.en ?></option></select>
    </div>
  </div>
  <div class="<?cs call:field_class("description") ?>">
    <label for="f-description"><?cs var:Lang.ivr.description ?></label>
    <input id="f-description" name="description" value="<?cs var:Form.description ?>" maxlength="300">
    <?cs call:field_error("description") ?>
  </div>
  <div class="<?cs call:field_class("file") ?>">
    <label for="f-file"><?cs var:Lang.ivr.prompts.replace ?></label>
    <input id="f-file" type="file" name="file" accept="audio/*,.wav,.mp3,.flac,.ogg"<?cs call:field_aria("file") ?>>
    <p class="hint"><?cs var:Lang.ivr.prompts.file_hint ?></p>
    <?cs call:field_error("file") ?>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/ivr/prompts"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.used_by ?></h2>
  <?cs if:subcount(UsedBy) > 0 ?><ul><?cs each:u = UsedBy ?><li><a href="/admin/ivr/flows/<?cs var:u.id ?>"><?cs var:u.name ?></a> · <code><?cs var:u.node_key ?></code></li><?cs /each ?></ul><?cs else ?><p class="muted"><?cs var:Lang.ivr.unused ?></p><?cs /if ?>
  <form class="form" method="post" action="/admin/ivr/prompts/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
