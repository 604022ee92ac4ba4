<?cs # desk/new.cs — a new work order, pre-filled from the screen pop when it came from there.
Reads: Form.{type_id,subtype_id,priority,emergency,title,description,household_id,
       community_id,building,unit,room,address,contact_name,contact_phone,department_id,
       appointment_at,resident_id,call_id,channel}, Form.Error.*, Resident.{id,name},
       ResidentHouseholds.N.{id,relation,location}, Types.N.{id,name,priority},
       Subtypes.N.{id,name,parent_id}, Problems.N.text, Departments.N.{id,name},
       Communities.N.{id,name}, CSRF, Lang.desk.new.*, Lang.desk.col.*, Lang.ticket.priority.*,
       Lang.desk.relation.*, Lang.common.{save,cancel,none,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.new.title ?></h1>
</div>

<section class="card">
<form class="form" method="post" action="/tickets">
  <?cs call:csrf() ?>
  <input type="hidden" name="resident_id" value="<?cs var:Form.resident_id ?>">
  <input type="hidden" name="call_id" value="<?cs var:Form.call_id ?>">
  <input type="hidden" name="channel" value="<?cs var:Form.channel ?>">
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <?cs if:Resident.id ?>
  <dl class="meta">
    <div><dt><?cs var:Lang.desk.new.resident ?></dt><dd><?cs var:Resident.name ?></dd></div>
  </dl>
  <?cs /if ?>

  <div class="field-row">
    <div class="<?cs call:field_class("type_id") ?>">
      <label for="f-type_id"><?cs var:Lang.desk.col.type ?><?cs call:req_mark() ?></label>
      <select id="f-type_id" name="type_id" required<?cs call:field_aria("type_id") ?>>
        <option value=""><?cs var:Lang.desk.new.choose ?></option>
        <?cs each:t = Types ?><option value="<?cs var:t.id ?>"<?cs if:t.id == Form.type_id ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("type_id") ?>
    </div>
    <div class="<?cs call:field_class("subtype_id") ?>">
      <label for="f-subtype_id"><?cs var:Lang.desk.new.subtype ?></label>
      <select id="f-subtype_id" name="subtype_id"<?cs call:field_aria("subtype_id") ?>>
        <option value=""><?cs var:Lang.common.none ?></option>
        <?cs each:t = Types ?><optgroup label="<?cs var:t.name ?>"><?cs each:s = Subtypes ?><?cs if:s.parent_id == t.id ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Form.subtype_id ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /if ?><?cs /each ?></optgroup><?cs /each ?>
      </select>
      <p class="hint"><?cs var:Lang.desk.new.subtype_hint ?></p>
      <?cs call:field_error("subtype_id") ?>
    </div>
  </div>

  <div class="field-row">
    <div class="<?cs call:field_class("priority") ?>">
      <label for="f-priority"><?cs var:Lang.desk.col.priority ?></label>
      <select id="f-priority" name="priority"<?cs call:field_aria("priority") ?>>
        <option value=""><?cs var:Lang.desk.new.priority_default ?></option>
        <?cs loop:p = 1, 4, 1 ?><option value="<?cs var:p ?>"<?cs if:p == Form.priority ?> selected<?cs /if ?>><?cs var:Lang.ticket.priority[p] ?></option><?cs /loop ?>
      </select>
      <?cs call:field_error("priority") ?>
    </div>
    <div class="field">
      <span class="field-label"><?cs var:Lang.desk.emergency ?></span>
      <label class="check"><input type="checkbox" name="emergency" value="1"<?cs if:Form.emergency == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.new.emergency_hint ?></label>
    </div>
  </div>

  <div class="<?cs call:field_class("title") ?>">
    <label for="f-title"><?cs var:Lang.desk.col.title ?></label>
    <input id="f-title" name="title" value="<?cs var:Form.title ?>" maxlength="200" list="problems"<?cs call:field_aria("title") ?>>
    <datalist id="problems"><?cs each:p = Problems ?><option value="<?cs var:p.text ?>"><?cs /each ?></datalist>
    <p class="hint"><?cs var:Lang.desk.new.title_hint ?></p>
    <?cs call:field_error("title") ?>
  </div>
  <div class="<?cs call:field_class("description") ?>">
    <label for="f-description"><?cs var:Lang.desk.new.description ?></label>
    <textarea id="f-description" name="description" maxlength="20000"<?cs call:field_aria("description") ?>><?cs var:Form.description ?></textarea>
    <?cs call:field_error("description") ?>
  </div>

  <fieldset class="checks">
    <legend><?cs var:Lang.desk.col.location ?></legend>
    <?cs if:subcount(ResidentHouseholds) > 0 ?>
    <div class="<?cs call:field_class("household_id") ?>">
      <label for="f-household_id"><?cs var:Lang.desk.new.household ?></label>
      <select id="f-household_id" name="household_id"<?cs call:field_aria("household_id") ?>>
        <option value=""><?cs var:Lang.desk.new.other_place ?></option>
        <?cs each:h = ResidentHouseholds ?><option value="<?cs var:h.id ?>"<?cs if:h.id == Form.household_id ?> selected<?cs /if ?>><?cs var:h.location ?> (<?cs alt:Lang.desk.relation[h.relation] ?><?cs var:h.relation ?><?cs /alt ?>)</option><?cs /each ?>
      </select>
      <?cs call:field_error("household_id") ?>
    </div>
    <?cs else ?>
    <input type="hidden" name="household_id" value="<?cs var:Form.household_id ?>">
    <?cs call:field_error("household_id") ?>
    <?cs /if ?>
    <p class="hint"><?cs var:Lang.desk.new.room_hint ?></p>
    <div class="field-row">
      <div class="field">
        <label for="f-community_id"><?cs var:Lang.desk.list.community ?></label>
        <select id="f-community_id" name="community_id">
          <option value=""><?cs var:Lang.common.none ?></option>
          <?cs each:c = Communities ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Form.community_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label for="f-building"><?cs var:Lang.desk.list.building ?></label>
        <input id="f-building" name="building" value="<?cs var:Form.building ?>" maxlength="32" placeholder="3号楼">
      </div>
      <div class="field">
        <label for="f-unit"><?cs var:Lang.desk.new.unit ?></label>
        <input id="f-unit" name="unit" value="<?cs var:Form.unit ?>" maxlength="32" placeholder="2单元">
      </div>
      <div class="<?cs call:field_class("room") ?>">
        <label for="f-room"><?cs var:Lang.desk.new.room ?></label>
        <input id="f-room" name="room" value="<?cs var:Form.room ?>" maxlength="16" placeholder="1502"<?cs call:field_aria("room") ?>>
        <?cs call:field_error("room") ?>
      </div>
    </div>
    <div class="<?cs call:field_class("address") ?>">
      <label for="f-address"><?cs var:Lang.desk.new.address ?></label>
      <input id="f-address" name="address" value="<?cs var:Form.address ?>" maxlength="300"<?cs call:field_aria("address") ?>>
      <p class="hint"><?cs var:Lang.desk.new.address_hint ?></p>
      <?cs call:field_error("address") ?>
    </div>
  </fieldset>

  <div class="field-row">
    <div class="<?cs call:field_class("contact_name") ?>">
      <label for="f-contact_name"><?cs var:Lang.desk.new.contact_name ?></label>
      <input id="f-contact_name" name="contact_name" value="<?cs var:Form.contact_name ?>" maxlength="100"<?cs call:field_aria("contact_name") ?>>
      <?cs call:field_error("contact_name") ?>
    </div>
    <div class="<?cs call:field_class("contact_phone") ?>">
      <label for="f-contact_phone"><?cs var:Lang.desk.new.contact_phone ?></label>
      <input id="f-contact_phone" name="contact_phone" type="tel" value="<?cs var:Form.contact_phone ?>" maxlength="32"<?cs call:field_aria("contact_phone") ?>>
      <?cs call:field_error("contact_phone") ?>
    </div>
  </div>

  <div class="field-row">
    <div class="<?cs call:field_class("department_id") ?>">
      <label for="f-department_id"><?cs var:Lang.desk.col.department ?></label>
      <select id="f-department_id" name="department_id"<?cs call:field_aria("department_id") ?>>
        <option value=""><?cs var:Lang.desk.new.department_default ?></option>
        <?cs each:d = Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("department_id") ?>
    </div>
    <div class="<?cs call:field_class("appointment_at") ?>">
      <label for="f-appointment_at"><?cs var:Lang.desk.new.appointment ?></label>
      <input id="f-appointment_at" name="appointment_at" type="datetime-local" value="<?cs var:Form.appointment_at ?>"<?cs call:field_aria("appointment_at") ?>>
      <?cs call:field_error("appointment_at") ?>
    </div>
  </div>

  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.desk.new.submit ?></button>
    <a class="btn btn-link" href="/tickets"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
