<?cs # crm/unit.cs — one unit: its households, a form to add one, its own edit form, delete.
The form that was posted and failed (Form.which: "add" or "edit") shows the posted values and
errors; the other shows the stored ones.
Reads: Unit.{id,name,floors,sort,building_id,building,community_id,community},
       Households.N.{id,room,floor,area_m2,heating_status,resident_count},
       Form.{which,name,floors,sort,room,floor,area_m2,heating_status},
       Form.Error.{name,floors,sort,room,floor,area_m2,heating_status}, CSRF, Lang.crm.prop.*,
       Lang.crm.heating.*, Lang.common.{save,edit,delete,confirm_delete}. ?>
<?cs include:"crm/macros.cs" ?>
<?cs if:Form.which == "edit" ?><?cs set:Edit.name = Form.name ?><?cs set:Edit.floors = Form.floors ?><?cs set:Edit.sort = Form.sort ?><?cs
else ?><?cs set:Edit.name = Unit.name ?><?cs set:Edit.floors = Unit.floors ?><?cs set:Edit.sort = Unit.sort ?><?cs /if ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><a href="/crm/properties"><?cs var:Lang.crm.prop.title ?></a> › <a href="/crm/properties/<?cs var:Unit.community_id ?>"><?cs var:Unit.community ?></a> › <a href="/crm/properties/buildings/<?cs var:Unit.building_id ?>"><?cs var:Unit.building ?></a></p>
    <h1><?cs var:Unit.name ?></h1>
  </div>
  <div class="page-actions">
    <form method="post" action="/crm/properties/units/<?cs var:Unit.id ?>/delete">
      <?cs call:csrf() ?>
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </form>
  </div>
</div>

<h2 class="section-title"><?cs var:Lang.crm.prop.household_list ?></h2>
<?cs if:subcount(Households) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.crm.prop.room ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.floor ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.area ?></th>
      <th scope="col"><?cs var:Lang.crm.prop.heating ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.residents ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:h = Households ?>
    <tr>
      <td><a href="/crm/properties/households/<?cs var:h.id ?>"><?cs var:h.room ?></a></td>
      <td class="num"><?cs var:h.floor ?></td>
      <td class="num"><?cs var:h.area_m2 ?></td>
      <td><?cs call:heating(h.heating_status) ?></td>
      <td class="num"><?cs var:h.resident_count ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.crm.prop.no_households ?></p>
<?cs /if ?>

<div class="cols">
<section class="card">
  <h2><?cs var:Lang.crm.prop.household_new ?></h2>
  <form class="form" method="post" action="/crm/properties/units/<?cs var:Unit.id ?>/households">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.room ?> has-error<?cs /if ?>">
        <label for="f-room"><?cs var:Lang.crm.prop.room ?><?cs call:req_mark() ?></label>
        <input id="f-room" name="room" value="<?cs if:Form.which == "add" ?><?cs var:Form.room ?><?cs /if ?>" required maxlength="16" placeholder="1502">
        <?cs if:Form.which == "add" ?><?cs call:field_error("room") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.floor ?> has-error<?cs /if ?>">
        <label for="f-floor"><?cs var:Lang.crm.prop.floor ?></label>
        <input id="f-floor" name="floor" type="number" min="-9" max="300" value="<?cs if:Form.which == "add" ?><?cs var:Form.floor ?><?cs /if ?>">
        <?cs if:Form.which == "add" ?><?cs call:field_error("floor") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.area_m2 ?> has-error<?cs /if ?>">
        <label for="f-area"><?cs var:Lang.crm.prop.area ?></label>
        <input id="f-area" name="area_m2" inputmode="decimal" value="<?cs if:Form.which == "add" ?><?cs var:Form.area_m2 ?><?cs /if ?>" maxlength="9">
        <?cs if:Form.which == "add" ?><?cs call:field_error("area_m2") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "add" && ?Form.Error.heating_status ?> has-error<?cs /if ?>">
        <label for="f-heating"><?cs var:Lang.crm.prop.heating ?></label>
        <select id="f-heating" name="heating_status">
          <option value="normal"><?cs var:Lang.crm.heating.normal ?></option>
          <option value="stopped"<?cs if:Form.which == "add" && Form.heating_status == "stopped" ?> selected<?cs /if ?>><?cs var:Lang.crm.heating.stopped ?></option>
        </select>
        <?cs if:Form.which == "add" ?><?cs call:field_error("heating_status") ?><?cs /if ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.crm.prop.add ?></button>
    </div>
  </form>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.prop.unit_edit ?></h2>
  <form class="form" method="post" action="/crm/properties/units/<?cs var:Unit.id ?>">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="field<?cs if:Form.which == "edit" && ?Form.Error.name ?> has-error<?cs /if ?>">
        <label for="f-edit-name"><?cs var:Lang.crm.prop.unit_name ?><?cs call:req_mark() ?></label>
        <input id="f-edit-name" name="name" value="<?cs var:Edit.name ?>" required maxlength="32">
        <?cs if:Form.which == "edit" ?><?cs call:field_error("name") ?><?cs /if ?>
      </div>
      <div class="field<?cs if:Form.which == "edit" && ?Form.Error.floors ?> has-error<?cs /if ?>">
        <label for="f-edit-floors"><?cs var:Lang.crm.prop.floors ?></label>
        <input id="f-edit-floors" name="floors" type="number" min="1" max="200" value="<?cs var:Edit.floors ?>">
        <?cs if:Form.which == "edit" ?><?cs call:field_error("floors") ?><?cs /if ?>
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
