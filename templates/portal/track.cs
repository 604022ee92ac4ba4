<?cs # portal/track.cs — the public tracking page of a work order (/t/<token>).
Reads: Ticket.{number,title,status,type_name,subtype_name,community,building,unit,room,
       created_at,satisfaction}, Events.N.*, Track.{Token,FormToken}, Form.{stars,comment},
       Form.Error.{stars,comment}, CSRF, Lang.portal.*. ?>
<?cs include:"portal/macros.cs" ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Lang.portal.number ?> <?cs var:Ticket.number ?></p>
    <h1><?cs var:Ticket.type_name ?><?cs if:Ticket.subtype_name ?> · <?cs var:Ticket.subtype_name ?><?cs /if ?></h1>
  </div>
</div>
<section class="card">
  <dl class="meta meta-stack">
    <div><dt><?cs var:Lang.portal.address ?></dt><dd><?cs call:address(Ticket) ?></dd></div>
    <div><dt><?cs var:Lang.portal.status ?></dt><dd><?cs alt:Lang.portal.status_name[Ticket.status] ?><?cs var:Ticket.status ?><?cs /alt ?></dd></div>
  </dl>
</section>
<section class="card" aria-labelledby="track-progress">
  <h2 id="track-progress"><?cs var:Lang.portal.progress ?></h2>
  <?cs call:timeline() ?>
</section>
<?cs if:Ticket.satisfaction ?>
<section class="card"><p class="lead"><?cs var:Lang.portal.rated ?> <?cs var:Lang.portal.star[Ticket.satisfaction] ?></p></section>
<?cs elif:Ticket.status == "resolved" ?>
<section class="card" aria-labelledby="track-rate">
  <h2 id="track-rate"><?cs var:Lang.portal.rate_title ?></h2>
  <form class="form" method="post" action="/t/<?cs var:Track.Token ?>/rate">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="_track" value="<?cs var:Track.FormToken ?>">
    <?cs call:stars_field() ?>
    <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.portal.rate_submit ?></button></div>
  </form>
</section>
<?cs /if ?>
