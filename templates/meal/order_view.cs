<?cs # meal/order_view.cs — one order: who, where, when, lines, promotions, totals, history;
the next step (meal.kitchen) and cancel with a reason.
Reads: Order.{id,number,resident_id,resident,address,menu_date,period,slot,note,status,payment,
       channel,subtotal,discount,total,cancel_reason,cancelled_by,created_at,next,may_cancel},
       Lines.N.{name,price,qty,free,amount}, Promos.N.{name,discount},
       Events.N.{status,note,created_at,staff}, Form.reason, CSRF, Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.meal.order ?> <span id="m-number"><?cs var:Order.number ?></span> <?cs call:meal_status(Order.status) ?></h1>
  <div class="page-actions"><a class="btn" href="/meal?resident=<?cs var:Order.resident_id ?>"><?cs var:Lang.meal.resident_orders ?></a>
    <a class="btn" href="/meal/order?resident=<?cs var:Order.resident_id ?>"><?cs var:Lang.meal.order_again ?></a></div>
</div>
<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.meal.resident ?></dt><dd><?cs var:Order.resident ?></dd></div>
    <div><dt><?cs var:Lang.meal.household ?></dt><dd><?cs var:Order.address ?></dd></div>
    <div><dt><?cs var:Lang.meal.when ?></dt><dd><?cs var:Order.menu_date ?> <?cs var:Order.period ?> <?cs var:Order.slot ?></dd></div>
    <div><dt><?cs var:Lang.meal.payment ?></dt><dd><?cs var:Lang.meal.pay[Order.payment] ?></dd></div>
    <div><dt><?cs var:Lang.meal.channel_label ?></dt><dd><?cs alt:Lang.meal.channel[Order.channel] ?><?cs var:Order.channel ?><?cs /alt ?></dd></div>
    <?cs if:Order.note ?><div><dt><?cs var:Lang.meal.note ?></dt><dd><?cs var:Order.note ?></dd></div><?cs /if ?>
    <?cs if:Order.cancel_reason ?><div><dt><?cs var:Lang.meal.cancel_reason ?></dt><dd><?cs var:Order.cancel_reason ?></dd></div><?cs /if ?>
  </dl>
  <div class="table-wrap"><table class="table" id="m-lines">
    <thead><tr><th scope="col"><?cs var:Lang.meal.item ?></th><th scope="col"><?cs var:Lang.meal.price ?></th><th scope="col"><?cs var:Lang.meal.qty ?></th><th scope="col"><?cs var:Lang.meal.amount ?></th></tr></thead>
    <tbody><?cs each:l = Lines ?><tr><td><?cs var:l.name ?><?cs if:l.free == "1" ?> <span class="badge badge-accent"><?cs var:Lang.meal.gift ?></span><?cs /if ?></td><td>¥<?cs var:l.price ?></td><td><?cs var:l.qty ?></td><td><?cs if:l.free == "1" ?>¥0.00<?cs else ?>¥<?cs var:l.amount ?><?cs /if ?></td></tr><?cs /each ?></tbody>
    <tfoot>
      <tr><th scope="row" colspan="3"><?cs var:Lang.meal.subtotal ?></th><td>¥<?cs var:Order.subtotal ?></td></tr>
      <?cs each:p = Promos ?><tr><th scope="row" colspan="3"><?cs var:p.name ?></th><td>−¥<?cs var:p.discount ?></td></tr><?cs /each ?>
      <tr><th scope="row" colspan="3"><?cs var:Lang.meal.total ?></th><td><strong id="m-total">¥<?cs var:Order.total ?></strong></td></tr>
    </tfoot>
  </table></div>
</section>
<div class="cols">
<?cs if:Order.next ?>
<section class="card"><h2><?cs var:Lang.meal.next_step ?></h2>
  <form method="post" action="/meal/orders/<?cs var:Order.id ?>/step"><?cs call:csrf() ?><input type="hidden" name="to" value="<?cs var:Order.next ?>">
    <button type="submit" class="btn btn-primary" id="m-step"><?cs var:Lang.meal.step[Order.next] ?></button></form>
</section>
<?cs /if ?>
<?cs if:Order.may_cancel == "1" ?>
<section class="card"><h2><?cs var:Lang.meal.cancel ?></h2>
  <form class="form" method="post" action="/meal/orders/<?cs var:Order.id ?>/cancel"><?cs call:csrf() ?>
    <div class="<?cs call:field_class("reason") ?>"><label for="f-reason"><?cs var:Lang.meal.cancel_reason ?><?cs call:req_mark() ?></label>
      <input id="f-reason" name="reason" value="<?cs var:Form.reason ?>" maxlength="200"<?cs call:field_aria("reason") ?>><?cs call:field_error("reason") ?></div>
    <div class="form-actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.meal.cancel ?></button></div>
  </form>
</section>
<?cs /if ?>
</div>
<section class="card"><h2><?cs var:Lang.meal.history ?></h2>
  <ul><?cs each:e = Events ?><li><?cs var:e.created_at ?> <?cs call:meal_status(e.status) ?> <?cs var:e.staff ?><?cs if:e.note ?> · <?cs var:e.note ?><?cs /if ?></li><?cs /each ?></ul>
</section>
