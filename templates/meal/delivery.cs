<?cs # meal/delivery.cs — delivery lists of a day, grouped by building in walking order
(meal_route, then the buildings' order), printable on A4 with a page per building.
Reads: Filter.{date,period}, Periods.N.{id,name}, Stops.N.{id,number,building,unit,room,
       resident,phone,period,slot,note,status,payment,total,items}, Lang.meal.*. ?>
<?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.delivery_title ?> <?cs var:Filter.date ?></h1>
  <div class="page-actions"><form method="get" action="/meal/delivery"><input type="date" name="date" value="<?cs var:Filter.date ?>">
    <select name="period"><option value=""><?cs var:Lang.meal.all ?></option><?cs each:p = Periods ?><option value="<?cs var:p.id ?>"<?cs if:Filter.period == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
    <button class="btn" type="submit"><?cs var:Lang.common.search ?></button></form></div></div>
<?cs set:last = "" ?>
<?cs each:s = Stops ?>
<?cs if:last != s.period + s.building ?><?cs if:last != "" ?></tbody></table></div></section><?cs /if ?><?cs set:last = s.period + s.building ?>
<section class="meal-building"><h2><?cs var:s.period ?> · <?cs var:s.building ?></h2>
<div class="table-wrap"><table class="table meal-stops">
  <thead><tr><th scope="col"><?cs var:Lang.meal.room ?></th><th scope="col"><?cs var:Lang.meal.resident ?></th><th scope="col"><?cs var:Lang.meal.slot ?></th><th scope="col"><?cs var:Lang.meal.items ?></th><th scope="col"><?cs var:Lang.meal.note ?></th><th scope="col"><?cs var:Lang.meal.total ?></th><th scope="col"><?cs var:Lang.meal.signed ?></th></tr></thead>
  <tbody>
<?cs /if ?>
  <tr><td class="nowrap"><?cs var:s.unit ?> <?cs var:s.room ?></td><td><?cs var:s.resident ?><br><span class="muted"><?cs var:s.phone ?></span></td><td class="nowrap"><?cs var:s.slot ?></td><td><?cs var:s.items ?></td><td><?cs var:s.note ?></td><td class="nowrap">¥<?cs var:s.total ?><br><span class="muted"><?cs var:Lang.meal.pay[s.payment] ?></span></td><td class="meal-sign"></td></tr>
<?cs /each ?>
<?cs if:last != "" ?></tbody></table></div></section><?cs else ?><p class="empty"><?cs var:Lang.meal.no_orders ?></p><?cs /if ?>
