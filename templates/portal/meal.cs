<?cs # portal/meal.cs — the resident orders meals: the day's menu of one period (tabs), what is
left, the promotions for them, the order form, their orders.
Reads: Filter.date, Periods.N.{id,name,cutoff,open}, Form.{period,household,slot,payment,note},
       Slots.N.{id,period_id,label}, Menu.N.{item_id,kind,name,category,price,diet,photo,
       left_count,dishes,qty}, Promos.N.*, Households.N.{id,address},
       Orders.N.{id,number,menu_date,period,slot,status,total,items}, Meal.PhotoBase,
       Form.Error.*, CSRF, Lang.meal.*, Lang.portal.*. ?>
<?cs include:"portal/macros.cs" ?><?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<?cs call:portal_bar() ?>
<div class="page-head"><h1><?cs var:Lang.meal.portal_title ?> <span class="muted"><?cs var:Filter.date ?></span></h1></div>
<nav class="toolbar meal-periods"><?cs each:p = Periods ?>
  <a class="btn<?cs if:Form.period == p.id ?> btn-primary<?cs /if ?>" href="/portal/meal?date=<?cs var:Filter.date ?>&amp;period=<?cs var:p.id ?>"><?cs var:p.name ?> <span class="muted">(<?cs var:Lang.meal.cutoff ?> <?cs var:p.cutoff ?><?cs if:p.open != "1" ?> · <?cs var:Lang.meal.closed ?><?cs /if ?>)</span></a>
<?cs /each ?></nav>
<?cs if:subcount(Promos) > 0 ?><section class="card"><h2><?cs var:Lang.meal.promos ?></h2><ul><?cs each:p = Promos ?><li><?cs call:meal_promo(p) ?></li><?cs /each ?></ul></section><?cs /if ?>
<form class="form" method="post" action="/portal/meal?date=<?cs var:Filter.date ?>" id="portal-meal"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:Form.period ?>">
<section class="card"><h2><?cs var:Lang.meal.menu ?></h2>
  <?cs call:field_error("items") ?>
  <?cs if:subcount(Menu) > 0 ?>
  <ul class="portal-list meal-list"><?cs each:m = Menu ?>
    <li><span><?cs call:meal_item(m) ?> <?cs call:meal_diet(m.diet) ?><br>¥<?cs var:m.price ?> · <?cs if:m.left_count > 0 ?><?cs var:Lang.meal.left ?> <?cs var:m.left_count ?><?cs else ?><span class="badge badge-danger"><?cs var:Lang.meal.sold_out ?></span><?cs /if ?></span>
      <span><input type="hidden" name="item" value="<?cs var:m.item_id ?>"><input class="meal-qty" name="qty" type="number" min="0" max="20" value="<?cs var:m.qty ?>" aria-label="<?cs var:Lang.meal.qty ?> <?cs var:m.name ?>"></span></li>
  <?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:Lang.meal.no_menu ?></p><?cs /if ?>
</section>
<section class="card">
  <div class="<?cs call:field_class("household") ?>"><label for="f-household"><?cs var:Lang.meal.household ?></label>
    <select id="f-household" name="household"><?cs each:h = Households ?><option value="<?cs var:h.id ?>"<?cs if:Form.household == h.id ?> selected<?cs /if ?>><?cs var:h.address ?></option><?cs /each ?></select><?cs call:field_error("household") ?></div>
  <div class="<?cs call:field_class("slot") ?>"><label for="f-slot"><?cs var:Lang.meal.slot ?></label>
    <select id="f-slot" name="slot"><?cs each:s = Slots ?><?cs if:s.period_id == Form.period ?><option value="<?cs var:s.id ?>"<?cs if:Form.slot == s.id ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /if ?><?cs /each ?></select><?cs call:field_error("slot") ?></div>
  <div class="field"><label for="f-payment"><?cs var:Lang.meal.payment ?></label>
    <select id="f-payment" name="payment"><option value="cash"<?cs if:Form.payment == "cash" ?> selected<?cs /if ?>><?cs var:Lang.meal.pay.cash ?></option><option value="monthly"<?cs if:Form.payment == "monthly" ?> selected<?cs /if ?>><?cs var:Lang.meal.pay.monthly ?></option></select><?cs call:field_error("payment") ?></div>
  <div class="<?cs call:field_class("note") ?>"><label for="f-note"><?cs var:Lang.meal.note ?></label><input id="f-note" name="note" value="<?cs var:Form.note ?>" maxlength="200" placeholder="<?cs var:Lang.meal.note_hint ?>"><?cs call:field_error("note") ?></div>
  <div class="form-actions"><button type="submit" class="btn btn-primary" id="portal-meal-place"><?cs var:Lang.meal.place ?></button></div>
</section>
</form>
<section class="card"><h2><?cs var:Lang.meal.my_orders ?></h2>
  <?cs if:subcount(Orders) > 0 ?><ul class="portal-list"><?cs each:o = Orders ?><li><a href="/portal/meal/orders/<?cs var:o.id ?>"><?cs var:o.number ?></a> <?cs var:o.menu_date ?> <?cs var:o.period ?> <?cs var:o.slot ?> · <?cs var:o.items ?> · ¥<?cs var:o.total ?> <?cs call:meal_status(o.status) ?></li><?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:Lang.meal.no_orders ?></p><?cs /if ?>
</section>
