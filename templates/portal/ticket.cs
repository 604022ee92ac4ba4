<?cs # portal/ticket.cs — one of the resident's work orders.
Reads: Ticket.{id,number,title,status,type_name,subtype_name,community,building,unit,room,
       created_at,satisfaction,description,visit_comment}, Events.N.*, Files.N.{id,filename,
       is_image}, Actions.{cancel,rate}, Form.{reason,stars,comment}, Form.Error.{reason,stars,
       comment}, CSRF, Lang.portal.*. ?>
<?cs include:"portal/macros.cs" ?>
<?cs call:portal_bar() ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Lang.portal.number ?> <?cs var:Ticket.number ?></p>
    <h1><?cs var:Ticket.title ?></h1>
    <p><span class="badge badge-info"><?cs alt:Lang.portal.status_name[Ticket.status] ?><?cs var:Ticket.status ?><?cs /alt ?></span></p>
  </div>
</div>
<section class="card">
  <dl class="meta meta-stack">
    <div><dt><?cs var:Lang.portal.type ?></dt><dd><?cs var:Ticket.type_name ?><?cs if:Ticket.subtype_name ?> · <?cs var:Ticket.subtype_name ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.portal.address ?></dt><dd><?cs call:address(Ticket) ?></dd></div>
    <?cs if:Ticket.description ?><div><dt><?cs var:Lang.portal.description ?></dt><dd><?cs var:Ticket.description ?></dd></div><?cs /if ?>
  </dl>
  <?cs if:subcount(Files) > 0 ?>
  <p class="m-thumbs"><?cs each:f = Files ?><?cs if:f.is_image == 1 ?><a href="/portal/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><img src="/portal/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>" alt="<?cs var:f.filename ?>" width="96" loading="lazy"></a> <?cs else ?><a href="/portal/tickets/<?cs var:Ticket.id ?>/attachments/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <?cs /if ?><?cs /each ?></p>
  <?cs /if ?>
</section>
<section class="card" aria-labelledby="p-progress">
  <h2 id="p-progress"><?cs var:Lang.portal.progress ?></h2>
  <?cs call:timeline() ?>
</section>
<?cs if:Ticket.satisfaction ?>
<section class="card"><p class="lead"><?cs var:Lang.portal.rated ?> <?cs var:Lang.portal.star[Ticket.satisfaction] ?></p><?cs if:Ticket.visit_comment ?><p><?cs var:Ticket.visit_comment ?></p><?cs /if ?></section>
<?cs /if ?>
<?cs if:Actions.rate ?>
<section class="card" aria-labelledby="p-rate">
  <h2 id="p-rate"><?cs var:Lang.portal.rate_title ?></h2>
  <form class="form" method="post" action="/portal/tickets/<?cs var:Ticket.id ?>/rate">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <?cs call:stars_field() ?>
    <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.portal.rate_submit ?></button></div>
  </form>
</section>
<?cs /if ?>
<?cs if:Actions.cancel ?>
<section class="card" aria-labelledby="p-cancel">
  <h2 id="p-cancel"><?cs var:Lang.portal.cancel_title ?></h2>
  <form class="form" method="post" action="/portal/tickets/<?cs var:Ticket.id ?>/cancel">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <div class="field<?cs if:?Form.Error.reason ?> has-error<?cs /if ?>">
      <label for="f-reason"><?cs var:Lang.portal.cancel_reason ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
      <input id="f-reason" name="reason" maxlength="200" required value="<?cs var:Form.reason ?>">
      <?cs if:?Form.Error.reason ?><p class="error"><?cs var:Form.Error.reason ?></p><?cs /if ?>
    </div>
    <div class="form-actions"><button type="submit" class="btn btn-danger btn-block" data-confirm="<?cs var:Lang.portal.cancel_confirm ?>"><?cs var:Lang.portal.cancel ?></button></div>
  </form>
</section>
<?cs /if ?>
