<?cs # portal/meal_order.cs — one of the resident's meal orders, with cancel before the cut-off.
Reads: Order.{id,number,menu_date,period,slot,status,payment,note,subtotal,discount,total,
       cancel_reason,address,may_cancel}, Lines.N.{name,price,qty,free}, Promos.N.{name,discount},
       CSRF, Lang.meal.*. ?>
<?cs include:"portal/macros.cs" ?><?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<?cs call:portal_bar() ?>
<div class="page-head"><h1><?cs var:Lang.meal.order ?> <span id="m-number"><?cs var:Order.number ?></span> <?cs call:meal_status(Order.status) ?></h1></div>
<section class="card">
  <p><?cs var:Order.menu_date ?> <?cs var:Order.period ?> <?cs var:Order.slot ?> · <?cs var:Order.address ?> · <?cs var:Lang.meal.pay[Order.payment] ?></p>
  <?cs if:Order.note ?><p class="muted"><?cs var:Lang.meal.note ?>：<?cs var:Order.note ?></p><?cs /if ?>
  <ul class="portal-list"><?cs each:l = Lines ?><li><?cs var:l.name ?> × <?cs var:l.qty ?><?cs if:l.free == "1" ?> <span class="badge badge-accent"><?cs var:Lang.meal.gift ?></span><?cs else ?> · ¥<?cs var:l.price ?><?cs /if ?></li><?cs /each ?></ul>
  <p><?cs var:Lang.meal.subtotal ?> ¥<?cs var:Order.subtotal ?><?cs each:p = Promos ?> · <?cs var:p.name ?> −¥<?cs var:p.discount ?><?cs /each ?></p>
  <p><strong><?cs var:Lang.meal.total ?> <span id="m-total">¥<?cs var:Order.total ?></span></strong></p>
  <?cs if:Order.cancel_reason ?><p class="muted"><?cs var:Lang.meal.cancel_reason ?>：<?cs var:Order.cancel_reason ?></p><?cs /if ?>
</section>
<?cs if:Order.may_cancel == "1" ?>
<form method="post" action="/portal/meal/orders/<?cs var:Order.id ?>/cancel"><?cs call:csrf() ?>
  <button type="submit" class="btn btn-danger" id="m-cancel"><?cs var:Lang.meal.cancel ?></button></form>
<?cs /if ?>
<p><a class="btn" href="/portal/meal"><?cs var:Lang.meal.back ?></a></p>
