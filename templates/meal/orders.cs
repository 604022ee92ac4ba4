<?cs # meal/orders.cs — order lookups: by day, period, status, building, resident.
Reads: Filter.{date,period,status,building,resident,q}, Perm.{kitchen,admin}, Periods.N.{id,name},
       Buildings.N.{id,name}, Orders.N.{id,number,resident,address,menu_date,period,slot,
       status,payment,total,created_at}, Lang.meal.*. ?>
<?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.orders_title ?></h1>
  <div class="page-actions"><a class="btn btn-primary" href="/pop"><?cs var:Lang.meal.from_pop ?></a>
    <a class="btn" href="/meal/sheet?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.sheet_title ?></a>
    <?cs if:Perm.kitchen == "1" ?><a class="btn" href="/meal/kitchen?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.kitchen_title ?></a>
    <a class="btn" href="/meal/delivery?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.delivery_title ?></a>
    <a class="btn" href="/meal/sales?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.sales_title ?></a><?cs /if ?>
    <?cs if:Perm.admin == "1" ?><a class="btn" href="/meal/menu?date=<?cs var:Filter.date ?>"><?cs var:Lang.meal.menu_title ?></a>
    <a class="btn" href="/meal/items"><?cs var:Lang.meal.items_title ?></a><?cs /if ?></div></div>
<form class="toolbar" method="get" action="/meal">
  <label><?cs var:Lang.meal.date ?> <input type="date" name="date" value="<?cs var:Filter.date ?>"></label>
  <label><?cs var:Lang.meal.period ?> <select name="period"><option value=""><?cs var:Lang.meal.all ?></option><?cs each:p = Periods ?><option value="<?cs var:p.id ?>"<?cs if:Filter.period == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select></label>
  <label><?cs var:Lang.meal.status_label ?> <select name="status"><option value=""><?cs var:Lang.meal.all ?></option><?cs each:s = Lang.meal.status ?><option value="<?cs name:s ?>"<?cs if:Filter.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></label>
  <label><?cs var:Lang.meal.building ?> <select name="building"><option value=""><?cs var:Lang.meal.all ?></option><?cs each:b = Buildings ?><option value="<?cs var:b.id ?>"<?cs if:Filter.building == b.id ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?></select></label>
  <label><?cs var:Lang.meal.search ?> <input type="search" name="q" value="<?cs var:Filter.q ?>" placeholder="<?cs var:Lang.meal.search_hint ?>"></label>
  <button type="submit" class="btn"><?cs var:Lang.common.search ?></button>
</form>
<div class="table-wrap"><table class="table" id="meal-orders">
  <thead><tr><th scope="col"><?cs var:Lang.meal.number ?></th><th scope="col"><?cs var:Lang.meal.resident ?></th><th scope="col"><?cs var:Lang.meal.household ?></th><th scope="col"><?cs var:Lang.meal.when ?></th><th scope="col"><?cs var:Lang.meal.status_label ?></th><th scope="col"><?cs var:Lang.meal.total ?></th></tr></thead>
  <tbody><?cs each:o = Orders ?><tr><td class="nowrap"><a href="/meal/orders/<?cs var:o.id ?>"><?cs var:o.number ?></a></td><td><?cs var:o.resident ?></td><td><?cs var:o.address ?></td><td class="nowrap"><?cs var:o.menu_date ?> <?cs var:o.period ?> <?cs var:o.slot ?></td><td><?cs call:meal_status(o.status) ?></td><td class="nowrap">¥<?cs var:o.total ?> <span class="muted"><?cs var:Lang.meal.pay[o.payment] ?></span></td></tr><?cs /each ?>
  <?cs if:subcount(Orders) == 0 ?><tr><td colspan="6" class="empty"><?cs var:Lang.meal.no_orders ?></td></tr><?cs /if ?></tbody>
</table></div>
