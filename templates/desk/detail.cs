<?cs # desk/detail.cs — one work order: header with SLA deadlines, the steps the user may take,
the timeline, comment/note form, attachments, parts, links, and the edit form.
Reads: Ticket.{id,number,status,pending_from,pending_reason,resume_at,priority,emergency,title,
       description,channel,type,subtype,department_id,department,assignee_id,assignee,creator,
       resident_id,resident,household_id,location,address,contact_name,contact_phone,
       appointment_at,response_due_at,resolve_due_at,first_response_at,resolved_at,closed_at,
       satisfaction,visit_comment,version,created_at,updated_at,merged_into_id,
       merged_into_number,overdue,response_overdue},
       Events.N.{id,happened_at,kind,from_status,to_status,public,body,staff,department,
       assignee,other_id,other_number,link_kind}, Attachments.N.{id,filename,mime,size,
       created_at,uploader,is_image}, Parts.N.{name,quantity,unit,staff,created_at},
       Links.N.{id,number,status,title,kind}, Actions.N.to, Departments.N.{id,name},
       Assignees.N.{id,name,department}, Canned.N.{id,title}, Perm.{edit,crm},
       Form.{to,note,public,department_id,assignee_id,resume_at,satisfaction,body,canned,
       other,kind,title,description,priority,emergency,appointment_at,version}, Form.Error.*,
       CSRF, Lang.desk.ticket.*, Lang.ticket.action.*, Lang.desk.event.*, Lang.desk.link.*,
       Lang.desk.col.*, Lang.desk.new.*, Lang.ticket.priority.*, Lang.desk.channel.*,
       Lang.ticket.status.*, Lang.common.{save,none,required_note},
       Perm.{message_view,message_send}, Messages.N.{id,channel,recipient,event,subject,body,
       segments,status,attempts,last_error,created_at,sent_at,dlr_at,sender}, Lang.message.*. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"desk/macros.cs" ?><?cs include:"desk/message_macros.cs" ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Lang.desk.ticket.title ?></p>
    <h1><?cs var:Ticket.number ?> <?cs call:status_badge(Ticket.status) ?> <?cs call:priority_badge(Ticket.priority) ?> <?cs call:emergency_badge(Ticket.emergency) ?> <?cs call:overdue_badge(Ticket.overdue) ?></h1>
    <p class="lead"><?cs var:Ticket.title ?></p>
  </div>
  <div class="page-actions">
    <a class="btn" href="/tickets"><?cs var:Lang.desk.ticket.back ?></a>
    <?cs if:Perm.message_send == "1" && Ticket.resident_id ?>
    <a class="btn" href="/messages/new?resident=<?cs var:Ticket.resident_id ?>&amp;ticket=<?cs var:Ticket.id ?>"><?cs var:Lang.message.one.send_sms ?></a>
    <a class="btn" href="/messages/new?channel=email&amp;resident=<?cs var:Ticket.resident_id ?>&amp;ticket=<?cs var:Ticket.id ?>"><?cs var:Lang.message.one.send_email ?></a>
    <?cs /if ?>
  </div>
</div>

<?cs if:Ticket.merged_into_id ?>
<div class="alert alert-info"><?cs var:Lang.desk.ticket.merged_into ?> <a href="/tickets/<?cs var:Ticket.merged_into_id ?>"><?cs var:Ticket.merged_into_number ?></a></div>
<?cs /if ?>
<?cs if:Ticket.status == "pending" ?>
<div class="alert alert-warn"><?cs var:Lang.desk.ticket.pending ?> <?cs var:Ticket.pending_reason ?><?cs if:Ticket.resume_at ?> · <?cs var:Lang.desk.ticket.resume_at ?> <?cs var:Ticket.resume_at ?><?cs /if ?></div>
<?cs /if ?>

<div class="cols">
<div class="stack">
<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.desk.col.type ?></dt><dd><?cs var:Ticket.type ?><?cs if:Ticket.subtype ?> / <?cs var:Ticket.subtype ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.col.location ?></dt><dd><?cs alt:Ticket.location ?><?cs alt:Ticket.address ?><?cs var:Lang.common.none ?><?cs /alt ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.ticket.resident ?></dt><dd><?cs if:Ticket.resident_id ?><?cs if:Perm.crm == "1" ?><a href="/crm/residents/<?cs var:Ticket.resident_id ?>"><?cs var:Ticket.resident ?></a><?cs else ?><?cs var:Ticket.resident ?><?cs /if ?><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.new.contact_name ?></dt><dd><?cs alt:Ticket.contact_name ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.new.contact_phone ?></dt><dd><?cs if:Ticket.contact_phone ?><a href="tel:<?cs escape:"url" ?><?cs var:Ticket.contact_phone ?><?cs /escape ?>"><?cs var:Ticket.contact_phone ?></a><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.col.department ?></dt><dd><?cs alt:Ticket.department ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.col.assignee ?></dt><dd><?cs alt:Ticket.assignee ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.new.appointment ?></dt><dd><?cs alt:Ticket.appointment_at ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.ticket.channel ?></dt><dd><?cs alt:Lang.desk.channel[Ticket.channel] ?><?cs var:Ticket.channel ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.ticket.created ?></dt><dd><?cs var:Ticket.created_at ?><?cs if:Ticket.creator ?> · <?cs var:Ticket.creator ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.ticket.response_due ?></dt><dd><?cs var:Ticket.response_due_at ?><?cs if:Ticket.first_response_at ?> <span class="badge badge-ok"><?cs var:Lang.desk.ticket.responded ?> <?cs var:Ticket.first_response_at ?></span><?cs /if ?> <?cs call:overdue_badge(Ticket.response_overdue) ?></dd></div>
    <div><dt><?cs var:Lang.desk.ticket.resolve_due ?></dt><dd><?cs var:Ticket.resolve_due_at ?> <?cs call:overdue_badge(Ticket.overdue) ?></dd></div>
    <?cs if:Ticket.resolved_at ?><div><dt><?cs var:Lang.desk.ticket.resolved_at ?></dt><dd><?cs var:Ticket.resolved_at ?></dd></div><?cs /if ?>
    <?cs if:Ticket.closed_at ?><div><dt><?cs var:Lang.desk.ticket.closed_at ?></dt><dd><?cs var:Ticket.closed_at ?></dd></div><?cs /if ?>
    <?cs if:Ticket.satisfaction ?><div><dt><?cs var:Lang.desk.ticket.satisfaction ?></dt><dd><strong class="satisfaction"><?cs var:Ticket.satisfaction ?>/5</strong><?cs if:Ticket.visit_comment ?> · <?cs var:Ticket.visit_comment ?><?cs /if ?></dd></div><?cs /if ?>
  </dl>
  <?cs if:Ticket.description ?>
  <h2 class="section-title"><?cs var:Lang.desk.new.description ?></h2>
  <p class="wrap"><?cs var:Ticket.description ?></p>
  <?cs /if ?>
</section>

<section class="card" id="timeline">
  <h2><?cs var:Lang.desk.ticket.timeline ?></h2>
  <ol class="timeline">
    <?cs each:e = Events ?>
    <li class="timeline-item timeline-<?cs var:e.kind ?>">
      <p class="timeline-head">
        <span class="muted"><?cs var:e.happened_at ?></span>
        <strong><?cs alt:e.staff ?><?cs var:Lang.desk.event.system ?><?cs /alt ?></strong>
        <?cs if:e.kind == "created" ?><?cs var:Lang.desk.event.created ?><?cs
        elif:e.kind == "status" ?><?cs var:Lang.desk.event.status ?> <?cs call:status_badge(e.from_status) ?> → <?cs call:status_badge(e.to_status) ?><?cs
        elif:e.kind == "assign" ?><?cs var:Lang.desk.event.assign ?> <?cs var:e.department ?><?cs if:e.assignee ?> · <?cs var:e.assignee ?><?cs /if ?><?cs if:e.from_status != e.to_status ?> <?cs call:status_badge(e.from_status) ?> → <?cs call:status_badge(e.to_status) ?><?cs /if ?><?cs
        elif:e.kind == "comment" ?><?cs var:Lang.desk.event.comment ?><?cs
        elif:e.kind == "note" ?><?cs var:Lang.desk.event.note ?><?cs
        elif:e.kind == "attachment" ?><?cs var:Lang.desk.event.attachment ?> <?cs var:e.body ?><?cs
        elif:e.kind == "part" ?><?cs var:Lang.desk.event.part ?> <?cs var:e.body ?><?cs
        elif:e.kind == "edit" ?><?cs var:Lang.desk.event.edit ?><?cs
        elif:e.kind == "link" ?><?cs var:Lang.desk.event.link ?> <a href="/tickets/<?cs var:e.other_id ?>"><?cs var:e.other_number ?></a> (<?cs alt:Lang.desk.link[e.link_kind] ?><?cs var:e.link_kind ?><?cs /alt ?>)<?cs
        elif:e.kind == "merge" ?><?cs if:e.from_status ?><?cs var:Lang.desk.event.merged_into ?><?cs else ?><?cs var:Lang.desk.event.merged_from ?><?cs /if ?> <a href="/tickets/<?cs var:e.other_id ?>"><?cs var:e.other_number ?></a><?cs
        else ?><?cs var:e.kind ?><?cs /if ?>
        <?cs if:e.public == "1" ?><span class="badge badge-info"><?cs var:Lang.desk.ticket.public ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.desk.ticket.internal ?></span><?cs /if ?>
      </p>
      <?cs if:e.body && (e.kind == "comment" || e.kind == "note" || e.kind == "status" || e.kind == "assign") ?><p class="timeline-body wrap"><?cs var:e.body ?></p><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>

  <?cs if:Perm.edit == "1" ?>
  <h3 id="comment"><?cs var:Lang.desk.ticket.add_comment ?></h3>
  <form class="form" method="post" action="/tickets/<?cs var:Ticket.id ?>/comments">
    <?cs call:csrf() ?>
    <?cs if:subcount(Canned) > 0 ?>
    <div class="<?cs call:field_class("canned") ?>">
      <label for="f-canned"><?cs var:Lang.desk.ticket.canned ?></label>
      <select id="f-canned" name="canned"<?cs call:field_aria("canned") ?>>
        <option value=""><?cs var:Lang.common.none ?></option>
        <?cs each:c = Canned ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Form.canned ?> selected<?cs /if ?>><?cs var:c.title ?></option><?cs /each ?>
      </select>
      <p class="hint"><?cs var:Lang.desk.ticket.canned_hint ?></p>
      <?cs call:field_error("canned") ?>
    </div>
    <?cs /if ?>
    <div class="<?cs call:field_class("body") ?>">
      <label for="f-body"><?cs var:Lang.desk.ticket.comment_body ?></label>
      <textarea id="f-body" name="body" maxlength="20000"<?cs call:field_aria("body") ?>><?cs if:Form.to == "comment" ?><?cs var:Form.body ?><?cs /if ?></textarea>
      <?cs call:field_error("body") ?>
    </div>
    <fieldset class="checks">
      <legend class="visually-hidden"><?cs var:Lang.desk.ticket.visibility ?></legend>
      <label class="check"><input type="radio" name="public" value="0"<?cs if:Form.public != "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.ticket.as_note ?></label>
      <label class="check"><input type="radio" name="public" value="1"<?cs if:Form.public == "1" && Form.to == "comment" ?> checked<?cs /if ?>> <?cs var:Lang.desk.ticket.as_comment ?></label>
    </fieldset>
    <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.desk.ticket.add_comment ?></button></div>
  </form>
  <?cs /if ?>
</section>
</div>

<div class="stack">
<?cs if:subcount(Actions) > 0 ?>
<section class="card" id="actions">
  <h2><?cs var:Lang.desk.ticket.actions ?></h2>
  <?cs each:a = Actions ?>
  <details class="action"<?cs if:Form.to == a.to ?> open<?cs /if ?>>
    <summary><?cs var:Lang.ticket.action[a.to] ?></summary>
    <form class="form" method="post" action="/tickets/<?cs var:Ticket.id ?>/transition">
      <?cs call:csrf() ?>
      <input type="hidden" name="to" value="<?cs var:a.to ?>">
      <input type="hidden" name="version" value="<?cs var:Ticket.version ?>">
      <?cs if:a.to == "dispatched" ?>
      <div class="<?cs if:Form.to == a.to ?><?cs call:field_class("department_id") ?><?cs else ?>field<?cs /if ?>">
        <label for="f-<?cs var:a.to ?>-department"><?cs var:Lang.desk.col.department ?></label>
        <select id="f-<?cs var:a.to ?>-department" name="department_id">
          <option value=""><?cs var:Lang.desk.ticket.keep_department ?></option>
          <?cs each:d = Departments ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Ticket.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
        </select>
        <?cs if:Form.to == a.to ?><?cs call:field_error("department_id") ?><?cs /if ?>
      </div>
      <div class="<?cs if:Form.to == a.to ?><?cs call:field_class("assignee_id") ?><?cs else ?>field<?cs /if ?>">
        <label for="f-<?cs var:a.to ?>-assignee"><?cs var:Lang.desk.col.assignee ?></label>
        <select id="f-<?cs var:a.to ?>-assignee" name="assignee_id">
          <option value=""><?cs var:Lang.desk.ticket.no_assignee ?></option>
          <?cs each:s = Assignees ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Ticket.assignee_id ?> selected<?cs /if ?>><?cs var:s.name ?><?cs if:s.department ?> · <?cs var:s.department ?><?cs /if ?></option><?cs /each ?>
        </select>
        <?cs if:Form.to == a.to ?><?cs call:field_error("assignee_id") ?><?cs /if ?>
      </div>
      <?cs /if ?>
      <?cs if:a.to == "pending" ?>
      <div class="<?cs if:Form.to == a.to ?><?cs call:field_class("resume_at") ?><?cs else ?>field<?cs /if ?>">
        <label for="f-<?cs var:a.to ?>-resume"><?cs var:Lang.desk.ticket.resume_at ?><?cs call:req_mark() ?></label>
        <input id="f-<?cs var:a.to ?>-resume" name="resume_at" type="datetime-local" required value="<?cs if:Form.to == a.to ?><?cs var:Form.resume_at ?><?cs /if ?>">
        <?cs if:Form.to == a.to ?><?cs call:field_error("resume_at") ?><?cs /if ?>
      </div>
      <?cs /if ?>
      <?cs if:a.to == "closed" ?>
      <fieldset class="checks<?cs if:Form.to == a.to && ?Form.Error.satisfaction ?> has-error<?cs /if ?>">
        <legend><?cs var:Lang.desk.ticket.satisfaction ?><?cs call:req_mark() ?></legend>
        <div class="badges">
        <?cs loop:n = 5, 1, -1 ?><label class="check"><input type="radio" name="satisfaction" value="<?cs var:n ?>" required<?cs if:Form.to == a.to && Form.satisfaction == n ?> checked<?cs /if ?>> <?cs var:Lang.desk.score[n] ?></label><?cs /loop ?>
        </div>
        <?cs if:Form.to == a.to ?><?cs call:field_error("satisfaction") ?><?cs /if ?>
      </fieldset>
      <?cs /if ?>
      <?cs set:need_reason = a.to == "pending" || a.to == "declined" || a.to == "cancelled" || a.to == "reopened" ?>
      <div class="<?cs if:Form.to == a.to ?><?cs call:field_class("note") ?><?cs else ?>field<?cs /if ?>">
        <label for="f-<?cs var:a.to ?>-note"><?cs if:a.to == "closed" ?><?cs var:Lang.desk.ticket.visit_comment ?><?cs elif:need_reason ?><?cs var:Lang.desk.ticket.reason ?><?cs call:req_mark() ?><?cs else ?><?cs var:Lang.desk.ticket.note ?><?cs /if ?></label>
        <textarea id="f-<?cs var:a.to ?>-note" name="note" maxlength="2000"<?cs if:need_reason ?> required<?cs /if ?>><?cs if:Form.to == a.to ?><?cs var:Form.note ?><?cs /if ?></textarea>
        <?cs if:Form.to == a.to ?><?cs call:field_error("note") ?><?cs /if ?>
      </div>
      <label class="check"><input type="checkbox" name="public" value="1"<?cs if:Form.to == a.to && Form.public == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.ticket.note_public ?></label>
      <div class="form-actions"><button type="submit" class="btn <?cs if:a.to == "cancelled" ?>btn-danger<?cs else ?>btn-primary<?cs /if ?>"><?cs var:Lang.ticket.action[a.to] ?></button></div>
    </form>
  </details>
  <?cs /each ?>
</section>
<?cs /if ?>

<section class="card" id="attachments">
  <h2><?cs var:Lang.desk.ticket.attachments ?> (<?cs var:subcount(Attachments) ?>)</h2>
  <?cs if:subcount(Attachments) > 0 ?>
  <ul class="attachments">
    <?cs each:f = Attachments ?>
    <li>
      <?cs if:f.is_image == "1" ?><a href="/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><img src="/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>" alt="<?cs var:f.filename ?>" width="160" loading="lazy"></a><br><?cs /if ?>
      <a href="/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><?cs var:f.filename ?></a>
      <span class="muted"><?cs var:f.mime ?> · <?cs var:f.size ?> B · <?cs var:f.created_at ?><?cs if:f.uploader ?> · <?cs var:f.uploader ?><?cs /if ?></span>
    </li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:Lang.common.empty ?></p><?cs /if ?>
  <?cs if:Perm.edit == "1" ?>
  <form class="form" method="post" action="/tickets/<?cs var:Ticket.id ?>/attachments" enctype="multipart/form-data">
    <?cs call:csrf() ?>
    <div class="<?cs call:field_class("file") ?>">
      <label for="f-file"><?cs var:Lang.desk.ticket.upload ?></label>
      <input id="f-file" name="file" type="file" multiple accept="image/*,video/*,application/pdf"<?cs call:field_aria("file") ?>>
      <p class="hint"><?cs var:Lang.desk.ticket.upload_hint ?></p>
      <?cs call:field_error("file") ?>
    </div>
    <div class="form-actions"><button type="submit" class="btn"><?cs var:Lang.desk.ticket.upload ?></button></div>
  </form>
  <?cs /if ?>
</section>

<?cs if:Perm.message_view == "1" ?>
<section class="card" id="messages">
  <h2><?cs var:Lang.message.ticket.title ?> <a class="btn btn-sm btn-link" href="/messages?ticket=<?cs var:Ticket.id ?>"><?cs var:Lang.message.ticket.all ?></a></h2>
  <?cs if:subcount(Messages) > 0 ?>
  <div class="table-wrap"><table class="table messages">
    <thead><tr>
      <th scope="col"><?cs var:Lang.message.col.created_at ?></th>
      <th scope="col"><?cs var:Lang.message.col.channel ?></th>
      <th scope="col"><?cs var:Lang.message.col.recipient ?></th>
      <th scope="col"><?cs var:Lang.message.col.text ?></th>
      <th scope="col"><?cs var:Lang.message.col.status ?></th>
      <th scope="col" class="num"><?cs var:Lang.message.col.attempts ?></th>
      <th scope="col"><?cs var:Lang.message.col.last_error ?></th>
    </tr></thead>
    <tbody><?cs each:m = Messages ?>
      <tr data-id="<?cs var:m.id ?>">
        <td class="nowrap"><?cs var:m.created_at ?></td>
        <td><?cs call:msg_channel(m.channel) ?> <span class="muted"><?cs alt:m.sender ?><?cs call:msg_event(m.event) ?><?cs /alt ?></span></td>
        <td class="nowrap"><?cs var:m.recipient ?></td>
        <td class="wrap"><?cs if:m.subject ?><strong><?cs var:m.subject ?></strong><br><?cs /if ?><?cs var:m.body ?></td>
        <td><?cs call:msg_status(m.status) ?></td>
        <td class="num"><?cs var:m.attempts ?></td>
        <td class="wrap"><?cs var:m.last_error ?></td>
      </tr>
    <?cs /each ?></tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:subcount(Parts) > 0 ?>
<section class="card">
  <h2><?cs var:Lang.desk.ticket.parts ?></h2>
  <ul>
    <?cs each:p = Parts ?><li><?cs var:p.name ?> × <?cs var:p.quantity ?> <?cs var:p.unit ?> <span class="muted"><?cs var:p.staff ?> · <?cs var:p.created_at ?></span></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="card" id="links">
  <h2><?cs var:Lang.desk.ticket.links ?></h2>
  <?cs if:subcount(Links) > 0 ?>
  <ul>
    <?cs each:l = Links ?><li><a href="/tickets/<?cs var:l.id ?>"><?cs var:l.number ?></a> <?cs call:status_badge(l.status) ?> <?cs var:l.title ?> <span class="badge badge-muted"><?cs alt:Lang.desk.link[l.kind] ?><?cs var:l.kind ?><?cs /alt ?></span></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <?cs if:Perm.edit == "1" && !Ticket.merged_into_id ?>
  <form class="form" method="post" action="/tickets/<?cs var:Ticket.id ?>/links">
    <?cs call:csrf() ?>
    <div class="field-row">
      <div class="<?cs call:field_class("other") ?>">
        <label for="f-other"><?cs var:Lang.desk.ticket.other_number ?></label>
        <input id="f-other" name="other" value="<?cs if:Form.to == "link" ?><?cs var:Form.other ?><?cs /if ?>" required maxlength="16" placeholder="20261121-0042"<?cs call:field_aria("other") ?>>
        <?cs call:field_error("other") ?>
      </div>
      <div class="<?cs call:field_class("kind") ?>">
        <label for="f-kind"><?cs var:Lang.desk.ticket.link_kind ?></label>
        <select id="f-kind" name="kind"<?cs call:field_aria("kind") ?>>
          <option value="related"<?cs if:Form.kind == "related" ?> selected<?cs /if ?>><?cs var:Lang.desk.link.related ?></option>
          <option value="duplicate"<?cs if:Form.kind == "duplicate" ?> selected<?cs /if ?>><?cs var:Lang.desk.link.duplicate ?></option>
          <option value="merge"<?cs if:Form.kind == "merge" ?> selected<?cs /if ?>><?cs var:Lang.desk.link.merge ?></option>
        </select>
        <?cs call:field_error("kind") ?>
      </div>
    </div>
    <p class="hint"><?cs var:Lang.desk.ticket.merge_hint ?></p>
    <div class="form-actions"><button type="submit" class="btn"><?cs var:Lang.desk.ticket.link ?></button></div>
  </form>
  <?cs /if ?>
</section>

<?cs if:Perm.edit == "1" ?>
<section class="card" id="edit">
  <details<?cs if:Form.to == "edit" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.desk.ticket.edit ?></summary>
    <form class="form" method="post" action="/tickets/<?cs var:Ticket.id ?>">
      <?cs call:csrf() ?>
      <input type="hidden" name="version" value="<?cs var:Form.version ?>">
      <div class="<?cs call:field_class("title") ?>">
        <label for="f-title"><?cs var:Lang.desk.col.title ?><?cs call:req_mark() ?></label>
        <input id="f-title" name="title" value="<?cs var:Form.title ?>" required maxlength="200"<?cs call:field_aria("title") ?>>
        <?cs call:field_error("title") ?>
      </div>
      <div class="<?cs call:field_class("description") ?>">
        <label for="f-description"><?cs var:Lang.desk.new.description ?></label>
        <textarea id="f-description" name="description" maxlength="20000"<?cs call:field_aria("description") ?>><?cs var:Form.description ?></textarea>
        <?cs call:field_error("description") ?>
      </div>
      <div class="field-row">
        <div class="<?cs call:field_class("priority") ?>">
          <label for="f-priority"><?cs var:Lang.desk.col.priority ?></label>
          <select id="f-priority" name="priority"<?cs call:field_aria("priority") ?>>
            <?cs loop:p = 1, 4, 1 ?><option value="<?cs var:p ?>"<?cs if:p == Form.priority ?> selected<?cs /if ?>><?cs var:Lang.ticket.priority[p] ?></option><?cs /loop ?>
          </select>
          <?cs call:field_error("priority") ?>
        </div>
        <div class="<?cs call:field_class("appointment_at") ?>">
          <label for="f-appointment_at"><?cs var:Lang.desk.new.appointment ?></label>
          <input id="f-appointment_at" name="appointment_at" type="datetime-local" value="<?cs var:Form.appointment_at ?>"<?cs call:field_aria("appointment_at") ?>>
          <?cs call:field_error("appointment_at") ?>
        </div>
      </div>
      <label class="check"><input type="checkbox" name="emergency" value="1"<?cs if:Form.emergency == "1" ?> checked<?cs /if ?>> <?cs var:Lang.desk.emergency ?></label>
      <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button></div>
    </form>
  </details>
</section>
<?cs /if ?>
</div>
</div>
