<?cs # desk/bulk_one.cs — one bulk SMS: as a draft, the preview (recipients, skipped, parts)
with the confirmation; once sent, its results per status and per recipient.
Reads: Bulk.{id,target,target_label,body,essential,segments,status,recipients,skipped,
       no_mobile,created_at,sent_at,sender}, Results.N.{status,n}, Messages.N.{id,recipient,
       resident_id,resident,status,attempts,last_error,sent_at,dlr_at}, CSRF,
       Lang.message.bulk.*, Lang.message.col.*, Lang.message.status.*, Lang.common.empty. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"desk/message_macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.message.bulk.title_one ?> #<?cs var:Bulk.id ?> · <?cs var:Bulk.target_label ?></h1>
  <div class="page-actions"><a class="btn" href="/messages/bulk"><?cs var:Lang.message.bulk.title ?></a></div>
</div>

<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.message.bulk.target ?></dt><dd><?cs var:Bulk.target_label ?></dd></div>
    <div><dt><?cs var:Lang.message.bulk.recipients ?></dt><dd><strong data-count="recipients"><?cs var:Bulk.recipients ?></strong></dd></div>
    <div><dt><?cs var:Lang.message.bulk.skipped ?></dt><dd><span data-count="skipped"><?cs var:Bulk.skipped ?></span></dd></div>
    <div><dt><?cs var:Lang.message.bulk.no_mobile ?></dt><dd><span data-count="no_mobile"><?cs var:Bulk.no_mobile ?></span></dd></div>
    <div><dt><?cs var:Lang.message.bulk.segments ?></dt><dd><span data-count="segments"><?cs var:Bulk.segments ?></span></dd></div>
    <div><dt><?cs var:Lang.message.bulk.total_segments ?></dt><dd><?cs var:Bulk.segments * Bulk.recipients ?></dd></div>
    <div><dt><?cs var:Lang.message.bulk.kind ?></dt><dd><?cs if:Bulk.essential == "1" ?><?cs var:Lang.message.bulk.kind_essential ?><?cs else ?><?cs var:Lang.message.bulk.kind_normal ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.message.bulk.sender ?></dt><dd><?cs var:Bulk.sender ?></dd></div>
  </dl>
  <h2 class="section-title"><?cs var:Lang.message.bulk.text ?></h2>
  <p class="prewrap"><?cs var:Bulk.body ?></p>
</section>

<?cs if:Bulk.status == "draft" ?>
<section class="card">
  <div class="alert alert-warn"><?cs var:Lang.message.bulk.confirm_note ?></div>
  <form class="form" method="post" action="/messages/bulk/<?cs var:Bulk.id ?>/send">
    <?cs call:csrf() ?>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.message.bulk.confirm ?></button>
      <a class="btn btn-link" href="/messages/bulk"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
</section>
<?cs else ?>
<section class="card">
  <h2><?cs var:Lang.message.bulk.results ?> <span class="muted"><?cs var:Bulk.sent_at ?></span></h2>
  <p class="badges"><?cs each:s = Results ?><?cs call:msg_status(s.status) ?> <strong data-result="<?cs var:s.status ?>"><?cs var:s.n ?></strong> <?cs /each ?></p>
  <?cs if:subcount(Messages) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.message.col.resident ?></th><th scope="col"><?cs var:Lang.message.col.recipient ?></th><th scope="col"><?cs var:Lang.message.col.status ?></th><th scope="col" class="num"><?cs var:Lang.message.col.attempts ?></th><th scope="col"><?cs var:Lang.message.col.last_error ?></th><th scope="col"><?cs var:Lang.message.col.sent_at ?></th></tr></thead>
    <tbody><?cs each:m = Messages ?>
      <tr data-id="<?cs var:m.id ?>"><td><?cs var:m.resident ?></td><td class="nowrap"><?cs var:m.recipient ?></td><td><?cs call:msg_status(m.status) ?></td><td class="num"><?cs var:m.attempts ?></td><td class="wrap"><?cs var:m.last_error ?></td><td class="nowrap"><?cs var:m.sent_at ?></td></tr>
    <?cs /each ?></tbody>
  </table></div>
  <p><a href="/messages?bulk=<?cs var:Bulk.id ?>"><?cs var:Lang.message.bulk.in_log ?></a></p>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
</section>
<?cs /if ?>
