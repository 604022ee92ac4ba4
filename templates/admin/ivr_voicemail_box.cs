<?cs # admin/ivr_voicemail_box.cs — edit or delete a voicemail box.
Reads: Form.{id,version,name,description,greeting_prompt_id,max_seconds,department_id},
       Form.Error.<field>, Opt.{Prompts,Departments}, CSRF, Lang.ivr.vm.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<?cs call:ivr_tabs() ?>
<section class="card">
  <form class="form" method="post" action="/admin/ivr/voicemail/<?cs var:Form.id ?>">
    <?cs call:csrf() ?>
    <input type="hidden" name="version" value="<?cs var:Form.version ?>">
    <?cs call:box_fields() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
      <a class="btn btn-link" href="/admin/ivr/voicemail"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
  <form class="form" method="post" action="/admin/ivr/voicemail/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
