<?cs # tech/ticket.cs — one work order on the phone (/m/tickets/N): where, whom to call, the
actions the technician may take now, photos, parts, the timeline, the household's history.
Reads: Ticket.{id,number,title,description,status,priority,emergency,overdue,version,
       type_name,subtype_name,community,building,unit,room,address,contact_name,
       contact_phone,resident_name,department_name,assignee_name,appointment_at,created_at,
       resolve_due_at,pending_reason,resume_at}, Phones.N.phone,
       Actions.{any,accepted,declined,en_route,on_site,resolved,pending,resume},
       Files.N.{id,filename,mime,is_image}, Parts.N.{name,quantity,unit,staff_name},
       Events.N.{event_at,kind,to_status,public,body,staff_name,department_name,
       assignee_name}, History.N.{id,number,title,status,created_at,type_name,may_view},
       PartRows.N, Limits.Photos, Form.{to,note,resume_at}, Form.Parts.N.{name,quantity,
       unit}, Form.Error.{note,resume_at,photos,parts}, CSRF, Lang.tech.*, Lang.ticket.*,
       Lang.common.required_note.
Stacks of cards use .m-stack (until wl.css has it, .meta.meta-stack gives the same grid). ?>
<?cs include:"tech/macros.cs" ?><?cs

def:action_head(to) ?>
  <?cs call:csrf() ?>
  <input type="hidden" name="to" value="<?cs var:to ?>">
  <input type="hidden" name="version" value="<?cs var:Ticket.version ?>"><?cs /def ?><?cs

def:simple_action(to, cls) ?>
<form class="form m-action" method="post" action="/m/tickets/<?cs var:Ticket.id ?>/action">
  <?cs call:action_head(to) ?>
  <button type="submit" class="btn <?cs var:cls ?> btn-block"><?cs var:Lang.ticket.action[to] ?></button>
</form><?cs /def ?><?cs

def:reason_field(to) ?>
  <div class="<?cs call:field_class(to, "note") ?>">
    <label for="f-<?cs var:to ?>-note"><?cs var:Lang.tech.reason ?><?cs call:req_mark() ?></label>
    <textarea id="f-<?cs var:to ?>-note" name="note" required maxlength="2000"<?cs call:field_aria(to, "note") ?>><?cs call:kept(to, Form.note) ?></textarea>
    <?cs call:field_error(to, "note") ?>
  </div><?cs /def ?><?cs

def:event_label(e) ?><?cs
  if:e.kind == "status" && e.to_status == "dispatched" ?><?cs var:Lang.tech.event.declined ?><?cs
  elif:e.kind == "status" ?><?cs alt:Lang.ticket.status[e.to_status] ?><?cs var:e.to_status ?><?cs /alt ?><?cs
  elif:e.kind == "assign" ?><?cs var:Lang.tech.event.assign ?><?cs if:e.department_name || e.assignee_name ?> → <?cs var:e.department_name ?><?cs if:e.department_name && e.assignee_name ?> · <?cs /if ?><?cs var:e.assignee_name ?><?cs /if ?><?cs
  else ?><?cs alt:Lang.tech.event[e.kind] ?><?cs var:e.kind ?><?cs /alt ?><?cs /if ?><?cs /def ?>
<p class="m-back"><a href="/m">← <?cs var:Lang.tech.back ?></a></p>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Ticket.number ?></p>
    <h1><?cs var:Ticket.title ?></h1>
    <p class="badges"><?cs call:status_badge(Ticket.status) ?><?cs call:flags(Ticket) ?></p>
  </div>
</div>

<div class="m-stack meta meta-stack">
<section class="card" aria-labelledby="m-where">
  <h2 id="m-where"><?cs var:Lang.tech.address ?></h2>
  <p class="lead m-address"><?cs call:address(Ticket) ?></p>
  <p><span class="muted"><?cs var:Lang.tech.appointment ?></span> <?cs alt:Ticket.appointment_at ?><?cs var:Lang.tech.no_appointment ?><?cs /alt ?></p>
  <?cs if:Ticket.contact_name ?>
  <p><span class="muted"><?cs var:Lang.tech.contact ?></span> <?cs var:Ticket.contact_name ?></p>
  <?cs /if ?>
  <?cs if:Ticket.contact_phone || subcount(Phones) > 0 ?>
  <div class="form-actions m-phones">
    <?cs if:Ticket.contact_phone ?><a class="btn btn-primary" href="tel:<?cs escape:"url" ?><?cs var:Ticket.contact_phone ?><?cs /escape ?>"><?cs var:Lang.tech.call ?> <?cs var:Ticket.contact_phone ?></a><?cs /if ?>
    <?cs each:p = Phones ?><a class="btn" href="tel:<?cs escape:"url" ?><?cs var:p.phone ?><?cs /escape ?>"><?cs var:Lang.tech.call ?> <?cs var:p.phone ?></a><?cs /each ?>
  </div>
  <?cs /if ?>
</section>

<section class="card m-actions" aria-labelledby="m-actions">
  <h2 id="m-actions"><?cs var:Lang.tech.actions ?></h2>
  <?cs if:Actions.any ?>
  <div class="m-stack meta meta-stack">
  <?cs if:Actions.accepted ?><?cs call:simple_action("accepted", "btn-primary") ?><?cs /if ?>
  <?cs if:Actions.en_route ?><?cs call:simple_action("en_route", "btn-primary") ?><?cs /if ?>
  <?cs if:Actions.on_site && Actions.en_route ?><?cs call:simple_action("on_site", "") ?><?cs
  elif:Actions.on_site ?><?cs call:simple_action("on_site", "btn-primary") ?><?cs /if ?>
  <?cs if:Actions.resume ?><?cs call:simple_action("resume", "btn-primary") ?><?cs /if ?>

  <?cs if:Actions.resolved ?>
  <details class="m-action"<?cs if:Form.to == "resolved" ?> open<?cs /if ?>>
    <summary class="btn btn-primary btn-block"><?cs var:Lang.ticket.action.resolved ?></summary>
    <form class="form" method="post" action="/m/tickets/<?cs var:Ticket.id ?>/action" enctype="multipart/form-data">
      <hr>
      <?cs call:action_head("resolved") ?>
      <div class="<?cs call:field_class("resolved", "note") ?>">
        <label for="f-resolved-note"><?cs var:Lang.tech.complete_note ?></label>
        <textarea id="f-resolved-note" name="note" maxlength="2000" aria-describedby="f-resolved-note-hint"<?cs call:field_aria("resolved", "note") ?>><?cs call:kept("resolved", Form.note) ?></textarea>
        <p class="hint" id="f-resolved-note-hint"><?cs var:Lang.tech.complete_note_hint ?></p>
        <?cs call:field_error("resolved", "note") ?>
      </div>
      <div class="<?cs call:field_class("resolved", "photos") ?>">
        <label for="f-resolved-photos"><?cs var:Lang.tech.photos ?></label>
        <input type="file" id="f-resolved-photos" name="photos" accept="image/*" capture="environment" multiple aria-describedby="f-resolved-photos-hint"<?cs call:field_aria("resolved", "photos") ?>>
        <p class="hint" id="f-resolved-photos-hint"><?cs var:Lang.tech.photos_hint ?><?cs if:Form.to == "resolved" ?> <?cs var:Lang.tech.photos_again ?><?cs /if ?></p>
        <?cs call:field_error("resolved", "photos") ?>
      </div>
      <fieldset class="checks m-parts<?cs if:Form.to == "resolved" && ?Form.Error.parts ?> has-error<?cs /if ?>">
        <legend><?cs var:Lang.tech.parts ?></legend>
        <p class="hint" id="f-resolved-parts-hint"><?cs var:Lang.tech.parts_hint ?></p>
        <div class="table-wrap">
        <table class="table m-parts-table">
          <thead><tr><th scope="col" id="f-part-name"><?cs var:Lang.tech.part_name ?></th><th scope="col" id="f-part-quantity"><?cs var:Lang.tech.part_quantity ?></th><th scope="col" id="f-part-unit"><?cs var:Lang.tech.part_unit ?></th></tr></thead>
          <tbody>
          <?cs each:i = PartRows ?>
          <tr>
            <td><input name="part_name" maxlength="100" aria-labelledby="f-part-name" value="<?cs call:kept("resolved", Form.Parts[i].name) ?>"></td>
            <td><input name="part_quantity" inputmode="decimal" maxlength="12" size="3" aria-labelledby="f-part-quantity" value="<?cs call:kept("resolved", Form.Parts[i].quantity) ?>"></td>
            <td><input name="part_unit" maxlength="16" size="3" aria-labelledby="f-part-unit" value="<?cs call:kept("resolved", Form.Parts[i].unit) ?>"></td>
          </tr>
          <?cs /each ?>
          </tbody>
        </table>
        </div>
        <?cs call:field_error("resolved", "parts") ?>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.ticket.action.resolved ?></button>
      </div>
    </form>
  </details>
  <?cs /if ?>

  <?cs if:Actions.pending ?>
  <details class="m-action"<?cs if:Form.to == "pending" ?> open<?cs /if ?>>
    <summary class="btn btn-block"><?cs var:Lang.ticket.action.pending ?></summary>
    <form class="form" method="post" action="/m/tickets/<?cs var:Ticket.id ?>/action">
      <hr>
      <?cs call:action_head("pending") ?>
      <p class="hint"><?cs var:Lang.tech.pending_hint ?></p>
      <?cs call:reason_field("pending") ?>
      <div class="<?cs call:field_class("pending", "resume_at") ?>">
        <label for="f-pending-resume_at"><?cs var:Lang.tech.resume_at_label ?><?cs call:req_mark() ?></label>
        <input type="datetime-local" id="f-pending-resume_at" name="resume_at" required value="<?cs call:kept("pending", Form.resume_at) ?>"<?cs call:field_aria("pending", "resume_at") ?>>
        <?cs call:field_error("pending", "resume_at") ?>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.ticket.action.pending ?></button>
      </div>
    </form>
  </details>
  <?cs /if ?>

  <?cs if:Actions.declined ?>
  <details class="m-action"<?cs if:Form.to == "declined" ?> open<?cs /if ?>>
    <summary class="btn btn-danger btn-block"><?cs var:Lang.ticket.action.declined ?></summary>
    <form class="form" method="post" action="/m/tickets/<?cs var:Ticket.id ?>/action">
      <hr>
      <?cs call:action_head("declined") ?>
      <p class="hint"><?cs var:Lang.tech.decline_hint ?></p>
      <?cs call:reason_field("declined") ?>
      <div class="form-actions">
        <button type="submit" class="btn btn-danger btn-block"><?cs var:Lang.ticket.action.declined ?></button>
      </div>
    </form>
  </details>
  <?cs /if ?>
  </div>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.tech.no_actions ?></p>
  <?cs /if ?>
</section>

<section class="card" aria-labelledby="m-facts">
  <h2 id="m-facts"><?cs var:Lang.tech.details ?></h2>
  <dl class="meta m-facts">
    <?cs if:Ticket.description ?>
    <div><dt><?cs var:Lang.tech.description ?></dt><dd class="m-text"><?cs var:Ticket.description ?></dd></div>
    <?cs /if ?>
    <?cs if:Ticket.status == "pending" ?>
    <div><dt><?cs var:Lang.tech.pending_reason ?></dt><dd><?cs var:Ticket.pending_reason ?></dd></div>
    <div><dt><?cs var:Lang.tech.resume_at ?></dt><dd><?cs var:Ticket.resume_at ?></dd></div>
    <?cs /if ?>
    <div><dt><?cs var:Lang.tech.type ?></dt><dd><?cs var:Ticket.type_name ?><?cs if:Ticket.subtype_name ?> · <?cs var:Ticket.subtype_name ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.tech.priority ?></dt><dd><?cs var:Lang.ticket.priority[Ticket.priority] ?></dd></div>
    <div><dt><?cs var:Lang.tech.resolve_due ?></dt><dd><?cs var:Ticket.resolve_due_at ?></dd></div>
    <div><dt><?cs var:Lang.tech.created ?></dt><dd><?cs var:Ticket.created_at ?></dd></div>
    <div><dt><?cs var:Lang.tech.department ?></dt><dd><?cs alt:Ticket.department_name ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.tech.assignee ?></dt><dd><?cs alt:Ticket.assignee_name ?><?cs var:Lang.tech.unassigned ?><?cs /alt ?></dd></div>
  </dl>
</section>

<section class="card" aria-labelledby="m-files">
  <h2 id="m-files"><?cs var:Lang.tech.files ?></h2>
  <?cs if:subcount(Files) > 0 ?>
  <p class="m-thumbs"><?cs each:f = Files ?><?cs if:f.is_image == 1 ?><a href="/m/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><img src="/m/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>" alt="<?cs var:f.filename ?>" width="104" loading="lazy"></a> <?cs /if ?><?cs /each ?></p>
  <?cs each:f = Files ?><?cs if:f.is_image != 1 ?>
  <p><a href="/m/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <span class="muted"><?cs var:f.mime ?></span></p>
  <?cs /if ?><?cs /each ?>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.tech.no_files ?></p>
  <?cs /if ?>
</section>

<section class="card" aria-labelledby="m-parts">
  <h2 id="m-parts"><?cs var:Lang.tech.parts_used ?></h2>
  <?cs if:subcount(Parts) > 0 ?>
  <dl class="meta meta-stack">
    <?cs each:p = Parts ?>
    <div><dt><?cs var:p.staff_name ?></dt><dd><?cs var:p.name ?> × <?cs var:p.quantity ?><?cs if:p.unit ?> <?cs var:p.unit ?><?cs /if ?></dd></div>
    <?cs /each ?>
  </dl>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.tech.no_parts ?></p>
  <?cs /if ?>
</section>

<section class="card" aria-labelledby="m-timeline">
  <h2 id="m-timeline"><?cs var:Lang.tech.timeline ?></h2>
  <dl class="meta meta-stack m-timeline">
    <?cs each:e = Events ?>
    <div>
      <dt><?cs var:e.event_at ?> · <?cs alt:e.staff_name ?><?cs var:Lang.tech.system ?><?cs /alt ?><?cs if:e.public != 1 ?> <span class="badge badge-muted"><?cs var:Lang.tech.internal ?></span><?cs /if ?></dt>
      <dd><?cs call:event_label(e) ?><?cs if:e.body ?><br><span class="m-text"><?cs var:e.body ?></span><?cs /if ?></dd>
    </div>
    <?cs /each ?>
  </dl>
</section>

<section class="card" aria-labelledby="m-history">
  <h2 id="m-history"><?cs var:Lang.tech.history ?></h2>
  <?cs if:subcount(History) > 0 ?>
  <dl class="meta meta-stack">
    <?cs each:h = History ?>
    <div>
      <dt><?cs var:h.number ?> · <?cs var:h.created_at ?></dt>
      <dd><?cs if:h.may_view ?><a href="/m/tickets/<?cs var:h.id ?>"><?cs var:h.title ?></a><?cs else ?><?cs var:h.title ?><?cs /if ?> <?cs call:status_badge(h.status) ?></dd>
    </div>
    <?cs /each ?>
  </dl>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.tech.no_history ?></p>
  <?cs /if ?>
</section>
</div>
