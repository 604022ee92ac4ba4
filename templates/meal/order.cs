<?cs # meal/order.cs — the agent's order page: the caller (or an inline new resident), earlier
orders, today's menu of the chosen period with what is left, promotions, the order form.
Reads: Resident.{id,name,phones,note}, Tags.N.{code,label}, Households.N.{id,address},
       Earlier.N.{id,number,menu_date,period,status,total,items}, Choices.N.{id,name},
       Order.NewResident, Periods.N.{id,name,cutoff,open}, Slots.N.{id,period_id,label},
       Menu.N.{item_id,period_id,kind,name,category,price,diet,dishes,left_count,photo,qty},
       Promos.N.{name}, Buildings.N.{id,name}, Filter.date, Form.*, Form.Error.*, CSRF,
       Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.meal.order_title ?> <span class="muted"><?cs var:Filter.date ?></span></h1>
  <div class="page-actions"><a class="btn" href="/meal/sheet?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.sheet_title ?></a></div>
</div>
<?cs if:subcount(Choices) > 0 ?>
<section class="card"><h2><?cs var:Lang.meal.choose_resident ?></h2>
  <ul><?cs each:c = Choices ?><li><a href="/meal/order?resident=<?cs var:c.id ?>"><?cs var:c.name ?></a></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<form class="form" method="post" action="/meal/order?date=<?cs var:Filter.date ?>&amp;period=<?cs var:Form.period ?>" id="meal-order">
<?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:Form.period ?>">
<div class="cols">
<section class="card" aria-labelledby="m-who">
  <?cs if:Resident.id ?>
  <h2 id="m-who"><?cs var:Lang.meal.caller ?>：<span class="pop-name" id="m-resident-name"><?cs var:Resident.name ?></span></h2>
  <input type="hidden" name="resident" value="<?cs var:Resident.id ?>">
  <p class="muted"><?cs var:Resident.phones ?></p>
  <?cs if:subcount(Tags) > 0 ?><p class="badges"><?cs each:t = Tags ?><span class="badge badge-warn"><?cs var:t.label ?></span> <?cs /each ?></p><?cs /if ?>
  <div class="<?cs call:field_class("household") ?>">
    <label for="f-household"><?cs var:Lang.meal.household ?><?cs call:req_mark() ?></label>
    <select id="f-household" name="household" required<?cs call:field_aria("household") ?>>
      <?cs each:h = Households ?><option value="<?cs var:h.id ?>"<?cs if:Form.household == h.id ?> selected<?cs /if ?>><?cs var:h.address ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("household") ?>
  </div>
  <h3><?cs var:Lang.meal.earlier ?></h3>
  <?cs if:subcount(Earlier) > 0 ?>
  <ul class="meal-earlier"><?cs each:o = Earlier ?><li><a href="/meal/orders/<?cs var:o.id ?>"><?cs var:o.number ?></a> <?cs var:o.menu_date ?> <?cs var:o.period ?> · <?cs var:o.items ?> · ¥<?cs var:o.total ?> <?cs call:meal_status(o.status) ?></li><?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:Lang.meal.no_earlier ?></p><?cs /if ?>
  <?cs else ?>
  <h2 id="m-who"><?cs var:Lang.meal.new_resident ?></h2>
  <p class="form-note"><?cs var:Lang.meal.new_resident_note ?></p>
  <div class="field-row">
    <div class="<?cs call:field_class("new_name") ?>"><label for="f-new-name"><?cs var:Lang.meal.name ?><?cs call:req_mark() ?></label>
      <input id="f-new-name" name="new_name" value="<?cs var:Form.new_name ?>" maxlength="100"<?cs call:field_aria("new_name") ?>><?cs call:field_error("name") ?><?cs call:field_error("new_name") ?></div>
    <div class="<?cs call:field_class("new_phone") ?>"><label for="f-new-phone"><?cs var:Lang.meal.phone ?><?cs call:req_mark() ?></label>
      <input id="f-new-phone" name="new_phone" type="tel" value="<?cs var:Form.new_phone ?>" maxlength="32"<?cs call:field_aria("new_phone") ?>><?cs call:field_error("new_phone") ?><?cs call:field_error("phones") ?></div>
  </div>
  <div class="field-row">
    <div class="field"><label for="f-building"><?cs var:Lang.meal.building ?><?cs call:req_mark() ?></label>
      <select id="f-building" name="building"><?cs each:b = Buildings ?><option value="<?cs var:b.id ?>"<?cs if:Form.building == b.id ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-unit"><?cs var:Lang.meal.unit ?><?cs call:req_mark() ?></label>
      <input id="f-unit" name="unit" value="<?cs var:Form.unit ?>" maxlength="32" placeholder="1单元"></div>
    <div class="<?cs call:field_class("room") ?>"><label for="f-room"><?cs var:Lang.meal.room ?><?cs call:req_mark() ?></label>
      <input id="f-room" name="room" value="<?cs var:Form.room ?>" maxlength="16" placeholder="101"<?cs call:field_aria("room") ?>><?cs call:field_error("room") ?></div>
  </div>
  <?cs /if ?>
</section>
<section class="card" aria-labelledby="m-promos">
  <h2 id="m-promos"><?cs var:Lang.meal.promos ?></h2>
  <?cs if:subcount(Promos) > 0 ?><ul><?cs each:p = Promos ?><li><?cs call:meal_promo(p) ?></li><?cs /each ?></ul>
  <?cs else ?><p class="empty"><?cs var:Lang.meal.no_promos ?></p><?cs /if ?>
</section>
</div>

<section class="card" aria-labelledby="m-menu">
  <h2 id="m-menu"><?cs var:Lang.meal.menu ?></h2>
  <nav class="toolbar meal-periods"><?cs each:p = Periods ?>
    <a class="btn btn-sm<?cs if:Form.period == p.id ?> btn-primary<?cs /if ?>" href="/meal/order?date=<?cs var:Filter.date ?>&amp;period=<?cs var:p.id ?><?cs if:Resident.id ?>&amp;resident=<?cs var:Resident.id ?><?cs elif:Form.new_phone ?>&amp;phone=<?cs escape:"url" ?><?cs var:Form.new_phone ?><?cs /escape ?><?cs /if ?>"><?cs var:p.name ?> <span class="muted">(<?cs var:Lang.meal.cutoff ?> <?cs var:p.cutoff ?><?cs if:p.open != "1" ?> · <?cs var:Lang.meal.closed ?><?cs /if ?>)</span></a>
  <?cs /each ?></nav>
  <?cs call:field_error("items") ?>
  <div class="table-wrap"><table class="table" id="meal-menu">
    <thead><tr><th scope="col"><?cs var:Lang.meal.item ?></th><th scope="col"><?cs var:Lang.meal.diet ?></th><th scope="col"><?cs var:Lang.meal.price ?></th><th scope="col"><?cs var:Lang.meal.left ?></th><th scope="col"><?cs var:Lang.meal.qty ?></th></tr></thead>
    <tbody>
    <?cs set:shown = 0 ?><?cs each:m = Menu ?><?cs if:m.period_id == Form.period ?><?cs set:shown = shown + 1 ?>
      <tr><td><?cs call:meal_item(m) ?></td><td><?cs call:meal_diet(m.diet) ?></td><td class="nowrap">¥<?cs var:m.price ?></td>
        <td><?cs if:m.left_count > 0 ?><?cs var:m.left_count ?><?cs else ?><span class="badge badge-danger"><?cs var:Lang.meal.sold_out ?></span><?cs /if ?></td>
        <td><input type="hidden" name="item" value="<?cs var:m.item_id ?>"><input class="meal-qty" name="qty" type="number" min="0" max="20" value="<?cs var:m.qty ?>" aria-label="<?cs var:Lang.meal.qty ?> <?cs var:m.name ?>" data-name="<?cs var:m.name ?>"></td></tr>
    <?cs /if ?><?cs /each ?>
    <?cs if:shown == 0 ?><tr><td colspan="5" class="empty"><?cs var:Lang.meal.no_menu ?></td></tr><?cs /if ?>
    </tbody>
  </table></div>
  <div class="field-row">
    <div class="<?cs call:field_class("slot") ?>"><label for="f-slot"><?cs var:Lang.meal.slot ?><?cs call:req_mark() ?></label>
      <select id="f-slot" name="slot"<?cs call:field_aria("slot") ?>><?cs each:s = Slots ?><?cs if:s.period_id == Form.period ?><option value="<?cs var:s.id ?>"<?cs if:Form.slot == s.id ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /if ?><?cs /each ?></select><?cs call:field_error("slot") ?></div>
    <div class="<?cs call:field_class("payment") ?>"><label for="f-payment"><?cs var:Lang.meal.payment ?></label>
      <select id="f-payment" name="payment"><option value="cash"<?cs if:Form.payment == "cash" ?> selected<?cs /if ?>><?cs var:Lang.meal.pay.cash ?></option><option value="monthly"<?cs if:Form.payment == "monthly" ?> selected<?cs /if ?>><?cs var:Lang.meal.pay.monthly ?></option></select><?cs call:field_error("payment") ?></div>
  </div>
  <div class="<?cs call:field_class("note") ?>"><label for="f-note"><?cs var:Lang.meal.note ?></label>
    <input id="f-note" name="note" value="<?cs var:Form.note ?>" maxlength="200" placeholder="<?cs var:Lang.meal.note_hint ?>"<?cs call:field_aria("note") ?>><?cs call:field_error("note") ?></div>
  <div class="form-actions"><button type="submit" class="btn btn-primary" id="meal-place"><?cs var:Lang.meal.place ?></button></div>
</section>
</form>
