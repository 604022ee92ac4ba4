<?cs # admin/ivr_blacklist.cs — listed numbers, the add form, the latest attempts.
Reads: Blocks.N.{id,number,reason,action,action_label,expires_at,expired,prompt,attempt_count},
       Attempts.N.{number,at,action_label}, Form.{number,reason,action,prompt_id,expires},
       Form.Error.<field>, Opt.Prompts, CSRF, Lang.ivr.block.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<h2 class="section-title"><?cs var:Lang.ivr.block.title ?></h2>
<?cs if:subcount(Blocks) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.block.number ?></th>
    <th scope="col"><?cs var:Lang.ivr.block.action_title ?></th>
    <th scope="col"><?cs var:Lang.ivr.block.reason ?></th>
    <th scope="col"><?cs var:Lang.ivr.block.expires ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.block.attempt_count ?></th>
    <th scope="col"><?cs var:Lang.common.actions ?></th>
  </tr></thead>
  <tbody><?cs each:b = Blocks ?>
    <tr>
      <td><a href="/admin/ivr/blacklist/<?cs var:b.id ?>"><?cs var:b.number ?></a></td>
      <td><?cs var:b.action_label ?><?cs if:b.prompt ?> · <code><?cs var:b.prompt ?></code><?cs /if ?></td>
      <td><?cs var:b.reason ?></td>
      <td><?cs if:b.expires_at ?><?cs var:b.expires_at ?><?cs if:b.expired == 1 ?> <span class="badge badge-muted"><?cs var:Lang.ivr.block.expired ?></span><?cs /if ?><?cs else ?><?cs var:Lang.ivr.block.never ?><?cs /if ?></td>
      <td class="num"><?cs var:b.attempt_count ?></td>
      <td class="actions"><a class="btn btn-sm" href="/admin/ivr/blacklist/<?cs var:b.id ?>"><?cs var:Lang.common.edit ?></a></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.block.add ?></h2>
  <form class="form" method="post" action="/admin/ivr/blacklist">
    <?cs call:csrf() ?>
    <?cs call:block_fields() ?>
    <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.ivr.block.add ?></button></div>
  </form>
</section>
<section class="card"><?cs call:attempts() ?></section>
