<?cs # meal/sales.cs — the daily sales summary (printable): per period and in all, per item,
per promotion.
Reads: Filter.date, Periods.N.{period,orders,cancelled,subtotal,discount,total,cash,monthly}
       (the last row, without period, is the day's total), Items.N.{item,sold,gifts,amount},
       Promos.N.{name,orders,discount}, Lang.meal.*. ?>
<div class="page-head"><h1><?cs var:Lang.meal.sales_title ?> <?cs var:Filter.date ?></h1>
  <div class="page-actions"><form method="get" action="/meal/sales"><input type="date" name="date" value="<?cs var:Filter.date ?>"> <button class="btn" type="submit"><?cs var:Lang.common.search ?></button></form></div></div>
<div class="table-wrap"><table class="table" id="meal-sales">
  <thead><tr><th scope="col"><?cs var:Lang.meal.period ?></th><th scope="col"><?cs var:Lang.meal.orders_count ?></th><th scope="col"><?cs var:Lang.meal.cancelled_count ?></th><th scope="col"><?cs var:Lang.meal.subtotal ?></th><th scope="col"><?cs var:Lang.meal.discount ?></th><th scope="col"><?cs var:Lang.meal.total ?></th><th scope="col"><?cs var:Lang.meal.pay.cash ?></th><th scope="col"><?cs var:Lang.meal.pay.monthly ?></th></tr></thead>
  <tbody><?cs each:p = Periods ?><tr><th scope="row"><?cs alt:p.period ?><?cs var:Lang.meal.day_total ?><?cs /alt ?></th><td><?cs var:p.orders ?></td><td><?cs var:p.cancelled ?></td><td>¥<?cs var:p.subtotal ?></td><td>¥<?cs var:p.discount ?></td><td><strong>¥<?cs var:p.total ?></strong></td><td>¥<?cs var:p.cash ?></td><td>¥<?cs var:p.monthly ?></td></tr><?cs /each ?>
  <?cs if:subcount(Periods) == 0 ?><tr><td colspan="8" class="empty"><?cs var:Lang.meal.no_orders ?></td></tr><?cs /if ?></tbody>
</table></div>
<h2><?cs var:Lang.meal.per_item ?></h2>
<div class="table-wrap"><table class="table">
  <thead><tr><th scope="col"><?cs var:Lang.meal.item ?></th><th scope="col"><?cs var:Lang.meal.sold ?></th><th scope="col"><?cs var:Lang.meal.gift ?></th><th scope="col"><?cs var:Lang.meal.amount ?></th></tr></thead>
  <tbody><?cs each:i = Items ?><tr><td><?cs var:i.item ?></td><td><?cs var:i.sold ?></td><td><?cs var:i.gifts ?></td><td>¥<?cs var:i.amount ?></td></tr><?cs /each ?></tbody>
</table></div>
<?cs if:subcount(Promos) > 0 ?><h2><?cs var:Lang.meal.promos ?></h2>
<ul><?cs each:p = Promos ?><li><?cs var:p.name ?>：<?cs var:p.orders ?> · −¥<?cs var:p.discount ?></li><?cs /each ?></ul><?cs /if ?>
