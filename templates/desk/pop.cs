<?cs # desk/pop.cs — the screen pop: search box; several residents to choose from; an unknown
caller with the quick-create form; or one resident with tags, households, work orders,
calls, satisfaction and the agent who served them last.
Reads: Pop.{Query,Phone,Unknown,NewHref}, Form.{name,phone,note}, Form.Error.{phone,name,note},
       Choices.N.{id,name,level,level_label,households,Tags.M.{code,label}},
       Resident.{id,name,gender,level,level_label,category_label,note,preferred_channel,phones,
       Tags.M.{code,label}}, Households.N.{household_id,relation,community,building,unit,room,
       heating_status}, Open.N.{id,number,status,title,emergency,created_at,resolve_due_at,
       overdue}, Recent.N.{id,number,status,title,type,created_at,satisfaction,created_by},
       Calls.N.{id,direction,caller,started_at,disposition,rating,ticket_id,agent},
       Score.Ticket.{id,number,satisfaction,closed_at}, Score.Call.{rating,started_at},
       LastAgent.{name,at,via}, Perm.{crm,message_send,meal}, User.PopPoll (click-to-dial), Lang.agentbar.dial, CSRF, Lang.desk.pop.*, Lang.desk.relation.*, Lang.desk.channel.*,
       Lang.desk.heating.*, Lang.desk.call.*, Lang.desk.col.*, Lang.ticket.status.*,
       Lang.common.{search,required_note,empty,none}. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"desk/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.pop.title ?></h1>
</div>

<div class="toolbar">
  <form method="get" action="/pop" role="search">
    <label class="visually-hidden" for="f-pop-phone"><?cs var:Lang.desk.pop.phone ?></label>
    <input id="f-pop-phone" name="phone" type="search" inputmode="tel" value="<?cs var:Pop.Query ?>" maxlength="64" placeholder="<?cs var:Lang.desk.pop.phone_hint ?>"<?cs call:field_aria("phone") ?>>
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.search ?></button>
  </form>
</div>
<?cs call:field_error("phone") ?>

<?cs if:Pop.Unknown ?>
<section class="card">
  <h2><?cs var:Lang.desk.pop.unknown ?></h2>
  <p><?cs var:Lang.desk.pop.unknown_text ?> <strong><?cs var:Pop.Phone ?></strong></p>
  <form class="form" method="post" action="/pop/resident">
    <?cs call:csrf() ?>
    <p class="form-note"><?cs var:Lang.common.required_note ?></p>
    <div class="field-row">
      <div class="<?cs call:field_class("name") ?>">
        <label for="f-name"><?cs var:Lang.desk.pop.name ?><?cs call:req_mark() ?></label>
        <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
        <?cs call:field_error("name") ?>
      </div>
      <div class="<?cs call:field_class("phone") ?>">
        <label for="f-phone"><?cs var:Lang.desk.pop.phone ?><?cs call:req_mark() ?></label>
        <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" required maxlength="32"<?cs call:field_aria("phone") ?>>
      </div>
    </div>
    <div class="<?cs call:field_class("note") ?>">
      <label for="f-note"><?cs var:Lang.desk.pop.note ?></label>
      <textarea id="f-note" name="note" maxlength="2000"<?cs call:field_aria("note") ?>><?cs var:Form.note ?></textarea>
      <?cs call:field_error("note") ?>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.desk.pop.create ?></button>
      <a class="btn" href="/tickets/new?phone=<?cs escape:"url" ?><?cs var:Pop.Phone ?><?cs /escape ?>"><?cs var:Lang.desk.pop.new_ticket_only ?></a>
      <?cs if:Perm.meal == "1" ?><a class="btn" id="pop-meal-new" href="/meal/order?phone=<?cs escape:"url" ?><?cs var:Pop.Phone ?><?cs /escape ?>"><?cs var:Lang.desk.pop.meal_new ?></a><?cs /if ?>
    </div>
  </form>
</section>

<?cs elif:subcount(Choices) > 0 ?>
<section class="card">
  <h2><?cs var:Lang.desk.pop.choose ?></h2>
  <div class="table-wrap">
  <table class="table">
    <thead><tr>
      <th scope="col"><?cs var:Lang.desk.pop.name ?></th>
      <th scope="col"><?cs var:Lang.desk.pop.level ?></th>
      <th scope="col"><?cs var:Lang.desk.pop.tags ?></th>
      <th scope="col"><?cs var:Lang.desk.pop.households ?></th>
      <th scope="col"><span class="visually-hidden"><?cs var:Lang.common.actions ?></span></th>
    </tr></thead>
    <tbody>
      <?cs each:c = Choices ?>
      <tr>
        <td><a href="/pop?phone=<?cs escape:"url" ?><?cs var:Pop.Phone ?><?cs /escape ?>&amp;resident=<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
        <td><?cs if:c.level == "vip" ?><span class="badge badge-accent"><?cs var:c.level_label ?></span><?cs else ?><?cs var:c.level_label ?><?cs /if ?></td>
        <td><span class="badges"><?cs each:t = c.Tags ?><?cs call:tag_badge(t.code, t.label) ?> <?cs /each ?></span></td>
        <td class="wrap"><?cs var:c.households ?></td>
        <td class="actions"><a class="btn btn-sm btn-primary" href="/pop?phone=<?cs escape:"url" ?><?cs var:Pop.Phone ?><?cs /escape ?>&amp;resident=<?cs var:c.id ?>"><?cs var:Lang.desk.pop.this_one ?></a></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>

<?cs elif:Resident.id ?>
<div class="stack">
<section class="card pop-head">
  <div class="page-head">
    <div>
      <p class="eyebrow"><?cs var:Lang.desk.pop.caller ?><?cs if:Pop.Phone ?> · <?cs var:Pop.Phone ?><?cs /if ?></p>
      <h2 class="pop-name"><?cs var:Resident.name ?>
        <?cs if:Resident.level == "vip" ?><span class="badge badge-accent"><?cs var:Resident.level_label ?></span><?cs /if ?></h2>
    </div>
    <div class="page-actions">
      <a class="btn btn-primary" href="<?cs var:Pop.NewHref ?><?cs if:subcount(Households) == 1 ?>&amp;household=<?cs var:Households.0.household_id ?><?cs /if ?>"><?cs var:Lang.desk.pop.new_ticket ?></a>
      <?cs if:Perm.meal == "1" ?><a class="btn" id="pop-meal" href="/meal/order?resident=<?cs var:Resident.id ?>"><?cs var:Lang.desk.pop.meal_order ?></a><?cs /if ?>
      <?cs if:Perm.crm == "1" ?><a class="btn" href="/crm/residents/<?cs var:Resident.id ?>"><?cs var:Lang.desk.pop.profile ?></a><?cs /if ?>
      <?cs if:Perm.message_send == "1" ?><a class="btn" href="/messages/new?resident=<?cs var:Resident.id ?>"><?cs var:Lang.message.one.send_sms ?></a><?cs /if ?>
      <?cs if:User.PopPoll == "1" && Pop.Phone ?><form method="post" action="/agent/dial"><?cs call:csrf() ?>
        <input type="hidden" name="number" value="<?cs var:Pop.Phone ?>">
        <input type="hidden" name="back" value="/pop?phone=<?cs escape:"url" ?><?cs var:Pop.Phone ?><?cs /escape ?>&amp;resident=<?cs var:Resident.id ?>">
        <button type="submit" class="btn"><?cs var:Lang.agentbar.dial ?> <?cs var:Pop.Phone ?></button>
      </form><?cs /if ?>
    </div>
  </div>
  <?cs if:subcount(Resident.Tags) > 0 ?>
  <div class="alert alert-warn" role="note">
    <strong><?cs var:Lang.desk.pop.tags ?>：</strong>
    <span class="badges"><?cs each:t = Resident.Tags ?><?cs call:tag_badge(t.code, t.label) ?> <?cs /each ?></span>
  </div>
  <?cs /if ?>
  <dl class="meta">
    <div><dt><?cs var:Lang.desk.pop.level ?></dt><dd><?cs alt:Resident.level_label ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.pop.category ?></dt><dd><?cs alt:Resident.category_label ?><?cs var:Lang.common.none ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.pop.phones ?></dt><dd><?cs var:Resident.phones ?></dd></div>
    <div><dt><?cs var:Lang.desk.pop.channel ?></dt><dd><?cs alt:Lang.desk.channel[Resident.preferred_channel] ?><?cs var:Resident.preferred_channel ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.desk.pop.last_agent ?></dt><dd><?cs if:LastAgent.name ?><?cs var:LastAgent.name ?> <span class="muted"><?cs var:LastAgent.at ?> · <?cs var:Lang.desk.pop.via[LastAgent.via] ?></span><?cs else ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.desk.pop.satisfaction ?></dt><dd><?cs if:Score.Ticket.satisfaction ?><?cs var:Lang.desk.pop.score_ticket ?> <strong><?cs var:Score.Ticket.satisfaction ?>/5</strong> <span class="muted"><?cs var:Score.Ticket.closed_at ?></span><?cs /if ?><?cs if:Score.Call.rating ?><?cs if:Score.Ticket.satisfaction ?> · <?cs /if ?><?cs var:Lang.desk.pop.score_call ?> <strong><?cs var:Score.Call.rating ?>/5</strong> <span class="muted"><?cs var:Score.Call.started_at ?></span><?cs /if ?><?cs if:!Score.Ticket.satisfaction && !Score.Call.rating ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
  </dl>
  <?cs if:Resident.note ?><p class="muted"><?cs var:Resident.note ?></p><?cs /if ?>
</section>

<div class="cols">
<div>
  <h2 class="section-title"><?cs var:Lang.desk.pop.open ?> (<?cs var:subcount(Open) ?>)</h2>
  <?cs if:subcount(Open) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.col.number ?></th><th scope="col"><?cs var:Lang.desk.col.status ?></th><th scope="col"><?cs var:Lang.desk.col.title ?></th><th scope="col"><?cs var:Lang.desk.col.due ?></th></tr></thead>
    <tbody>
      <?cs each:t = Open ?>
      <tr<?cs if:t.overdue == "1" ?> class="overdue"<?cs /if ?>>
        <td class="nowrap"><a href="/tickets/<?cs var:t.id ?>"><?cs var:t.number ?></a></td>
        <td><?cs call:status_badge(t.status) ?> <?cs call:emergency_badge(t.emergency) ?></td>
        <td class="wrap"><?cs var:t.title ?></td>
        <td class="nowrap"><?cs var:t.resolve_due_at ?> <?cs call:overdue_badge(t.overdue) ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.desk.pop.no_open ?></p><?cs /if ?>

  <h2 class="section-title"><?cs var:Lang.desk.pop.recent ?></h2>
  <?cs if:subcount(Recent) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.col.number ?></th><th scope="col"><?cs var:Lang.desk.col.type ?></th><th scope="col"><?cs var:Lang.desk.col.status ?></th><th scope="col"><?cs var:Lang.desk.col.created ?></th><th scope="col"><?cs var:Lang.desk.col.satisfaction ?></th></tr></thead>
    <tbody>
      <?cs each:t = Recent ?>
      <tr>
        <td class="nowrap"><a href="/tickets/<?cs var:t.id ?>"><?cs var:t.number ?></a></td>
        <td><?cs var:t.type ?></td>
        <td><?cs call:status_badge(t.status) ?></td>
        <td class="nowrap"><?cs var:t.created_at ?></td>
        <td class="num"><?cs if:t.satisfaction ?><?cs var:t.satisfaction ?>/5<?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>

  <h2 class="section-title"><?cs var:Lang.desk.pop.calls ?></h2>
  <?cs if:subcount(Calls) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.desk.call.started ?></th><th scope="col"><?cs var:Lang.desk.call.direction ?></th><th scope="col"><?cs var:Lang.desk.call.number ?></th><th scope="col"><?cs var:Lang.desk.call.disposition ?></th><th scope="col"><?cs var:Lang.desk.call.agent ?></th><th scope="col"><?cs var:Lang.desk.call.rating ?></th></tr></thead>
    <tbody>
      <?cs each:c = Calls ?>
      <tr>
        <td class="nowrap"><?cs var:c.started_at ?></td>
        <td><?cs alt:Lang.desk.call.dir[c.direction] ?><?cs var:c.direction ?><?cs /alt ?></td>
        <td><?cs var:c.caller ?></td>
        <td><?cs alt:Lang.desk.call.disp[c.disposition] ?><?cs var:c.disposition ?><?cs /alt ?></td>
        <td><?cs var:c.agent ?></td>
        <td class="num"><?cs if:c.rating ?><?cs var:c.rating ?>/5<?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
</div>

<div>
  <section class="card">
    <h2><?cs var:Lang.desk.pop.households ?></h2>
    <?cs if:subcount(Households) > 0 ?>
    <ul class="pop-households">
      <?cs each:h = Households ?>
      <li>
        <strong><?cs var:h.community ?> <?cs var:h.building ?> <?cs var:h.unit ?> <?cs var:h.room ?></strong>
        <span class="badge badge-muted"><?cs alt:Lang.desk.relation[h.relation] ?><?cs var:h.relation ?><?cs /alt ?></span>
        <?cs if:h.heating_status == "stopped" ?><span class="badge badge-warn"><?cs var:Lang.desk.heating.stopped ?></span><?cs /if ?>
        <a class="btn btn-sm" href="<?cs var:Pop.NewHref ?>&amp;household=<?cs var:h.household_id ?>"><?cs var:Lang.desk.pop.new_here ?></a>
      </li>
      <?cs /each ?>
    </ul>
    <?cs else ?><p class="muted"><?cs var:Lang.desk.pop.no_households ?></p><?cs /if ?>
  </section>
</div>
</div>
</div>
<?cs /if ?>
