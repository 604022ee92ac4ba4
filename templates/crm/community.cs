<?cs # crm/community.cs — one community: its details, buildings, a form to add one, delete.
Reads: Community.{id,code,name,city,district,address,phone},
       Buildings.N.{id,name,sort,unit_count,household_count,stopped_count},
       Form.{which,name,sort}, Form.Error.{name,sort}, CSRF, Can.view, Lang.crm.prop.*,
       Lang.common.{edit,delete,confirm_delete,back,sort}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><a href="/crm/properties"><?cs var:Lang.crm.prop.title ?></a></p>
    <h1><?cs var:Community.name ?></h1>
    <p class="muted"><code><?cs var:Community.code ?></code> <?cs var:Community.city ?> <?cs var:Community.district ?> <?cs var:Community.address ?><?cs if:Community.phone ?> · <?cs var:Lang.crm.prop.phone ?> <?cs var:Community.phone ?><?cs /if ?></p>
  </div>
  <div class="page-actions">
    <?cs if:Can.view ?><a class="btn" href="/crm/properties.csv?community=<?cs var:Community.id ?>"><?cs var:Lang.crm.prop.export ?></a><?cs /if ?>
    <a class="btn" href="/crm/properties/<?cs var:Community.id ?>/edit"><?cs var:Lang.common.edit ?></a>
    <form method="post" action="/crm/properties/<?cs var:Community.id ?>/delete">
      <?cs call:csrf() ?>
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </form>
  </div>
</div>

<h2 class="section-title"><?cs var:Lang.crm.prop.buildings ?></h2>
<?cs if:subcount(Buildings) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.crm.prop.building ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.units ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.households ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.stopped ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:b = Buildings ?>
    <tr>
      <td><a href="/crm/properties/buildings/<?cs var:b.id ?>"><?cs var:b.name ?></a></td>
      <td class="num"><?cs var:b.unit_count ?></td>
      <td class="num"><?cs var:b.household_count ?></td>
      <td class="num"><?cs var:b.stopped_count ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.crm.prop.no_buildings ?></p>
<?cs /if ?>

<section class="card">
  <h2><?cs var:Lang.crm.prop.building_new ?></h2>
  <form class="form" method="post" action="/crm/properties/<?cs var:Community.id ?>/buildings">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="<?cs call:field_class("name") ?>">
        <label for="f-name"><?cs var:Lang.crm.prop.building_name ?><?cs call:req_mark() ?></label>
        <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="32" placeholder="<?cs var:Lang.crm.prop.building_hint ?>"<?cs call:field_aria("name") ?>>
        <?cs call:field_error("name") ?>
      </div>
      <div class="<?cs call:field_class("sort") ?>">
        <label for="f-sort"><?cs var:Lang.crm.prop.sort ?></label>
        <input id="f-sort" name="sort" type="number" value="<?cs var:Form.sort ?>"<?cs call:field_aria("sort") ?>>
        <?cs call:field_error("sort") ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.crm.prop.add ?></button>
    </div>
  </form>
</section>
