<?cs # crm/building.cs — one building: its units, a form to add one, its own edit form, delete.
The form that was posted and failed (Form.which: "add" or "edit") shows the posted values and
errors; the other shows the stored ones.
Reads: Building.{id,name,sort,community_id,community},
       Units.N.{id,name,floors,sort,household_count,stopped_count},
       Form.{which,name,floors,sort}, Form.Error.{name,floors,sort}, CSRF, Lang.crm.prop.*,
       Lang.common.{save,delete,confirm_delete}. ?>
<?cs include:"crm/macros.cs" ?>
<?cs if:Form.which == "edit" ?><?cs set:Edit.name = Form.name ?><?cs set:Edit.sort = Form.sort ?><?cs
else ?><?cs set:Edit.name = Building.name ?><?cs set:Edit.sort = Building.sort ?><?cs /if ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><a href="/crm/properties"><?cs var:Lang.crm.prop.title ?></a> › <a href="/crm/properties/<?cs var:Building.community_id ?>"><?cs var:Building.community ?></a></p>
    <h1><?cs var:Building.name ?></h1>
  </div>
  <div class="page-actions">
    <form method="post" action="/crm/properties/buildings/<?cs var:Building.id ?>/delete">
      <?cs call:csrf() ?>
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </form>
  </div>
</div>

<h2 class="section-title"><?cs var:Lang.crm.prop.units ?></h2>
<?cs if:subcount(Units) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.crm.prop.unit ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.floors ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.households ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.stopped ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:u = Units ?>
    <tr>
      <td><a href="/crm/properties/units/<?cs var:u.id ?>"><?cs var:u.name ?></a></td>
      <td class="num"><?cs var:u.floors ?></td>
      <td class="num"><?cs var:u.household_count ?></td>
      <td class="num"><?cs var:u.stopped_count ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.crm.prop.no_units ?></p>
<?cs /if ?>

<div class="cols">
<section class="card">
  <h2><?cs var:Lang.crm.prop.unit_new ?></h2>
  <form class="form" method="post" action="/crm/properties/buildings/<?cs var:Building.id ?>/units">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.name ?> has-error<?cs /if ?>">
        <label for="f-add-name"><?cs var:Lang.crm.prop.unit_name ?><?cs call:req_mark() ?></label>
        <input id="f-add-name" name="name" value="<?cs if:Form.which == "add" ?><?cs var:Form.name ?><?cs /if ?>" required maxlength="32" placeholder="<?cs var:Lang.crm.prop.unit_hint ?>">
        <?cs if:Form.which == "add" ?><?cs call:field_error("name") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.floors ?> has-error<?cs /if ?>">
        <label for="f-add-floors"><?cs var:Lang.crm.prop.floors ?></label>
        <input id="f-add-floors" name="floors" type="number" min="1" max="200" value="<?cs if:Form.which == "add" ?><?cs var:Form.floors ?><?cs /if ?>">
        <?cs if:Form.which == "add" ?><?cs call:field_error("floors") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.sort ?> has-error<?cs /if ?>">
        <label for="f-add-sort"><?cs var:Lang.crm.prop.sort ?></label>
        <input id="f-add-sort" name="sort" type="number" value="<?cs if:Form.which == "add" ?><?cs var:Form.sort ?><?cs /if ?>">
        <?cs if:Form.which == "add" ?><?cs call:field_error("sort") ?><?cs /if ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.crm.prop.add ?></button>
    </div>
  </form>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.prop.building_edit ?></h2>
  <form class="form" method="post" action="/crm/properties/buildings/<?cs var:Building.id ?>">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="field<?cs if:Form.which == "edit" && ?Form.Error.name ?> has-error<?cs /if ?>">
        <label for="f-edit-name"><?cs var:Lang.crm.prop.building_name ?><?cs call:req_mark() ?></label>
        <input id="f-edit-name" name="name" value="<?cs var:Edit.name ?>" required maxlength="32">
        <?cs if:Form.which == "edit" ?><?cs call:field_error("name") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "edit" && ?Form.Error.sort ?> has-error<?cs /if ?>">
        <label for="f-edit-sort"><?cs var:Lang.crm.prop.sort ?></label>
        <input id="f-edit-sort" name="sort" type="number" value="<?cs var:Edit.sort ?>">
        <?cs if:Form.which == "edit" ?><?cs call:field_error("sort") ?><?cs /if ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn"><?cs var:Lang.common.save ?></button>
    </div>
  </form>
</section>
</div>
