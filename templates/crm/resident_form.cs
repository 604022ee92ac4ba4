<?cs # crm/resident_form.cs — create or edit a resident: phones, households (chosen from
community → building → unit → room, or found by room number; the "find" button posts
op=pick and the page comes back with the next choices), relation, tags, category, level.
Reads: Form.{id,version,name,gender,category,level,preferred_channel,email,note,add_community,
       add_building,add_unit,add_q,add_rel}, Form.Phones.N.value,
       Form.Households.N.{id,address,relation}, Form.Error.{name,gender,category,level,
       preferred_channel,email,note,phones,households,tags}, TagList.N.{code,label,checked},
       Levels.N.{code,label}, Categories.N.{code,label}, Pick.Communities.N.{id,name},
       Pick.Buildings.N.{id,name}, Pick.Units.N.{id,name}, Pick.Households.N.{id,room},
       Pick.Found.N.{id,address}, CSRF, Lang.crm.res.*, Lang.crm.rel.*, Lang.crm.channel.*,
       Lang.crm.gender.*, Lang.common.{save,cancel,none,required_note}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Lang.crm.res.edit ?><?cs else ?><?cs var:Lang.crm.res.new ?><?cs /if ?></h1>
</div>

<form class="form" method="post" action="/crm/residents<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
  <?cs call:csrf() ?>
  <?cs # Enter in a text box saves: the first submit button of a form is its default. ?>
  <button type="submit" class="visually-hidden" name="op" value="save" tabindex="-1" aria-hidden="true"><?cs var:Lang.common.save ?></button>
  <?cs if:Form.id ?><input type="hidden" name="version" value="<?cs var:Form.version ?>"><?cs /if ?>

<section class="card">
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.crm.res.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("gender") ?>">
      <label for="f-gender"><?cs var:Lang.crm.res.gender ?></label>
      <select id="f-gender" name="gender"<?cs call:field_aria("gender") ?>>
        <option value=""><?cs var:Lang.crm.gender.unknown ?></option>
        <option value="M"<?cs if:Form.gender == "M" ?> selected<?cs /if ?>><?cs var:Lang.crm.gender.M ?></option>
        <option value="F"<?cs if:Form.gender == "F" ?> selected<?cs /if ?>><?cs var:Lang.crm.gender.F ?></option>
      </select>
      <?cs call:field_error("gender") ?>
    </div>
  </div>

  <fieldset class="<?cs call:field_class("phones") ?> checks">
    <legend><?cs var:Lang.crm.res.phones ?></legend>
    <p class="hint" id="f-phones-hint"><?cs var:Lang.crm.res.phones_hint ?></p>
    <div class="field-row">
    <?cs each:p = Form.Phones ?>
    <div class="field">
      <label class="visually-hidden" for="f-phone-<?cs name:p ?>"><?cs var:Lang.crm.res.phone ?> <?cs name:p ?></label>
      <input id="f-phone-<?cs name:p ?>" name="phone" type="tel" value="<?cs var:p.value ?>" maxlength="32" aria-describedby="f-phones-hint"<?cs if:?Form.Error.phones ?> aria-invalid="true"<?cs /if ?>>
    </div>
    <?cs /each ?>
    </div>
    <?cs call:field_error("phones") ?>
  </fieldset>

  <div class="field-row">
    <div class="<?cs call:field_class("category") ?>">
      <label for="f-category"><?cs var:Lang.crm.res.category ?></label>
      <select id="f-category" name="category"<?cs call:field_aria("category") ?>>
        <option value=""><?cs var:Lang.common.none ?></option>
        <?cs each:c = Categories ?><option value="<?cs var:c.code ?>"<?cs if:c.code == Form.category ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("category") ?>
    </div>
    <div class="<?cs call:field_class("level") ?>">
      <label for="f-level"><?cs var:Lang.crm.res.level ?></label>
      <select id="f-level" name="level"<?cs call:field_aria("level") ?>>
        <?cs each:l = Levels ?><option value="<?cs var:l.code ?>"<?cs if:l.code == Form.level ?> selected<?cs /if ?>><?cs var:l.label ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("level") ?>
    </div>
    <div class="<?cs call:field_class("preferred_channel") ?>">
      <label for="f-channel"><?cs var:Lang.crm.res.channel ?></label>
      <select id="f-channel" name="preferred_channel"<?cs call:field_aria("preferred_channel") ?>>
        <option value="phone"<?cs if:Form.preferred_channel == "phone" ?> selected<?cs /if ?>><?cs var:Lang.crm.channel.phone ?></option>
        <option value="sms"<?cs if:Form.preferred_channel == "sms" ?> selected<?cs /if ?>><?cs var:Lang.crm.channel.sms ?></option>
        <option value="wechat"<?cs if:Form.preferred_channel == "wechat" ?> selected<?cs /if ?>><?cs var:Lang.crm.channel.wechat ?></option>
        <option value="email"<?cs if:Form.preferred_channel == "email" ?> selected<?cs /if ?>><?cs var:Lang.crm.channel.email ?></option>
      </select>
      <?cs call:field_error("preferred_channel") ?>
    </div>
  </div>

  <div class="<?cs call:field_class("tags") ?>">
    <fieldset class="checks">
      <legend><?cs var:Lang.crm.res.tags ?></legend>
      <?cs each:t = TagList ?>
      <label class="check"><input type="checkbox" name="tag" value="<?cs var:t.code ?>"<?cs if:t.checked ?> checked<?cs /if ?>> <?cs var:t.label ?></label>
      <?cs /each ?>
    </fieldset>
    <?cs call:field_error("tags") ?>
  </div>

  <div class="<?cs call:field_class("email") ?>">
    <label for="f-email"><?cs var:Lang.crm.res.email ?></label>
    <input id="f-email" name="email" type="email" value="<?cs var:Form.email ?>" maxlength="255"<?cs call:field_aria("email") ?>>
    <?cs call:field_error("email") ?>
  </div>

  <div class="<?cs call:field_class("note") ?>">
    <label for="f-note"><?cs var:Lang.crm.res.note ?></label>
    <textarea id="f-note" name="note" rows="3" maxlength="2000"<?cs call:field_aria("note") ?>><?cs var:Form.note ?></textarea>
    <?cs call:field_error("note") ?>
  </div>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.res.households ?></h2>
  <?cs call:field_error("households") ?>
  <?cs if:subcount(Form.Households) > 0 ?>
  <div class="table-wrap">
  <table class="table">
    <thead><tr>
      <th scope="col"><?cs var:Lang.crm.res.address ?></th>
      <th scope="col"><?cs var:Lang.crm.res.relation ?></th>
      <th scope="col"><?cs var:Lang.crm.res.remove ?></th>
    </tr></thead>
    <tbody>
    <?cs each:h = Form.Households ?>
    <tr>
      <td><input type="hidden" name="hh" value="<?cs var:h.id ?>"><?cs alt:h.address ?>#<?cs var:h.id ?><?cs /alt ?></td>
      <td>
        <label class="visually-hidden" for="f-hh-rel-<?cs name:h ?>"><?cs var:Lang.crm.res.relation ?></label>
        <select id="f-hh-rel-<?cs name:h ?>" name="hh_rel">
          <option value="owner"<?cs if:h.relation == "owner" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.owner ?></option>
          <option value="tenant"<?cs if:h.relation == "tenant" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.tenant ?></option>
          <option value="family"<?cs if:h.relation == "family" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.family ?></option>
        </select>
      </td>
      <td><label class="check"><input type="checkbox" name="hh_drop" value="<?cs var:h.id ?>"> <?cs var:Lang.crm.res.remove ?></label></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.crm.res.no_households ?></p>
  <?cs /if ?>

  <h3 class="section-title"><?cs var:Lang.crm.res.add_household ?></h3>
  <p class="hint"><?cs var:Lang.crm.res.add_household_hint ?></p>
  <div class="field-row">
    <div class="field">
      <label for="f-add-community"><?cs var:Lang.crm.res.community ?></label>
      <select id="f-add-community" name="add_community">
        <option value="">—</option>
        <?cs each:c = Pick.Communities ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Form.add_community ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs if:subcount(Pick.Buildings) > 0 ?>
    <div class="field">
      <label for="f-add-building"><?cs var:Lang.crm.res.building ?></label>
      <select id="f-add-building" name="add_building">
        <option value="">—</option>
        <?cs each:b = Pick.Buildings ?><option value="<?cs var:b.id ?>"<?cs if:b.id == Form.add_building ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <?cs if:subcount(Pick.Units) > 0 ?>
    <div class="field">
      <label for="f-add-unit"><?cs var:Lang.crm.res.unit ?></label>
      <select id="f-add-unit" name="add_unit">
        <option value="">—</option>
        <?cs each:u = Pick.Units ?><option value="<?cs var:u.id ?>"<?cs if:u.id == Form.add_unit ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <?cs if:subcount(Pick.Households) > 0 ?>
    <div class="field">
      <label for="f-add-household"><?cs var:Lang.crm.res.room ?></label>
      <select id="f-add-household" name="add_household">
        <option value="">—</option>
        <?cs each:h = Pick.Households ?><option value="<?cs var:h.id ?>"><?cs var:h.room ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
  </div>
  <div class="field-row">
    <div class="field">
      <label for="f-add-q"><?cs var:Lang.crm.res.room_search ?></label>
      <input id="f-add-q" name="add_q" value="<?cs var:Form.add_q ?>" maxlength="16" placeholder="<?cs var:Lang.crm.res.room_hint ?>">
    </div>
    <div class="field">
      <label for="f-add-rel"><?cs var:Lang.crm.res.relation ?></label>
      <select id="f-add-rel" name="add_rel">
        <option value="owner"<?cs if:Form.add_rel == "owner" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.owner ?></option>
        <option value="tenant"<?cs if:Form.add_rel == "tenant" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.tenant ?></option>
        <option value="family"<?cs if:Form.add_rel == "family" ?> selected<?cs /if ?>><?cs var:Lang.crm.rel.family ?></option>
      </select>
    </div>
  </div>
  <?cs if:Form.add_q ?>
  <fieldset class="checks">
    <legend><?cs var:Lang.crm.res.found ?></legend>
    <?cs each:h = Pick.Found ?>
    <label class="check"><input type="radio" name="add_found" value="<?cs var:h.id ?>"> <?cs var:h.address ?></label>
    <?cs /each ?>
    <?cs if:subcount(Pick.Found) == 0 ?><p class="muted"><?cs var:Lang.crm.res.found_none ?></p><?cs /if ?>
  </fieldset>
  <?cs /if ?>
  <div class="form-actions">
    <button type="submit" class="btn" name="op" value="pick"><?cs var:Lang.crm.res.pick ?></button>
  </div>
</section>

  <div class="form-actions">
    <button type="submit" class="btn btn-primary" name="op" value="save"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/crm/residents<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
