<?cs # admin/notify_macros.cs — the fields of a notification rule, shared by the list's add
form and the edit form.  Reads: Form.{type_id,event,channel,enabled,essential,subject,
template}, Form.Error.<field>, Opt.Types.N.{id,name}, Opt.Events.N.code,
Opt.Channels.N.code, Opt.Placeholders.N.code, Lang.notify.*. ?><?cs
def:notify_fields() ?>
  <div class="field-row">
    <div class="<?cs call:field_class("type_id") ?>">
      <label for="f-type_id"><?cs var:Lang.notify.type ?></label>
      <select id="f-type_id" name="type_id"<?cs call:field_aria("type_id") ?>>
        <option value="0"><?cs var:Lang.notify.all_types ?></option>
        <?cs each:o = Opt.Types ?><option value="<?cs var:o.id ?>"<?cs if:Form.type_id == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("type_id") ?>
    </div>
    <div class="<?cs call:field_class("event") ?>">
      <label for="f-event"><?cs var:Lang.notify.event ?><?cs call:req_mark() ?></label>
      <select id="f-event" name="event"<?cs call:field_aria("event") ?>>
        <?cs each:o = Opt.Events ?><option value="<?cs var:o.code ?>"<?cs if:Form.event == o.code ?> selected<?cs /if ?>><?cs var:Lang.notify.events[o.code] ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("event") ?>
    </div>
    <div class="<?cs call:field_class("channel") ?>">
      <label for="f-channel"><?cs var:Lang.notify.channel ?><?cs call:req_mark() ?></label>
      <select id="f-channel" name="channel"<?cs call:field_aria("channel") ?>>
        <?cs each:o = Opt.Channels ?><option value="<?cs var:o.code ?>"<?cs if:Form.channel == o.code ?> selected<?cs /if ?>><?cs var:Lang.notify.channels[o.code] ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("channel") ?>
    </div>
  </div>
  <div class="field-row">
    <label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Form.enabled == 1 ?> checked<?cs /if ?>> <?cs var:Lang.notify.enabled ?></label>
    <label class="check"><input type="checkbox" name="essential" value="1"<?cs if:Form.essential == 1 ?> checked<?cs /if ?>> <?cs var:Lang.notify.essential ?></label>
  </div>
  <p class="hint"><?cs var:Lang.notify.essential_hint ?></p>
  <div class="<?cs call:field_class("subject") ?>">
    <label for="f-subject"><?cs var:Lang.notify.subject ?></label>
    <input id="f-subject" name="subject" value="<?cs var:Form.subject ?>" maxlength="200"<?cs call:field_aria("subject") ?>>
    <p class="hint"><?cs var:Lang.notify.subject_hint ?></p>
    <?cs call:field_error("subject") ?>
  </div>
  <div class="<?cs call:field_class("template") ?>">
    <label for="f-template"><?cs var:Lang.notify.template ?><?cs call:req_mark() ?></label>
    <textarea id="f-template" name="template" rows="4" maxlength="1000" required<?cs call:field_aria("template") ?>><?cs var:Form.template ?></textarea>
    <p class="hint"><?cs var:Lang.notify.placeholders ?><?cs each:p = Opt.Placeholders ?> <code>{<?cs var:p.code ?>}</code> <?cs var:Lang.notify.ph[p.code] ?><?cs /each ?></p>
    <?cs call:field_error("template") ?>
  </div>
<?cs /def ?>
