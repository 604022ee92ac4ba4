<?cs # admin/ivr_voicemail.cs — voicemail boxes and the add form.
Reads: Boxes.N.{id,name,description,max_seconds,greeting,department},
       Form.{name,description,greeting_prompt_id,max_seconds,department_id}, Form.Error.<field>,
       Opt.{Prompts,Departments}, CSRF, Lang.ivr.vm.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<h2 class="section-title"><?cs var:Lang.ivr.vm.title ?></h2>
<?cs if:subcount(Boxes) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.vm.name ?></th>
    <th scope="col"><?cs var:Lang.ivr.vm.greeting ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.vm.max_seconds ?></th>
    <th scope="col"><?cs var:Lang.ivr.vm.department ?></th>
  </tr></thead>
  <tbody><?cs each:b = Boxes ?>
    <tr>
      <td><a href="/admin/ivr/voicemail/<?cs var:b.id ?>"><?cs var:b.name ?></a><?cs if:b.description ?><div class="muted"><?cs var:b.description ?></div><?cs /if ?></td>
      <td><code><?cs var:b.greeting ?></code></td>
      <td class="num"><?cs var:b.max_seconds ?></td>
      <td><?cs var:b.department ?></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.vm.new ?></h2>
  <form class="form" method="post" action="/admin/ivr/voicemail">
    <?cs call:csrf() ?>
    <?cs call:box_fields() ?>
    <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.common.create ?></button></div>
  </form>
</section>
