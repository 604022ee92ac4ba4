<?cs # desk/message_new.cs — an SMS or e-mail to one resident (from the pop or a work order).
Reads: Form.{channel,resident,ticket,token,mobile,subject,text,segments}, Form.Error.{mobile,
       subject,text,resident_id,ticket_id}, Resident.{id,name,email}, Mobiles.N.{phone,is_primary},
       Ticket.{id,number,title}, CSRF, Lang.message.one.*, Lang.common.{cancel,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Form.channel == "email" ?><?cs var:Lang.message.one.title_email ?><?cs else ?><?cs var:Lang.message.one.title_sms ?><?cs /if ?> · <?cs var:Resident.name ?></h1>
  <div class="page-actions">
    <?cs if:Form.channel == "email" ?><a class="btn" href="/messages/new?resident=<?cs var:Resident.id ?><?cs if:Ticket.id ?>&amp;ticket=<?cs var:Ticket.id ?><?cs /if ?>"><?cs var:Lang.message.one.send_sms ?></a><?cs
    else ?><a class="btn" href="/messages/new?channel=email&amp;resident=<?cs var:Resident.id ?><?cs if:Ticket.id ?>&amp;ticket=<?cs var:Ticket.id ?><?cs /if ?>"><?cs var:Lang.message.one.send_email ?></a><?cs /if ?>
  </div>
</div>
<?cs if:Ticket.id ?><p class="muted"><?cs var:Lang.message.one.about ?> <a href="/tickets/<?cs var:Ticket.id ?>"><?cs var:Ticket.number ?></a> <?cs var:Ticket.title ?></p><?cs /if ?>
<?cs if:?Form.Error.resident_id ?><div class="alert alert-error"><?cs var:Form.Error.resident_id ?></div><?cs /if ?>
<?cs if:?Form.Error.ticket_id ?><div class="alert alert-error"><?cs var:Form.Error.ticket_id ?></div><?cs /if ?>

<section class="card">
<form class="form" method="post" action="/messages">
  <?cs call:csrf() ?>
  <input type="hidden" name="channel" value="<?cs var:Form.channel ?>">
  <input type="hidden" name="resident" value="<?cs var:Form.resident ?>">
  <?cs if:Form.ticket ?><input type="hidden" name="ticket" value="<?cs var:Form.ticket ?>"><?cs /if ?>
  <input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <?cs if:Form.channel == "email" ?>
  <div class="field">
    <span class="field-label"><?cs var:Lang.message.one.to ?></span>
    <p><?cs alt:Resident.email ?><span class="muted"><?cs var:Lang.message.one.no_email ?></span><?cs /alt ?></p>
  </div>
  <div class="<?cs call:field_class("subject") ?>">
    <label for="f-subject"><?cs var:Lang.message.one.subject ?><?cs call:req_mark() ?></label>
    <input id="f-subject" name="subject" value="<?cs var:Form.subject ?>" required maxlength="200"<?cs call:field_aria("subject") ?>>
    <?cs call:field_error("subject") ?>
  </div>
  <div class="<?cs call:field_class("text") ?>">
    <label for="f-text"><?cs var:Lang.message.one.body ?><?cs call:req_mark() ?></label>
    <textarea id="f-text" name="text" required rows="10"<?cs call:field_aria("text") ?>><?cs var:Form.text ?></textarea>
    <?cs call:field_error("text") ?>
  </div>
  <?cs else ?>
  <div class="<?cs call:field_class("mobile") ?>">
    <label for="f-mobile"><?cs var:Lang.message.one.to ?><?cs call:req_mark() ?></label>
    <?cs if:subcount(Mobiles) > 0 ?>
    <select id="f-mobile" name="mobile"<?cs call:field_aria("mobile") ?>>
      <?cs each:p = Mobiles ?><option value="<?cs var:p.phone ?>"<?cs if:Form.mobile == p.phone ?> selected<?cs /if ?>><?cs var:p.phone ?><?cs if:p.is_primary == "1" ?> (<?cs var:Lang.message.one.primary ?>)<?cs /if ?></option><?cs /each ?>
    </select>
    <?cs else ?><p class="muted"><?cs var:Lang.message.one.no_mobile ?></p><?cs /if ?>
    <?cs call:field_error("mobile") ?>
  </div>
  <div class="<?cs call:field_class("text") ?>">
    <label for="f-text"><?cs var:Lang.message.one.text ?><?cs call:req_mark() ?></label>
    <textarea id="f-text" name="text" required rows="5" data-sms-count="f-text-count" aria-describedby="f-text-count"<?cs call:field_aria("text") ?>><?cs var:Form.text ?></textarea>
    <p class="hint" id="f-text-count" aria-live="polite" data-template="<?cs var:Lang.message.one.count ?>" data-gsm="<?cs var:Lang.message.one.gsm ?>" data-ucs2="<?cs var:Lang.message.one.ucs2 ?>"><?cs if:Form.segments ?><?cs var:Form.segments ?> <?cs var:Lang.message.one.parts_unit ?><?cs /if ?></p>
    <p class="hint"><?cs var:Lang.message.one.text_hint ?></p>
    <?cs call:field_error("text") ?>
  </div>
  <?cs /if ?>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.message.one.submit ?></button>
    <a class="btn btn-link" href="<?cs if:Ticket.id ?>/tickets/<?cs var:Ticket.id ?><?cs else ?>/messages?resident=<?cs var:Resident.id ?><?cs /if ?>"><?cs var:Lang.common.cancel ?></a>
  </div>
</form>
</section>
<script src="/static/js/sms.js" defer></script>
