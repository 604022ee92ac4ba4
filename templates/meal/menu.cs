<?cs # meal/menu.cs — the menu of a day per period: lines with stock and sold, change the
stock, take off; put a dish or set meal on.
Reads: Filter.date, Periods.N.{id,name,cutoff,open}, Menu.N.{menu_id,period_id,item_id,kind,
       name,category,price,diet,dishes,stock,sold,left_count,photo}, ItemList.N.{id,kind,name,
       daily_stock}, Form.{period_id,item_id,stock}, Form.Error.*, CSRF, Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.menu_title ?> <?cs var:Filter.date ?></h1>
  <div class="page-actions"><form method="get" action="/meal/menu"><input type="date" name="date" value="<?cs var:Filter.date ?>"> <button class="btn" type="submit"><?cs var:Lang.common.search ?></button></form>
    <a class="btn" href="/meal/items"><?cs var:Lang.meal.items_title ?></a> <a class="btn" href="/meal/sheet?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.sheet_title ?></a></div></div>
<?cs each:p = Periods ?>
<section class="card"><h2><?cs var:p.name ?> <span class="muted"><?cs var:Lang.meal.cutoff ?> <?cs var:p.cutoff ?></span></h2>
  <table class="table"><thead><tr><th scope="col"><?cs var:Lang.meal.item ?></th><th scope="col"><?cs var:Lang.meal.price ?></th><th scope="col"><?cs var:Lang.meal.sold ?></th><th scope="col"><?cs var:Lang.meal.stock ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th></tr></thead>
  <tbody><?cs each:m = Menu ?><?cs if:m.period_id == p.id ?><tr><td><?cs call:meal_item(m) ?></td><td>¥<?cs var:m.price ?></td><td><?cs var:m.sold ?></td>
    <td><form method="post" action="/meal/menu?date=<?cs var:Filter.date ?>"><?cs call:csrf() ?><input type="hidden" name="period_id" value="<?cs var:p.id ?>"><input type="hidden" name="item_id" value="<?cs var:m.item_id ?>"><input name="stock" type="number" min="0" max="10000" value="<?cs var:m.stock ?>" aria-label="<?cs var:Lang.meal.stock ?> <?cs var:m.name ?>"> <button class="btn btn-sm" type="submit"><?cs var:Lang.meal.save ?></button></form></td>
    <td class="actions"><form method="post" action="/meal/menu/<?cs var:m.menu_id ?>/remove?date=<?cs var:Filter.date ?>"><?cs call:csrf() ?><button class="btn btn-sm" type="submit"><?cs var:Lang.meal.remove ?></button></form></td></tr><?cs /if ?><?cs /each ?></tbody></table>
</section>
<?cs /each ?>
<section class="card"><h2><?cs var:Lang.meal.add_to_menu ?></h2>
<form class="form" method="post" action="/meal/menu?date=<?cs var:Filter.date ?>"><?cs call:csrf() ?>
  <div class="field-row">
    <div class="<?cs call:field_class("period_id") ?>"><label for="f-period"><?cs var:Lang.meal.period ?></label><select id="f-period" name="period_id"><?cs each:p = Periods ?><option value="<?cs var:p.id ?>"<?cs if:Form.period_id == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select><?cs call:field_error("period_id") ?></div>
    <div class="<?cs call:field_class("item_id") ?>"><label for="f-item"><?cs var:Lang.meal.item ?></label><select id="f-item" name="item_id"><?cs each:i = ItemList ?><option value="<?cs var:i.id ?>"<?cs if:Form.item_id == i.id ?> selected<?cs /if ?>><?cs var:i.name ?><?cs if:i.kind == "set" ?>（<?cs var:Lang.meal.set ?>）<?cs /if ?></option><?cs /each ?></select><?cs call:field_error("item_id") ?></div>
    <div class="<?cs call:field_class("stock") ?>"><label for="f-stock"><?cs var:Lang.meal.stock ?></label><input id="f-stock" name="stock" type="number" min="0" max="10000" value="<?cs var:Form.stock ?>" placeholder="<?cs var:Lang.meal.stock_default ?>"<?cs call:field_aria("stock") ?>><?cs call:field_error("stock") ?></div>
  </div>
  <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.meal.add ?></button></div>
</form></section>
