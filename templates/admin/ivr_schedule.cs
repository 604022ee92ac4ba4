<?cs # admin/ivr_schedule.cs — a schedule: weekly hours, the duty target, the holiday calendar.
Reads: Form.{id,version,name,description,duty_staff_id,duty_number,hours1..hours7,day,hname,
       kind,open,close,as_weekday}, Form.Error.<field>, Opt.Staff.N.{id,label},
       Holidays.N.{id,day,name,kind,kind_label,open,close,as_weekday,as_label}, CSRF,
       Lang.ivr.schedules.*, Lang.ivr.holiday.*, Lang.ivr.weekday.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<?cs call:ivr_tabs() ?>
<form class="form" method="post" action="/admin/ivr/schedules<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
<?cs call:csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version ?>">
<section class="card">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.schedules.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("description") ?>">
      <label for="f-description"><?cs var:Lang.ivr.description ?></label>
      <input id="f-description" name="description" value="<?cs var:Form.description ?>" maxlength="300">
      <?cs call:field_error("description") ?>
    </div>
  </div>
  <h2 class="section-title"><?cs var:Lang.ivr.schedules.hours ?></h2>
  <p class="hint"><?cs var:Lang.ivr.schedules.hours_hint ?></p>
  <table class="table ivr-hours"><tbody>
  <?cs loop:d = 1, 7, 1 ?>
    <tr<?cs if:?Form.Error["hours" + d] ?> class="has-error"<?cs /if ?>>
      <th scope="row"><label for="f-hours<?cs var:d ?>"><?cs var:Lang.ivr.weekday[d] ?></label></th>
      <td><input id="f-hours<?cs var:d ?>" name="hours<?cs var:d ?>" value="<?cs var:Form["hours" + d] ?>" maxlength="200" placeholder="<?cs var:Lang.ivr.schedules.closed_all_day ?>">
      <?cs call:field_error("hours" + d) ?></td>
    </tr>
  <?cs /loop ?>
  </tbody></table>
  <h2 class="section-title"><?cs var:Lang.ivr.schedules.duty ?></h2>
  <p class="hint"><?cs var:Lang.ivr.schedules.duty_hint ?></p>
  <div class="field-row">
    <div class="<?cs call:field_class("duty_staff_id") ?>">
      <label for="f-duty"><?cs var:Lang.ivr.schedules.duty_staff ?></label><?cs call:opt_select("duty_staff_id", "f-duty", Opt.Staff, Form.duty_staff_id) ?>
      <?cs call:field_error("duty_staff_id") ?>
    </div>
    <div class="<?cs call:field_class("duty_number") ?>">
      <label for="f-duty_number"><?cs var:Lang.ivr.schedules.duty_number ?></label>
      <input id="f-duty_number" name="duty_number" value="<?cs var:Form.duty_number ?>" maxlength="32" inputmode="tel"<?cs call:field_aria("duty_number") ?>>
      <?cs call:field_error("duty_number") ?>
    </div>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/ivr/schedules"><?cs var:Lang.common.cancel ?></a>
  </div>
</section>
</form>

<?cs if:Form.id ?>
<section class="card" id="holidays">
  <h2 class="section-title"><?cs var:Lang.ivr.holiday.title ?></h2>
  <p class="hint"><?cs var:Lang.ivr.holiday.hint ?></p>
  <?cs if:subcount(Holidays) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.ivr.holiday.day ?></th><th scope="col"><?cs var:Lang.ivr.holiday.name ?></th><th scope="col"><?cs var:Lang.ivr.holiday.kind_title ?></th><th scope="col"><?cs var:Lang.common.actions ?></th></tr></thead>
    <tbody><?cs each:h = Holidays ?>
      <tr>
        <td><?cs var:h.day ?></td><td><?cs var:h.name ?></td>
        <td><?cs var:h.kind_label ?><?cs if:h.kind == "special" ?> <?cs var:h.open ?>–<?cs var:h.close ?><?cs /if ?><?cs if:h.kind == "workday" ?>（<?cs var:Lang.ivr.holiday.as ?><?cs var:h.as_label ?>）<?cs /if ?></td>
        <td><form method="post" action="/admin/ivr/schedules/<?cs var:Form.id ?>/holidays/<?cs var:h.id ?>/delete"><?cs call:csrf() ?><button type="submit" class="btn btn-sm btn-danger"><?cs var:Lang.common.delete ?></button></form></td>
      </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs /if ?>
  <form class="form" method="post" action="/admin/ivr/schedules/<?cs var:Form.id ?>/holidays">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="<?cs call:field_class("day") ?>"><label for="f-day"><?cs var:Lang.ivr.holiday.day ?><?cs call:req_mark() ?></label>
        <input id="f-day" name="day" type="date" value="<?cs var:Form.day ?>"<?cs call:field_aria("day") ?>><?cs call:field_error("day") ?></div>
      <div class="<?cs call:field_class("hname") ?>"><label for="f-hname"><?cs var:Lang.ivr.holiday.name ?><?cs call:req_mark() ?></label>
        <input id="f-hname" name="hname" value="<?cs var:Form.hname ?>" maxlength="100"<?cs call:field_aria("hname") ?>><?cs call:field_error("hname") ?></div>
      <div class="<?cs call:field_class("kind") ?>"><label for="f-kind"><?cs var:Lang.ivr.holiday.kind_title ?></label>
        <select id="f-kind" name="kind"><?cs each:k = Lang.ivr.holiday.kind ?><option value="<?cs name:k ?>"<?cs if:Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select><?cs call:field_error("kind") ?></div>
    </div>
    <div class="field-row">
      <div class="<?cs call:field_class("open") ?>"><label for="f-open"><?cs var:Lang.ivr.holiday.special_hours ?></label>
        <input id="f-open" name="open" value="<?cs var:Form.open ?>" size="6" placeholder="09:00"> – <input name="close" value="<?cs var:Form.close ?>" size="6" placeholder="12:00" aria-label="<?cs var:Lang.ivr.holiday.close ?>"><?cs call:field_error("open") ?></div>
      <div class="<?cs call:field_class("as_weekday") ?>"><label for="f-as"><?cs var:Lang.ivr.holiday.as_weekday ?></label>
        <select id="f-as" name="as_weekday"><option value=""></option><?cs loop:d = 1, 7, 1 ?><option value="<?cs var:d ?>"<?cs if:Form.as_weekday == d ?> selected<?cs /if ?>><?cs var:Lang.ivr.weekday[d] ?></option><?cs /loop ?></select><?cs call:field_error("as_weekday") ?></div>
    </div>
    <div class="form-actions"><button type="submit" class="btn"><?cs var:Lang.ivr.holiday.add ?></button></div>
  </form>
</section>
<section class="card">
  <form class="form" method="post" action="/admin/ivr/schedules/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
<?cs /if ?>
