<?cs # meal/sheet.cs — the printable menu of a day (A4): per period its dishes and set meals with
prices and diet tags, and the promotions.
Reads: Filter.date, Periods.N.{id,name,cutoff}, Menu.N.*, Promos.N.name, Lang.meal.*. ?>
<?cs include:"meal/macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.meal.sheet_title ?> <?cs var:Filter.date ?></h1></div>
<?cs each:p = Periods ?>
<section class="card"><h2><?cs var:p.name ?> <span class="muted"><?cs var:Lang.meal.cutoff ?> <?cs var:p.cutoff ?></span></h2>
  <table class="table"><tbody><?cs each:m = Menu ?><?cs if:m.period_id == p.id ?><tr><td><?cs call:meal_item(m) ?></td><td><?cs call:meal_diet(m.diet) ?></td><td class="nowrap">¥<?cs var:m.price ?></td></tr><?cs /if ?><?cs /each ?></tbody></table>
</section>
<?cs /each ?>
<?cs if:subcount(Promos) > 0 ?><section class="card"><h2><?cs var:Lang.meal.promos ?></h2><ul><?cs each:p = Promos ?><li><?cs var:p.name ?></li><?cs /each ?></ul></section><?cs /if ?>
