<?cs # crm/resident.cs — one resident: tags and level first, phones, households, note,
work orders and calls, residents merged into this one.
Reads: Resident.{id,name,gender,level,level_label,category_label,preferred_channel,email,note,
       version,created_at,updated_at}, Tags.N.{label,class}, Phones.N.{phone,kind,is_primary},
       Households.N.{id,community,building,unit,room,area_m2,heating_status,relation},
       Tickets.N.{id,number,title,status,status_label,emergency,satisfaction,created_at},
       Calls.N.{started_at,direction,caller,disposition,rating,agent,talk_seconds},
       Merged.N.{id,name}, Can.{edit,properties,tickets}, Lang.crm.res.*, Lang.crm.rel.*,
       Lang.crm.heating.*, Lang.crm.channel.*, Lang.crm.gender.*, Lang.crm.call.*,
       Lang.common.{edit,back,none,empty}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:Resident.name ?> <?cs call:level_badge(Resident.level, Resident.level_label) ?></h1>
    <?cs if:subcount(Tags) > 0 ?>
    <p class="badges" aria-label="<?cs var:Lang.crm.res.tags ?>"><?cs each:t = Tags ?><span class="badge <?cs var:t.class ?>"><?cs var:t.label ?></span><?cs /each ?></p>
    <?cs /if ?>
  </div>
  <div class="page-actions">
    <a class="btn btn-link" href="/crm/residents"><?cs var:Lang.common.back ?></a>
    <?cs if:Can.tickets ?><a class="btn" href="/tickets/new?resident=<?cs var:Resident.id ?><?cs if:subcount(Households) > 0 ?>&amp;household=<?cs var:Households.0.id ?><?cs /if ?><?cs if:subcount(Phones) > 0 ?>&amp;phone=<?cs var:Phones.0.phone ?><?cs /if ?>"><?cs var:Lang.crm.res.new_ticket ?></a><?cs /if ?>
    <?cs if:Can.edit ?>
    <a class="btn" href="/crm/residents/<?cs var:Resident.id ?>/merge"><?cs var:Lang.crm.res.merge ?></a>
    <a class="btn btn-primary" href="/crm/residents/<?cs var:Resident.id ?>/edit"><?cs var:Lang.common.edit ?></a>
    <?cs /if ?>
  </div>
</div>

<div class="cols">
<section class="card">
  <h2><?cs var:Lang.crm.res.profile ?></h2>
  <dl class="meta">
    <div><dt><?cs var:Lang.crm.res.phones ?></dt><dd><?cs each:p = Phones ?><a href="tel:<?cs var:p.phone ?>"><?cs var:p.phone ?></a><?cs if:p.kind == "landline" ?> <span class="muted">(<?cs var:Lang.crm.res.landline ?>)</span><?cs /if ?><?cs if:!last(p) ?><br><?cs /if ?><?cs /each ?><?cs if:subcount(Phones) == 0 ?><span class="muted"><?cs var:Lang.common.none ?></span><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.category ?></dt><dd><?cs alt:Resident.category_label ?><span class="muted"><?cs var:Lang.common.none ?></span><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.level ?></dt><dd><?cs alt:Resident.level_label ?><?cs var:Resident.level ?><?cs /alt ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.channel ?></dt><dd><?cs var:Lang.crm.channel[Resident.preferred_channel] ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.gender ?></dt><dd><?cs if:Resident.gender == "M" ?><?cs var:Lang.crm.gender.M ?><?cs elif:Resident.gender == "F" ?><?cs var:Lang.crm.gender.F ?><?cs else ?><span class="muted"><?cs var:Lang.crm.gender.unknown ?></span><?cs /if ?></dd></div>
    <?cs if:Resident.email ?><div><dt><?cs var:Lang.crm.res.email ?></dt><dd><?cs var:Resident.email ?></dd></div><?cs /if ?>
    <div><dt><?cs var:Lang.crm.res.created ?></dt><dd><?cs var:Resident.created_at ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.updated ?></dt><dd><?cs var:Resident.updated_at ?></dd></div>
  </dl>
  <?cs if:Resident.note ?>
  <h3><?cs var:Lang.crm.res.note ?></h3>
  <p class="wrap"><?cs var:Resident.note ?></p>
  <?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.res.households ?></h2>
  <?cs if:subcount(Households) > 0 ?>
  <div class="table-wrap">
  <table class="table">
    <thead><tr>
      <th scope="col"><?cs var:Lang.crm.res.address ?></th>
      <th scope="col"><?cs var:Lang.crm.res.relation ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.area ?></th>
      <th scope="col"><?cs var:Lang.crm.prop.heating ?></th>
    </tr></thead>
    <tbody>
    <?cs each:h = Households ?>
    <tr>
      <td><?cs if:Can.properties ?><a href="/crm/properties/households/<?cs var:h.id ?>"><?cs /if ?><?cs var:h.community ?> <?cs var:h.building ?> <?cs var:h.unit ?> <?cs var:h.room ?><?cs if:Can.properties ?></a><?cs /if ?></td>
      <td><?cs call:relation(h.relation) ?></td>
      <td class="num"><?cs var:h.area_m2 ?></td>
      <td><?cs call:heating(h.heating_status) ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="empty"><?cs var:Lang.crm.res.no_households ?></p>
  <?cs /if ?>
</section>
</div>

<section class="card">
  <h2><?cs var:Lang.crm.res.tickets ?></h2>
  <?cs if:subcount(Tickets) > 0 ?>
  <div class="table-wrap">
  <table class="table">
    <thead><tr>
      <th scope="col"><?cs var:Lang.crm.res.ticket_number ?></th>
      <th scope="col"><?cs var:Lang.crm.res.ticket_title ?></th>
      <th scope="col"><?cs var:Lang.crm.res.ticket_status ?></th>
      <th scope="col"><?cs var:Lang.crm.res.satisfaction ?></th>
      <th scope="col"><?cs var:Lang.crm.res.ticket_created ?></th>
    </tr></thead>
    <tbody>
    <?cs each:t = Tickets ?>
    <tr>
      <td><?cs if:Can.tickets ?><a href="/tickets/<?cs var:t.id ?>"><?cs var:t.number ?></a><?cs else ?><?cs var:t.number ?><?cs /if ?><?cs if:t.emergency == "1" ?> <span class="badge badge-danger"><?cs var:Lang.crm.res.emergency ?></span><?cs /if ?></td>
      <td class="wrap"><?cs var:t.title ?></td>
      <td><span class="badge badge-info"><?cs var:t.status_label ?></span></td>
      <td><?cs var:t.satisfaction ?></td>
      <td><?cs var:t.created_at ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="empty"><?cs var:Lang.common.empty ?></p>
  <?cs /if ?>
</section>

<section class="card">
  <h2><?cs var:Lang.crm.res.calls ?></h2>
  <?cs if:subcount(Calls) > 0 ?>
  <div class="table-wrap">
  <table class="table">
    <thead><tr>
      <th scope="col"><?cs var:Lang.crm.call.started ?></th>
      <th scope="col"><?cs var:Lang.crm.call.direction ?></th>
      <th scope="col"><?cs var:Lang.crm.call.number ?></th>
      <th scope="col"><?cs var:Lang.crm.call.result ?></th>
      <th scope="col"><?cs var:Lang.crm.call.agent ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.call.seconds ?></th>
      <th scope="col"><?cs var:Lang.crm.call.rating ?></th>
    </tr></thead>
    <tbody>
    <?cs each:c = Calls ?>
    <tr>
      <td><?cs var:c.started_at ?></td>
      <td><?cs if:c.direction == "out" ?><?cs var:Lang.crm.call.out ?><?cs else ?><?cs var:Lang.crm.call.in ?><?cs /if ?></td>
      <td><?cs var:c.caller ?></td>
      <td><?cs alt:Lang.crm.call.disposition[c.disposition] ?><?cs var:c.disposition ?><?cs /alt ?></td>
      <td><?cs var:c.agent ?></td>
      <td class="num"><?cs var:c.talk_seconds ?></td>
      <td><?cs var:c.rating ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="empty"><?cs var:Lang.common.empty ?></p>
  <?cs /if ?>
</section>

<?cs if:subcount(Merged) > 0 ?>
<section class="card">
  <h2><?cs var:Lang.crm.res.merged ?></h2>
  <p class="muted"><?cs var:Lang.crm.res.merged_hint ?></p>
  <ul>
    <?cs each:m = Merged ?><li><?cs var:m.name ?> <span class="muted">#<?cs var:m.id ?></span></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>
