<?cs # meal/promos.cs — promotions: list and form (?id= edits one).
Reads: PromoList.N.{id,name,kind,percent_off,amount,threshold,free_item,valid_from,valid_to,
       period,resident_tag,exclusive,active}, ItemList.N.{id,name}, PeriodList.N.{id,name},
       TagList.N.{code,label}, Form.*, Form.Error.*, CSRF, Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.promos_title ?></h1></div>
<p class="form-note"><?cs var:Lang.meal.promo_rules ?></p>
<div class="table-wrap"><table class="table">
  <thead><tr><th scope="col"><?cs var:Lang.meal.promos ?></th><th scope="col"><?cs var:Lang.meal.valid ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th></tr></thead>
  <tbody><?cs each:p = PromoList ?><tr<?cs if:p.active != "1" ?> class="muted"<?cs /if ?>><td><?cs call:meal_promo(p) ?></td><td class="nowrap"><?cs var:p.valid_from ?> – <?cs var:p.valid_to ?></td><td class="actions"><a class="btn btn-sm" href="/meal/promos?id=<?cs var:p.id ?>"><?cs var:Lang.meal.edit ?></a></td></tr><?cs /each ?></tbody>
</table></div>
<section class="card"><h2><?cs if:Form.id ?><?cs var:Lang.meal.edit ?> <?cs var:Form.name ?><?cs else ?><?cs var:Lang.meal.new_promo ?><?cs /if ?></h2>
<form class="form" method="post" action="/meal/promos"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Form.id ?>">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>"><label for="f-name"><?cs var:Lang.meal.name ?><?cs call:req_mark() ?></label><input id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="64" required<?cs call:field_aria("name") ?>><?cs call:field_error("name") ?></div>
    <div class="<?cs call:field_class("kind") ?>"><label for="f-kind"><?cs var:Lang.meal.kind ?></label><select id="f-kind" name="kind"><?cs each:k = Lang.meal.promo_kind ?><option value="<?cs name:k ?>"<?cs if:Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select><?cs call:field_error("kind") ?></div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("percent_off") ?>"><label for="f-pct"><?cs var:Lang.meal.percent_off ?></label><input id="f-pct" name="percent_off" type="number" min="1" max="99" value="<?cs var:Form.percent_off ?>"<?cs call:field_aria("percent_off") ?>><?cs call:field_error("percent_off") ?></div>
    <div class="<?cs call:field_class("amount") ?>"><label for="f-amount"><?cs var:Lang.meal.amount_yuan ?></label><input id="f-amount" name="amount" value="<?cs var:Form.amount ?>" inputmode="decimal"<?cs call:field_aria("amount") ?>><?cs call:field_error("amount") ?></div>
    <div class="<?cs call:field_class("threshold") ?>"><label for="f-threshold"><?cs var:Lang.meal.threshold_yuan ?></label><input id="f-threshold" name="threshold" value="<?cs var:Form.threshold ?>" inputmode="decimal"<?cs call:field_aria("threshold") ?>><?cs call:field_error("threshold") ?></div>
    <div class="<?cs call:field_class("free_item_id") ?>"><label for="f-free"><?cs var:Lang.meal.free_item ?></label><select id="f-free" name="free_item_id"><option value="">—</option><?cs each:i = ItemList ?><option value="<?cs var:i.id ?>"<?cs if:Form.free_item_id == i.id ?> selected<?cs /if ?>><?cs var:i.name ?></option><?cs /each ?></select><?cs call:field_error("free_item_id") ?></div>
  </div>
  <div class="field-row">
    <div class="<?cs call:field_class("valid_from") ?>"><label for="f-from"><?cs var:Lang.meal.valid_from ?><?cs call:req_mark() ?></label><input id="f-from" name="valid_from" type="date" value="<?cs var:Form.valid_from ?>"<?cs call:field_aria("valid_from") ?>><?cs call:field_error("valid_from") ?></div>
    <div class="<?cs call:field_class("valid_to") ?>"><label for="f-to"><?cs var:Lang.meal.valid_to ?><?cs call:req_mark() ?></label><input id="f-to" name="valid_to" type="date" value="<?cs var:Form.valid_to ?>"<?cs call:field_aria("valid_to") ?>><?cs call:field_error("valid_to") ?></div>
    <div class="<?cs call:field_class("period_id") ?>"><label for="f-period"><?cs var:Lang.meal.period ?></label><select id="f-period" name="period_id"><option value=""><?cs var:Lang.meal.all ?></option><?cs each:p = PeriodList ?><option value="<?cs var:p.id ?>"<?cs if:Form.period_id == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select><?cs call:field_error("period_id") ?></div>
    <div class="field"><label for="f-tag"><?cs var:Lang.meal.resident_tag ?></label><select id="f-tag" name="resident_tag"><option value=""><?cs var:Lang.meal.everyone ?></option><?cs each:t = TagList ?><option value="<?cs var:t.code ?>"<?cs if:Form.resident_tag == t.code ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?></select></div>
  </div>
  <label class="check"><input type="checkbox" name="exclusive" value="1"<?cs if:Form.exclusive == "1" ?> checked<?cs /if ?>> <?cs var:Lang.meal.exclusive ?></label>
  <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?>> <?cs var:Lang.meal.active ?></label>
  <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.meal.save ?></button></div>
</form></section>
