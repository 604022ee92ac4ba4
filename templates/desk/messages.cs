<?cs # desk/messages.cs — the message log: every SMS and e-mail to residents, filtered, paged.
Reads: Filter.{channel,status,resident,ticket,bulk,from,to}, Resident.{id,name},
       Messages.N.{id,channel,recipient,resident_id,resident,ticket_id,ticket_number,bulk_id,
       event,subject,body,segments,status,attempts,last_error,dlr_status,created_at,sent_at,
       dlr_at,sender}, Perm.send, Pager.*, Form.Error.{channel,status,from,to},
       Lang.message.*, Lang.common.{all,filter,reset,empty,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?><?cs include:"desk/message_macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.message.log.title ?><?cs if:Resident.name ?> · <?cs var:Resident.name ?><?cs /if ?></h1>
  <div class="page-actions">
    <?cs if:Perm.send == "1" ?>
    <?cs if:Resident.id ?><a class="btn" href="/messages/new?resident=<?cs var:Resident.id ?>"><?cs var:Lang.message.one.send_sms ?></a><?cs /if ?>
    <a class="btn" href="/messages/bulk"><?cs var:Lang.message.bulk.title ?></a>
    <?cs /if ?>
    <a class="btn" href="/inbox"><?cs var:Lang.message.inbox.title ?></a>
  </div>
</div>

<section class="card">
<form class="list-filter" method="get" action="/messages" role="search">
  <div class="field-row">
    <div class="<?cs call:field_class("channel") ?>">
      <label for="f-channel"><?cs var:Lang.message.col.channel ?></label>
      <select id="f-channel" name="channel">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:c = Lang.message.channel ?><option value="<?cs name:c ?>"<?cs if:Filter.channel == name(c) ?> selected<?cs /if ?>><?cs var:c ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("channel") ?>
    </div>
    <div class="<?cs call:field_class("status") ?>">
      <label for="f-status"><?cs var:Lang.message.col.status ?></label>
      <select id="f-status" name="status">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:s = Lang.message.status ?><option value="<?cs name:s ?>"<?cs if:Filter.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("status") ?>
    </div>
    <div class="field">
      <label for="f-resident"><?cs var:Lang.message.col.resident_id ?></label>
      <input id="f-resident" name="resident" inputmode="numeric" value="<?cs var:Filter.resident ?>" maxlength="10">
    </div>
    <div class="field">
      <label for="f-ticket"><?cs var:Lang.message.col.ticket_id ?></label>
      <input id="f-ticket" name="ticket" inputmode="numeric" value="<?cs var:Filter.ticket ?>" maxlength="10">
    </div>
    <div class="<?cs call:field_class("from") ?>">
      <label for="f-from"><?cs var:Lang.message.log.from ?></label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>"<?cs call:field_aria("from") ?>>
      <?cs call:field_error("from") ?>
    </div>
    <div class="<?cs call:field_class("to") ?>">
      <label for="f-to"><?cs var:Lang.message.log.to ?></label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>"<?cs call:field_aria("to") ?>>
      <?cs call:field_error("to") ?>
    </div>
  </div>
  <?cs if:Filter.bulk ?><input type="hidden" name="bulk" value="<?cs var:Filter.bulk ?>"><?cs /if ?>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.filter ?></button>
    <a class="btn btn-link" href="/messages"><?cs var:Lang.common.reset ?></a>
  </div>
</form>
</section>

<?cs if:subcount(Messages) > 0 ?>
<div class="table-wrap">
<table class="table messages">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.message.col.created_at ?></th>
      <th scope="col"><?cs var:Lang.message.col.channel ?></th>
      <th scope="col"><?cs var:Lang.message.col.recipient ?></th>
      <th scope="col"><?cs var:Lang.message.col.resident ?></th>
      <th scope="col"><?cs var:Lang.message.col.ticket ?></th>
      <th scope="col"><?cs var:Lang.message.col.text ?></th>
      <th scope="col"><?cs var:Lang.message.col.status ?></th>
      <th scope="col" class="num"><?cs var:Lang.message.col.attempts ?></th>
      <th scope="col"><?cs var:Lang.message.col.last_error ?></th>
      <th scope="col"><?cs var:Lang.message.col.sender ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:m = Messages ?>
    <tr data-id="<?cs var:m.id ?>">
      <td class="nowrap"><?cs var:m.created_at ?></td>
      <td><?cs call:msg_channel(m.channel) ?><?cs if:m.channel == "sms" ?> <span class="muted"><?cs var:m.segments ?><?cs var:Lang.message.one.parts_unit ?></span><?cs /if ?></td>
      <td class="nowrap"><?cs var:m.recipient ?></td>
      <td><?cs if:m.resident_id ?><a href="/messages?resident=<?cs var:m.resident_id ?>"><?cs var:m.resident ?></a><?cs /if ?></td>
      <td class="nowrap"><?cs if:m.ticket_id ?><a href="/tickets/<?cs var:m.ticket_id ?>"><?cs var:m.ticket_number ?></a><?cs elif:m.bulk_id ?><a href="/messages/bulk/<?cs var:m.bulk_id ?>"><?cs var:Lang.message.bulk.short ?> #<?cs var:m.bulk_id ?></a><?cs /if ?></td>
      <td class="wrap"><?cs if:m.subject ?><strong><?cs var:m.subject ?></strong><br><?cs /if ?><?cs var:m.body ?></td>
      <td><?cs call:msg_status(m.status) ?></td>
      <td class="num"><?cs var:m.attempts ?></td>
      <td class="wrap"><?cs var:m.last_error ?></td>
      <td><?cs alt:m.sender ?><?cs call:msg_event(m.event) ?><?cs /alt ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
