<?cs # portal/home.cs — the resident's start page.
Reads: Resident.name, Households.N.{id,community,building,unit,room,relation},
       Tickets.N.{id,number,title,status,created_at,satisfaction}, CSRF, Lang.portal.*. ?>
<?cs include:"portal/macros.cs" ?>
<?cs call:portal_bar() ?>
<div class="page-head"><h1><?cs var:Lang.portal.hello ?><?cs var:Resident.name ?></h1></div>
<section class="card" aria-labelledby="p-households">
  <h2 id="p-households"><?cs var:Lang.portal.households ?></h2>
  <?cs if:subcount(Households) > 0 ?>
  <ul class="portal-list">
    <?cs each:h = Households ?>
    <li><span><?cs call:address(h) ?></span> <a class="btn btn-sm" href="/portal/report?household=<?cs var:h.id ?>"><?cs var:Lang.portal.report_here ?></a></li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="empty"><?cs var:Lang.portal.no_households ?></p><?cs /if ?>
</section>
<section class="card" aria-labelledby="p-tickets">
  <h2 id="p-tickets"><?cs var:Lang.portal.tickets ?></h2>
  <?cs if:subcount(Tickets) > 0 ?>
  <ul class="portal-list">
    <?cs each:t = Tickets ?>
    <li><a href="/portal/tickets/<?cs var:t.id ?>"><?cs var:t.title ?></a> <span class="badge badge-info"><?cs alt:Lang.portal.status_name[t.status] ?><?cs var:t.status ?><?cs /alt ?></span><br><span class="muted"><?cs var:t.number ?> · <?cs var:t.created_at ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="empty"><?cs var:Lang.portal.no_tickets ?></p><?cs /if ?>
</section>
