<?cs # meal/kitchen.cs — the kitchen's production list of a day (printable on A4): portions per
dish per period, per period and slot, and the set meals ordered.
Reads: Filter.date, Totals.N.{period,dish,category,portions}, Slots.N.{period,slot,dish,portions},
       Sets.N.{period,item,portions}, Lang.meal.*. ?>
<div class="page-head"><h1><?cs var:Lang.meal.kitchen_title ?> <?cs var:Filter.date ?></h1>
  <div class="page-actions"><form method="get" action="/meal/kitchen"><input type="date" name="date" value="<?cs var:Filter.date ?>"> <button class="btn" type="submit"><?cs var:Lang.common.search ?></button></form></div></div>
<h2><?cs var:Lang.meal.per_period ?></h2>
<div class="table-wrap"><table class="table" id="meal-kitchen">
  <thead><tr><th scope="col"><?cs var:Lang.meal.period ?></th><th scope="col"><?cs var:Lang.meal.dish ?></th><th scope="col"><?cs var:Lang.meal.portions ?></th></tr></thead>
  <tbody><?cs each:t = Totals ?><tr><td><?cs var:t.period ?></td><td><?cs var:t.dish ?> <span class="muted"><?cs var:t.category ?></span></td><td><strong><?cs var:t.portions ?></strong></td></tr><?cs /each ?>
  <?cs if:subcount(Totals) == 0 ?><tr><td colspan="3" class="empty"><?cs var:Lang.meal.no_orders ?></td></tr><?cs /if ?></tbody>
</table></div>
<?cs if:subcount(Sets) > 0 ?><p class="muted"><?cs var:Lang.meal.sets_counted ?>: <?cs each:s = Sets ?><?cs var:s.period ?> <?cs var:s.item ?>×<?cs var:s.portions ?>；<?cs /each ?></p><?cs /if ?>
<h2><?cs var:Lang.meal.per_slot ?></h2>
<div class="table-wrap"><table class="table">
  <thead><tr><th scope="col"><?cs var:Lang.meal.period ?></th><th scope="col"><?cs var:Lang.meal.slot ?></th><th scope="col"><?cs var:Lang.meal.dish ?></th><th scope="col"><?cs var:Lang.meal.portions ?></th></tr></thead>
  <tbody><?cs each:t = Slots ?><tr><td><?cs var:t.period ?></td><td><?cs var:t.slot ?></td><td><?cs var:t.dish ?></td><td><?cs var:t.portions ?></td></tr><?cs /each ?></tbody>
</table></div>
