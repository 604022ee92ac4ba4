<?cs # admin/ivr_block.cs — edit or delete a blacklisted number; its attempts.
Reads: Form.{id,version,number,reason,action,prompt_id,expires}, Form.Error.<field>,
       Attempts.N.{number,at,action_label}, Opt.Prompts, CSRF, Lang.ivr.block.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<?cs call:ivr_tabs() ?>
<section class="card">
  <form class="form" method="post" action="/admin/ivr/blacklist/<?cs var:Form.id ?>">
    <?cs call:csrf() ?>
    <input type="hidden" name="version" value="<?cs var:Form.version ?>">
    <?cs call:block_fields() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
      <a class="btn btn-link" href="/admin/ivr/blacklist"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
  <form class="form" method="post" action="/admin/ivr/blacklist/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
<section class="card"><?cs call:attempts() ?></section>
