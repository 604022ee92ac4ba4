<?cs # meal/periods.cs — meal periods with cut-off and delivery slots: list and form.
Reads: PeriodList.N.{id,name,cutoff,sort,active,slots}, Form.{id,name,cutoff,slots,sort,active},
       Form.Error.*, CSRF, Lang.meal.*. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.periods_title ?></h1></div>
<div class="table-wrap"><table class="table">
  <thead><tr><th scope="col"><?cs var:Lang.meal.period ?></th><th scope="col"><?cs var:Lang.meal.cutoff ?></th><th scope="col"><?cs var:Lang.meal.slots ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th></tr></thead>
  <tbody><?cs each:p = PeriodList ?><tr<?cs if:p.active != "1" ?> class="muted"<?cs /if ?>><td><?cs var:p.name ?></td><td><?cs var:p.cutoff ?></td><td><?cs var:p.slots ?></td><td class="actions"><a class="btn btn-sm" href="/meal/periods?id=<?cs var:p.id ?>"><?cs var:Lang.meal.edit ?></a></td></tr><?cs /each ?></tbody>
</table></div>
<section class="card"><h2><?cs if:Form.id ?><?cs var:Lang.meal.edit ?> <?cs var:Form.name ?><?cs else ?><?cs var:Lang.meal.new_period ?><?cs /if ?></h2>
<form class="form" method="post" action="/meal/periods"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Form.id ?>">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>"><label for="f-name"><?cs var:Lang.meal.name ?><?cs call:req_mark() ?></label><input id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="32" required<?cs call:field_aria("name") ?>><?cs call:field_error("name") ?></div>
    <div class="<?cs call:field_class("cutoff") ?>"><label for="f-cutoff"><?cs var:Lang.meal.cutoff ?><?cs call:req_mark() ?></label><input id="f-cutoff" name="cutoff" value="<?cs var:Form.cutoff ?>" placeholder="10:30" required<?cs call:field_aria("cutoff") ?>><?cs call:field_error("cutoff") ?></div>
    <div class="field"><label for="f-sort"><?cs var:Lang.meal.sort ?></label><input id="f-sort" name="sort" type="number" value="<?cs var:Form.sort ?>"></div>
  </div>
  <div class="<?cs call:field_class("slots") ?>"><label for="f-slots"><?cs var:Lang.meal.slots ?><?cs call:req_mark() ?></label><input id="f-slots" name="slots" value="<?cs var:Form.slots ?>" placeholder="11:00-11:30 11:30-12:00"<?cs call:field_aria("slots") ?>><?cs call:field_error("slots") ?></div>
  <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?>> <?cs var:Lang.meal.active ?></label>
  <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.meal.save ?></button></div>
</form></section>
