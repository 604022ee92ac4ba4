<?cs # desk/inbox.cs — internal messages (站内短信): received (unread in bold) or sent.
Reads: Inbox.sent, Notes.N.{id,subject,read_at,created_at,other}, Pager.*, CSRF,
       Lang.message.inbox.*, Lang.common.{empty,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs if:Inbox.sent == "1" ?><?cs var:Lang.message.inbox.sent_title ?><?cs else ?><?cs var:Lang.message.inbox.title ?><?cs /if ?></h1>
  <div class="page-actions">
    <?cs if:Inbox.sent == "1" ?><a class="btn" href="/inbox"><?cs var:Lang.message.inbox.title ?></a><?cs
    else ?><a class="btn" href="/inbox/sent"><?cs var:Lang.message.inbox.sent_title ?></a>
    <form method="post" action="/inbox/read" class="inline"><?cs call:csrf() ?><button type="submit" class="btn"><?cs var:Lang.message.inbox.read_all ?></button></form><?cs /if ?>
    <a class="btn btn-primary" href="/inbox/new"><?cs var:Lang.message.inbox.new_title ?></a>
  </div>
</div>
<?cs if:subcount(Notes) > 0 ?>
<div class="table-wrap">
<table class="table inbox">
  <thead><tr>
    <th scope="col"><?cs if:Inbox.sent == "1" ?><?cs var:Lang.message.inbox.to ?><?cs else ?><?cs var:Lang.message.inbox.from ?><?cs /if ?></th>
    <th scope="col"><?cs var:Lang.message.inbox.subject ?></th>
    <th scope="col"><?cs var:Lang.message.inbox.at ?></th>
    <th scope="col"><?cs var:Lang.message.inbox.state ?></th>
  </tr></thead>
  <tbody><?cs each:m = Notes ?>
    <tr data-id="<?cs var:m.id ?>"<?cs if:!m.read_at ?> class="unread"<?cs /if ?>>
      <td><?cs var:m.other ?></td>
      <td class="wrap"><a href="/inbox/<?cs var:m.id ?>"><?cs if:!m.read_at && Inbox.sent != "1" ?><strong><?cs var:m.subject ?></strong><?cs else ?><?cs var:m.subject ?><?cs /if ?></a></td>
      <td class="nowrap"><?cs var:m.created_at ?></td>
      <td><?cs if:m.read_at ?><span class="badge badge-muted"><?cs var:Lang.message.inbox.read ?></span><?cs else ?><span class="badge badge-warn"><?cs var:Lang.message.inbox.unread ?></span><?cs /if ?></td>
    </tr>
  <?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
