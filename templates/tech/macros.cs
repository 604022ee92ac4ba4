<?cs # tech/macros.cs — pieces the technician pages share; included by them, never a page.
Reads: CSRF, Form.to, Form.Error.<name>, Lang.common.required, Lang.ticket.status.*,
       Lang.tech.{no_address,emergency,overdue,appointment,no_appointment,resume_at,open};
       ticket_card(t) reads t.{id,number,status,emergency,overdue,title,type_name,
       subtype_name,community,building,unit,room,address,appointment_at,resume_at}.
Form fields of the action forms are named f-<action>-<name>; errors and kept values show
only in the form of the action that was sent (Form.to). ?><?cs
def:csrf() ?><input type="hidden" name="_csrf" value="<?cs var:CSRF ?>"><?cs /def ?><?cs
def:req_mark() ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span><?cs /def ?><?cs
def:field_class(form, name) ?>field<?cs if:Form.to == form && ?Form.Error[name] ?> has-error<?cs /if ?><?cs /def ?><?cs
def:field_aria(form, name) ?><?cs if:Form.to == form && ?Form.Error[name] ?> aria-invalid="true" aria-describedby="f-<?cs var:form ?>-<?cs var:name ?>-error"<?cs /if ?><?cs /def ?><?cs
def:field_error(form, name) ?><?cs if:Form.to == form && ?Form.Error[name] ?><p class="error" id="f-<?cs var:form ?>-<?cs var:name ?>-error"><?cs var:Form.Error[name] ?></p><?cs /if ?><?cs /def ?><?cs
def:kept(form, value) ?><?cs if:Form.to == form ?><?cs var:value ?><?cs /if ?><?cs /def ?><?cs

def:status_badge(status) ?><span class="badge <?cs
  if:status == "dispatched" ?>badge-warn<?cs
  elif:status == "accepted" || status == "en_route" || status == "on_site" ?>badge-info<?cs
  elif:status == "resolved" || status == "closed" ?>badge-ok<?cs
  elif:status == "new" || status == "reopened" ?>badge-accent<?cs
  else ?>badge-muted<?cs /if ?>"><?cs alt:Lang.ticket.status[status] ?><?cs var:status ?><?cs /alt ?></span><?cs /def ?><?cs

def:flags(t) ?><?cs if:t.emergency == 1 ?> <span class="badge badge-danger"><?cs var:Lang.tech.emergency ?></span><?cs /if ?><?cs
  if:t.overdue == 1 ?> <span class="badge badge-danger"><?cs var:Lang.tech.overdue ?></span><?cs /if ?><?cs /def ?><?cs

def:address(t) ?><?cs if:t.community ?><?cs var:t.community ?> <?cs var:t.building ?><?cs var:t.unit ?><?cs var:t.room ?><?cs
  elif:t.address ?><?cs var:t.address ?><?cs else ?><?cs var:Lang.tech.no_address ?><?cs /if ?><?cs /def ?><?cs

def:ticket_card(t) ?>
<a class="card stat m-card" href="/m/tickets/<?cs var:t.id ?>">
  <span class="stat-title"><?cs var:t.number ?> <?cs call:status_badge(t.status) ?><?cs call:flags(t) ?></span>
  <strong class="m-card-title"><?cs var:t.title ?></strong>
  <span class="m-card-address"><?cs call:address(t) ?></span>
  <span class="m-card-time muted"><?cs var:t.type_name ?><?cs if:t.subtype_name ?> · <?cs var:t.subtype_name ?><?cs /if ?> · <?cs if:t.status == "pending" && t.resume_at ?><?cs var:Lang.tech.resume_at ?> <?cs var:t.resume_at ?><?cs
    elif:t.appointment_at ?><?cs var:Lang.tech.appointment ?> <?cs var:t.appointment_at ?><?cs
    else ?><?cs var:Lang.tech.no_appointment ?><?cs /if ?></span>
  <span class="stat-more" aria-hidden="true"><?cs var:Lang.tech.open ?> →</span>
</a>
<?cs /def ?>
