<?cs # admin/ivr_prompts.cs — audio prompts with players, and the upload form.
Reads: Prompts.N.{id,name,description,lang,seconds,size,source_info,updated_at},
       Form.{name,description,lang}, Form.Error.{name,description,lang,file}, CSRF,
       Lang.ivr.prompts.*, Lang.ivr.*, Lang.lang.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<h2 class="section-title"><?cs var:Lang.ivr.prompts.title ?></h2>
<?cs if:subcount(Prompts) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.prompts.name ?></th>
    <th scope="col"><?cs var:Lang.ivr.description ?></th>
    <th scope="col"><?cs var:Lang.ivr.prompts.lang ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.prompts.seconds ?></th>
    <th scope="col"><?cs var:Lang.ivr.prompts.listen ?></th>
    <th scope="col"><?cs var:Lang.common.actions ?></th>
  </tr></thead>
  <tbody><?cs each:p = Prompts ?>
    <tr>
      <td><a href="/admin/ivr/prompts/<?cs var:p.id ?>"><code><?cs var:p.name ?></code></a></td>
      <td><?cs var:p.description ?></td>
      <td><?cs var:Lang.lang[p.lang] ?></td>
      <td class="num"><?cs var:p.seconds ?></td>
      <td><audio controls preload="none" src="/admin/ivr/prompts/<?cs var:p.id ?>/audio"></audio></td>
      <td class="actions"><a class="btn btn-sm" href="/admin/ivr/prompts/<?cs var:p.id ?>"><?cs var:Lang.common.edit ?></a></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>

<section class="card">
<h2 class="section-title"><?cs var:Lang.ivr.prompts.upload ?></h2>
<form class="form" method="post" action="/admin/ivr/prompts" enctype="multipart/form-data">
  <?cs call:csrf() ?>
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.prompts.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="64" pattern="[a-z0-9_.\-]{1,64}"<?cs call:field_aria("name") ?>>
      <p class="hint"><?cs var:Lang.ivr.prompts.name_hint ?></p>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("lang") ?>">
      <label for="f-lang"><?cs var:Lang.ivr.prompts.lang ?></label>
      <select id="f-lang" name="lang"><option value="zh_CN"<?cs if:Form.lang == "zh_CN" ?> selected<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></option><option value="en"<?cs if:Form.lang == "en" ?> selected<?cs /if ?>><?cs var:Lang.lang.en ?></option></select>
      <?cs call:field_error("lang") ?>
    </div>
  </div>
  <div class="<?cs call:field_class("description") ?>">
    <label for="f-description"><?cs var:Lang.ivr.description ?></label>
    <input id="f-description" name="description" value="<?cs var:Form.description ?>" maxlength="300">
    <?cs call:field_error("description") ?>
  </div>
  <div class="<?cs call:field_class("file") ?>">
    <label for="f-file"><?cs var:Lang.ivr.prompts.file ?><?cs call:req_mark() ?></label>
    <input id="f-file" type="file" name="file" accept="audio/*,.wav,.mp3,.flac,.ogg"<?cs call:field_aria("file") ?>>
    <p class="hint"><?cs var:Lang.ivr.prompts.file_hint ?></p>
    <?cs call:field_error("file") ?>
  </div>
  <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.ivr.prompts.upload ?></button></div>
</form>
</section>
