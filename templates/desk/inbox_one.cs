<?cs # desk/inbox_one.cs — one internal message (its sender or recipient only).
Reads: Note.{id,subject,body,read_at,created_at,sender_id,sender,recipient_id,recipient,mine},
       Lang.message.inbox.*. ?>
<div class="page-head">
  <h1><?cs var:Note.subject ?></h1>
  <div class="page-actions">
    <a class="btn" href="<?cs if:Note.mine == "1" ?>/inbox<?cs else ?>/inbox/sent<?cs /if ?>"><?cs var:Lang.message.inbox.back ?></a>
    <?cs if:Note.mine == "1" ?><a class="btn btn-primary" href="/inbox/new?to=<?cs var:Note.sender_id ?>"><?cs var:Lang.message.inbox.reply ?></a><?cs /if ?>
  </div>
</div>
<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.message.inbox.from ?></dt><dd><?cs var:Note.sender ?></dd></div>
    <div><dt><?cs var:Lang.message.inbox.to ?></dt><dd><?cs var:Note.recipient ?></dd></div>
    <div><dt><?cs var:Lang.message.inbox.at ?></dt><dd><?cs var:Note.created_at ?></dd></div>
    <div><dt><?cs var:Lang.message.inbox.state ?></dt><dd><?cs if:Note.read_at ?><?cs var:Lang.message.inbox.read ?> <?cs var:Note.read_at ?><?cs else ?><?cs var:Lang.message.inbox.unread ?><?cs /if ?></dd></div>
  </dl>
  <div class="note-body" data-note-body><?cs var:Note.body ?></div>
</section>
