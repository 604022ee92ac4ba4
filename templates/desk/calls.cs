<?cs # desk/calls.cs — the call log: filters, one page of call records, next/previous.
Reads: Filter.{q,agent,queue,disposition,from,to}, Perm.all, Agents.N.{id,name,department},
       Calls.N.{id,direction,caller,callee,queue,started_at,wait_seconds,talk_seconds,
       disposition,rating,resident_id,resident,agent,ticket_id,ticket_number,has_recording},
       Pager.*, Form.Error.{q,queue,disposition,from,to}, Lang.desk.calls.*, Lang.desk.call.*, Lang.desk.vm.title,
       Lang.common.{filter,reset,empty,all,prev,next,page,pages}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.desk.calls.title ?></h1>
  <div class="page-actions"><a class="btn" href="/calls/voicemail"><?cs var:Lang.desk.vm.title ?></a></div>
</div>
<?cs if:Perm.all != "1" ?><p class="muted"><?cs var:Lang.desk.calls.own_only ?></p><?cs /if ?>

<section class="card">
<form class="list-filter" method="get" action="/calls" role="search">
  <div class="field-row">
    <div class="<?cs call:field_class("q") ?>">
      <label for="f-q"><?cs var:Lang.desk.calls.q ?></label>
      <input id="f-q" name="q" type="search" inputmode="tel" value="<?cs var:Filter.q ?>" maxlength="64" placeholder="<?cs var:Lang.desk.calls.q_hint ?>"<?cs call:field_aria("q") ?>>
      <?cs call:field_error("q") ?>
    </div>
    <?cs if:Perm.all == "1" ?>
    <div class="field">
      <label for="f-agent"><?cs var:Lang.desk.calls.agent ?></label>
      <select id="f-agent" name="agent">
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:s = Agents ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Filter.agent ?> selected<?cs /if ?>><?cs var:s.name ?><?cs if:s.department ?> · <?cs var:s.department ?><?cs /if ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <div class="<?cs call:field_class("queue") ?>">
      <label for="f-queue"><?cs var:Lang.desk.calls.queue ?></label>
      <input id="f-queue" name="queue" value="<?cs var:Filter.queue ?>" maxlength="32"<?cs call:field_aria("queue") ?>>
      <?cs call:field_error("queue") ?>
    </div>
    <div class="<?cs call:field_class("disposition") ?>">
      <label for="f-disposition"><?cs var:Lang.desk.calls.disposition ?></label>
      <select id="f-disposition" name="disposition"<?cs call:field_aria("disposition") ?>>
        <option value=""><?cs var:Lang.common.all ?></option>
        <?cs each:d = Lang.desk.call.disp ?><option value="<?cs name:d ?>"<?cs if:name(d) == Filter.disposition ?> selected<?cs /if ?>><?cs var:d ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("disposition") ?>
    </div>
    <div class="<?cs call:field_class("from") ?>">
      <label for="f-from"><?cs var:Lang.desk.calls.from ?></label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>"<?cs call:field_aria("from") ?>>
      <?cs call:field_error("from") ?>
    </div>
    <div class="<?cs call:field_class("to") ?>">
      <label for="f-to"><?cs var:Lang.desk.calls.to ?></label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>"<?cs call:field_aria("to") ?>>
      <?cs call:field_error("to") ?>
    </div>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.filter ?></button>
    <a class="btn btn-link" href="/calls"><?cs var:Lang.common.reset ?></a>
  </div>
</form>
</section>

<?cs if:subcount(Calls) > 0 ?>
<div class="table-wrap">
<table class="table calls">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.desk.call.started ?></th>
      <th scope="col"><?cs var:Lang.desk.call.direction ?></th>
      <th scope="col"><?cs var:Lang.desk.call.number ?></th>
      <th scope="col"><?cs var:Lang.desk.calls.resident ?></th>
      <th scope="col"><?cs var:Lang.desk.calls.queue ?></th>
      <th scope="col"><?cs var:Lang.desk.call.agent ?></th>
      <th scope="col"><?cs var:Lang.desk.call.disposition ?></th>
      <th scope="col" class="num"><?cs var:Lang.desk.calls.wait ?></th>
      <th scope="col" class="num"><?cs var:Lang.desk.calls.talk ?></th>
      <th scope="col"><?cs var:Lang.desk.calls.ticket ?></th>
      <th scope="col"><?cs var:Lang.desk.calls.recording ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:c = Calls ?>
    <tr>
      <td class="nowrap"><a href="/calls/<?cs var:c.id ?>"><?cs var:c.started_at ?></a></td>
      <td><?cs alt:Lang.desk.call.dir[c.direction] ?><?cs var:c.direction ?><?cs /alt ?></td>
      <td class="nowrap"><?cs if:c.direction == "out" ?><?cs var:c.callee ?><?cs else ?><?cs var:c.caller ?><?cs /if ?></td>
      <td><?cs if:c.resident_id ?><a href="/pop?resident=<?cs var:c.resident_id ?>"><?cs var:c.resident ?></a><?cs /if ?></td>
      <td><?cs var:c.queue ?></td>
      <td><?cs var:c.agent ?></td>
      <td><?cs alt:Lang.desk.call.disp[c.disposition] ?><?cs var:c.disposition ?><?cs /alt ?><?cs if:c.rating ?> · <?cs var:c.rating ?>/5<?cs /if ?></td>
      <td class="num"><?cs if:c.wait_seconds ?><?cs var:c.wait_seconds ?> <?cs var:Lang.desk.calls.seconds ?><?cs /if ?></td>
      <td class="num"><?cs if:c.talk_seconds ?><?cs var:c.talk_seconds ?> <?cs var:Lang.desk.calls.seconds ?><?cs /if ?></td>
      <td class="nowrap"><?cs if:c.ticket_id ?><a href="/tickets/<?cs var:c.ticket_id ?>"><?cs var:c.ticket_number ?></a><?cs /if ?></td>
      <td><?cs if:c.has_recording == "1" ?><a href="/calls/<?cs var:c.id ?>#recording"><?cs var:Lang.desk.calls.has_recording ?></a><?cs /if ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>
<?cs call:pager() ?>
