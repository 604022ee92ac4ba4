<?cs # crm/household.cs — one household: its edit form (room, floor, area, heating status),
who lives there, its recent work orders, delete.
Reads: Household.{id,room,unit_id,unit,building_id,building,community_id,community},
       Form.{room,floor,area_m2,heating_status}, Form.Error.{room,floor,area_m2,heating_status},
       Residents.N.{id,name,relation,phone}, Tickets.N.{id,number,title,status,created_at},
       CSRF, Can.{view,tickets}, Lang.crm.prop.*, Lang.crm.heating.*, Lang.crm.rel.*,
       Lang.crm.res.*, Lang.ticket.status.*, Lang.common.{save,cancel,delete,confirm_delete,
       empty,required_note}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><a href="/crm/properties"><?cs var:Lang.crm.prop.title ?></a> › <a href="/crm/properties/<?cs var:Household.community_id ?>"><?cs var:Household.community ?></a> › <a href="/crm/properties/buildings/<?cs var:Household.building_id ?>"><?cs var:Household.building ?></a> › <a href="/crm/properties/units/<?cs var:Household.unit_id ?>"><?cs var:Household.unit ?></a></p>
    <h1><?cs var:Household.community ?> <?cs var:Household.building ?> <?cs var:Household.unit ?> <?cs var:Household.room ?></h1>
  </div>
  <div class="page-actions">
    <form method="post" action="/crm/properties/households/<?cs var:Household.id ?>/delete">
      <?cs call:csrf() ?>
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </form>
  </div>
</div>

<div class="cols">
<section class="card">
  <h2><?cs var:Lang.crm.prop.household_edit ?></h2>
  <form class="form" method="post" action="/crm/properties/households/<?cs var:Household.id ?>">
    <?cs call:csrf() ?>
    <p class="form-note"><?cs var:Lang.common.required_note ?></p>
    <div class="field-row">
      <div class="<?cs call:field_class("room") ?>">
        <label for="f-room"><?cs var:Lang.crm.prop.room ?><?cs call:req_mark() ?></label>
        <input id="f-room" name="room" value="<?cs var:Form.room ?>" required maxlength="16"<?cs call:field_aria("room") ?>>
        <?cs call:field_error("room") ?>
      </div>
      <div class="<?cs call:field_class("floor") ?>">
        <label for="f-floor"><?cs var:Lang.crm.prop.floor ?></label>
        <input id="f-floor" name="floor" type="number" min="-9" max="300" value="<?cs var:Form.floor ?>"<?cs call:field_aria("floor") ?>>
        <?cs call:field_error("floor") ?>
      </div>
    </div>
    <div class="field-row">
      <div class="<?cs call:field_class("area_m2") ?>">
        <label for="f-area"><?cs var:Lang.crm.prop.area ?></label>
        <input id="f-area" name="area_m2" inputmode="decimal" value="<?cs var:Form.area_m2 ?>" maxlength="9"<?cs call:field_aria("area_m2") ?>>
        <?cs call:field_error("area_m2") ?>
      </div>
      <div class="<?cs call:field_class("heating_status") ?>">
        <label for="f-heating"><?cs var:Lang.crm.prop.heating ?></label>
        <select id="f-heating" name="heating_status"<?cs call:field_aria("heating_status") ?>>
          <option value="normal"><?cs var:Lang.crm.heating.normal ?></option>
          <option value="stopped"<?cs if:Form.heating_status == "stopped" ?> selected<?cs /if ?>><?cs var:Lang.crm.heating.stopped ?></option>
        </select>
        <?cs call:field_error("heating_status") ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
      <a class="btn btn-link" href="/crm/properties/units/<?cs var:Household.unit_id ?>"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.prop.residents ?></h2>
  <?cs if:subcount(Residents) > 0 ?>
  <ul>
    <?cs each:p = Residents ?>
    <li><?cs if:Can.view ?><a href="/crm/residents/<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs else ?><?cs var:p.name ?><?cs /if ?>
      <span class="muted">(<?cs call:relation(p.relation) ?>) <?cs var:p.phone ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs else ?>
  <p class="empty"><?cs var:Lang.crm.prop.no_residents ?></p>
  <?cs /if ?>
</section>
</div>

<section class="card">
  <h2><?cs var:Lang.crm.res.tickets ?></h2>
  <?cs if:subcount(Tickets) > 0 ?>
  <ul>
    <?cs each:t = Tickets ?>
    <li><?cs if:Can.tickets ?><a href="/tickets/<?cs var:t.id ?>"><?cs var:t.number ?></a><?cs else ?><?cs var:t.number ?><?cs /if ?>
      <?cs var:t.title ?> <span class="badge badge-info"><?cs alt:Lang.ticket.status[t.status] ?><?cs var:t.status ?><?cs /alt ?></span> <span class="muted"><?cs var:t.created_at ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs else ?>
  <p class="empty"><?cs var:Lang.common.empty ?></p>
  <?cs /if ?>
</section>
