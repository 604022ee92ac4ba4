<?cs # meal/items.cs — dishes and set meals: the list and the form (?id= edits one).
Reads: Items.N.{id,kind,name,category,price,diet,weekdays,daily_stock,active,photo,dishes},
       Dishes.N.{id,name}, Diets.N.code, Form.{id,kind,name,category,price,diet,weekdays,
       daily_stock,description,active,Set.N.{dish_id,qty}}, Form.Error.*, CSRF, Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.items_title ?></h1>
  <div class="page-actions"><a class="btn" href="/meal/menu"><?cs var:Lang.meal.menu_title ?></a> <a class="btn" href="/meal/periods"><?cs var:Lang.meal.periods_title ?></a> <a class="btn" href="/meal/promos"><?cs var:Lang.meal.promos_title ?></a></div></div>
<div class="table-wrap"><table class="table">
  <thead><tr><th scope="col"><?cs var:Lang.meal.item ?></th><th scope="col"><?cs var:Lang.meal.price ?></th><th scope="col"><?cs var:Lang.meal.diet ?></th><th scope="col"><?cs var:Lang.meal.daily_stock ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th></tr></thead>
  <tbody><?cs each:i = Items ?><?cs set:i.item_id = i.id ?><tr<?cs if:i.active != "1" ?> class="muted"<?cs /if ?>><td><?cs call:meal_item(i) ?></td><td>¥<?cs var:i.price ?></td><td><?cs call:meal_diet(i.diet) ?></td><td><?cs var:i.daily_stock ?></td><td class="actions"><a class="btn btn-sm" href="/meal/items?id=<?cs var:i.id ?>"><?cs var:Lang.meal.edit ?></a></td></tr><?cs /each ?></tbody>
</table></div>
<section class="card"><h2><?cs if:Form.id ?><?cs var:Lang.meal.edit ?> <?cs var:Form.name ?><?cs else ?><?cs var:Lang.meal.new_item ?><?cs /if ?></h2>
<form class="form" method="post" action="/meal/items" enctype="multipart/form-data"><?cs call:csrf() ?>
  <input type="hidden" name="id" value="<?cs var:Form.id ?>">
  <div class="field-row">
    <div class="field"><label for="f-kind"><?cs var:Lang.meal.kind ?></label><select id="f-kind" name="kind"><option value="dish"<?cs if:Form.kind == "dish" ?> selected<?cs /if ?>><?cs var:Lang.meal.dish ?></option><option value="set"<?cs if:Form.kind == "set" ?> selected<?cs /if ?>><?cs var:Lang.meal.set ?></option></select></div>
    <div class="<?cs call:field_class("name") ?>"><label for="f-name"><?cs var:Lang.meal.name ?><?cs call:req_mark() ?></label><input id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="64" required<?cs call:field_aria("name") ?>><?cs call:field_error("name") ?></div>
    <div class="<?cs call:field_class("category") ?>"><label for="f-category"><?cs var:Lang.meal.category ?></label><input id="f-category" name="category" value="<?cs var:Form.category ?>" maxlength="32" placeholder="主食 / 荤菜 / 素菜 / 汤"><?cs call:field_error("category") ?></div>
    <div class="<?cs call:field_class("price") ?>"><label for="f-price"><?cs var:Lang.meal.price_yuan ?><?cs call:req_mark() ?></label><input id="f-price" name="price" value="<?cs var:Form.price ?>" inputmode="decimal" required<?cs call:field_aria("price") ?>><?cs call:field_error("price") ?></div>
    <div class="<?cs call:field_class("daily_stock") ?>"><label for="f-stock"><?cs var:Lang.meal.daily_stock ?></label><input id="f-stock" name="daily_stock" type="number" min="0" max="10000" value="<?cs var:Form.daily_stock ?>"><?cs call:field_error("daily_stock") ?></div>
  </div>
  <fieldset class="<?cs call:field_class("diet") ?>"><legend><?cs var:Lang.meal.diet ?></legend><?cs each:d = Diets ?><label class="check"><input type="checkbox" name="diet" value="<?cs var:d.code ?>"<?cs if:string.find("," + Form.diet + ",", "," + d.code + ",") >= 0 ?> checked<?cs /if ?>> <?cs var:Lang.meal.diets[d.code] ?></label> <?cs /each ?><?cs call:field_error("diet") ?></fieldset>
  <fieldset class="<?cs call:field_class("weekdays") ?>"><legend><?cs var:Lang.meal.weekdays ?></legend><?cs loop:w = 0, 6, 1 ?><label class="check"><input type="checkbox" name="weekday" value="<?cs var:w ?>"<?cs if:Form.Wd[w] == "1" ?> checked<?cs /if ?>> <?cs var:Lang.meal.wd[w] ?></label> <?cs /loop ?><?cs call:field_error("weekdays") ?></fieldset>
  <fieldset class="<?cs call:field_class("dishes") ?>"><legend><?cs var:Lang.meal.set_dishes ?></legend><?cs call:field_error("dishes") ?>
    <?cs loop:k = 0, 5, 1 ?><select name="dish" aria-label="<?cs var:Lang.meal.dish ?> <?cs var:k + 1 ?>"><option value="">—</option><?cs each:d = Dishes ?><option value="<?cs var:d.id ?>"<?cs if:Form.Set[k].dish_id == d.id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select> × <input name="dish_qty" type="number" min="1" max="9" value="<?cs alt:Form.Set[k].qty ?>1<?cs /alt ?>" aria-label="<?cs var:Lang.meal.qty ?>"><br><?cs /loop ?>
  </fieldset>
  <div class="<?cs call:field_class("description") ?>"><label for="f-desc"><?cs var:Lang.meal.description ?></label><input id="f-desc" name="description" value="<?cs var:Form.description ?>" maxlength="255"><?cs call:field_error("description") ?></div>
  <div class="<?cs call:field_class("photo") ?>"><label for="f-photo"><?cs var:Lang.meal.photo ?></label><input id="f-photo" name="photo" type="file" accept="image/*"><?cs call:field_error("photo") ?></div>
  <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?>> <?cs var:Lang.meal.active ?></label>
  <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.meal.save ?></button></div>
</form></section>
