<?cs # qa_cards.cs — QA scorecards and their weighted items (qa.admin): add a scorecard, add
an item, delete an item no review used.
Reads: Cards.N.{id,name,description,active,Items.M.{id,name,description,weight,max_score}},
       Form.{name,description,card,item_name,item_description,weight,max_score}, Form.Error.*, CSRF, Lang.qa.* ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1>
  <div class="page-actions"><a class="btn btn-sm" href="/reports/qa"><?cs var:Lang.qa.title ?></a></div></div>
<p><?cs var:Lang.qa.cards_intro ?></p>
<?cs each:c = Cards ?>
<section class="card"><h2><?cs var:c.name ?></h2>
<?cs if:c.description ?><p class="hint"><?cs var:c.description ?></p><?cs /if ?>
<div class="table-wrap"><table class="table"><thead><tr><th><?cs var:Lang.qa.item ?></th><th><?cs var:Lang.qa.item_description ?></th><th><?cs var:Lang.qa.weight ?></th><th><?cs var:Lang.qa.max ?></th><th></th></tr></thead>
<tbody><?cs each:i = c.Items ?><tr><td><?cs var:i.name ?></td><td class="wrap"><?cs var:i.description ?></td><td class="num"><?cs var:i.weight ?></td><td class="num"><?cs var:i.max_score ?></td>
<td class="actions"><form method="post" action="/reports/qa/cards/<?cs var:c.id ?>/items/<?cs var:i.id ?>/delete"><input type="hidden" name="_csrf" value="<?cs var:CSRF ?>"><button class="btn btn-sm btn-danger" type="submit" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.qa.delete ?></button></form></td></tr><?cs /each ?></tbody></table></div>
<form class="form" method="post" action="/reports/qa/cards/<?cs var:c.id ?>/items">
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
  <?cs set:mine = Form.card == c.id ?>
  <div class="field-row">
  <div class="field<?cs if:mine && Form.Error.item_name ?> has-error<?cs /if ?>"><label for="f-in-<?cs var:c.id ?>"><?cs var:Lang.qa.item ?> <span class="req">*</span></label>
    <input id="f-in-<?cs var:c.id ?>" name="item_name" required maxlength="100" value="<?cs if:mine ?><?cs var:Form.item_name ?><?cs /if ?>">
    <?cs if:mine && Form.Error.item_name ?><p class="error"><?cs var:Form.Error.item_name ?></p><?cs /if ?></div>
  <div class="field<?cs if:mine && Form.Error.weight ?> has-error<?cs /if ?>"><label for="f-w-<?cs var:c.id ?>"><?cs var:Lang.qa.weight ?> <span class="req">*</span></label>
    <input id="f-w-<?cs var:c.id ?>" name="weight" required inputmode="numeric" value="<?cs if:mine ?><?cs var:Form.weight ?><?cs else ?>10<?cs /if ?>">
    <?cs if:mine && Form.Error.weight ?><p class="error"><?cs var:Form.Error.weight ?></p><?cs /if ?></div>
  <div class="field<?cs if:mine && Form.Error.max_score ?> has-error<?cs /if ?>"><label for="f-m-<?cs var:c.id ?>"><?cs var:Lang.qa.max ?> <span class="req">*</span></label>
    <input id="f-m-<?cs var:c.id ?>" name="max_score" required inputmode="numeric" value="<?cs if:mine ?><?cs var:Form.max_score ?><?cs else ?>10<?cs /if ?>">
    <?cs if:mine && Form.Error.max_score ?><p class="error"><?cs var:Form.Error.max_score ?></p><?cs /if ?></div>
  </div>
  <div class="field"><label for="f-id-<?cs var:c.id ?>"><?cs var:Lang.qa.item_description ?></label>
    <input id="f-id-<?cs var:c.id ?>" name="item_description" maxlength="500" value="<?cs if:mine ?><?cs var:Form.item_description ?><?cs /if ?>"></div>
  <div class="form-actions"><button class="btn" type="submit"><?cs var:Lang.qa.add_item ?></button></div>
</form>
</section>
<?cs /each ?>
<section class="card"><h2><?cs var:Lang.qa.new_card ?></h2>
<form class="form" method="post" action="/reports/qa/cards">
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
  <div class="field<?cs if:Form.Error.name ?> has-error<?cs /if ?>"><label for="f-cn"><?cs var:Lang.qa.card ?> <span class="req">*</span></label>
    <input id="f-cn" name="name" required maxlength="100" value="<?cs var:Form.name ?>">
    <?cs if:Form.Error.name ?><p class="error"><?cs var:Form.Error.name ?></p><?cs /if ?></div>
  <div class="field"><label for="f-cd"><?cs var:Lang.qa.item_description ?></label>
    <input id="f-cd" name="description" maxlength="500" value="<?cs var:Form.description ?>"></div>
  <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:Lang.qa.add_card ?></button></div>
</form></section>
