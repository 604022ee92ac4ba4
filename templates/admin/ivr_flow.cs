<?cs # admin/ivr_flow.cs — create or edit an IVR flow: settings, the node table (each type's
fields, the menu key map, where each outcome goes), issues, the flow as a tree, delete.
Reads: Form.{id,name,description,numbers,entry,active,is_default,version,rows},
       Form.Error.{name,description,numbers,entry}, Issues.N.{msg,warning},
       Nodes.N.{id,key,type,note,prompt_id,invalid_prompt_id,timeout_prompt_id,
       extra_prompt_id,timeout_seconds,retries,min_digits,max_digits,terminator,purpose,
       variable,schedule_id,queue_id,priority,voicemail_id,transfer_kind,number,staff_id,
       ticket_type_id,keys,go_*,has_error,Err.<field>}, Types.N.{code,label,fields},
       Opt.{Prompts,Schedules,Queues,Voicemail,Staff,TicketTypes}.N.{id,label},
       Tree.N.{indent,via,key,type,note,again}, CSRF, Lang.ivr.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?><?cs
def:nerr(n, f) ?><?cs if:?n.Err[f] ?><span class="error"><?cs var:n.Err[f] ?></span><?cs /if ?><?cs /def ?><?cs
def:go(n, o) ?><label class="nf nf-go" data-f="go_<?cs var:o ?>"><span><?cs var:Lang.ivr.outcome[o] ?> →</span>
<input name="n<?cs var:name(n) ?>_go_<?cs var:o ?>" value="<?cs var:n["go_" + o] ?>" list="ivr-keys" size="10" maxlength="32"><?cs call:nerr(n, "go_" + o) ?></label><?cs /def ?><?cs
def:pr(n, f, label) ?><label class="nf" data-f="<?cs var:f ?>"><span><?cs var:label ?></span><?cs
call:opt_select("n" + name(n) + "_" + f, "n" + name(n) + "-" + f, Opt.Prompts, n[f]) ?><?cs call:nerr(n, f) ?></label><?cs /def ?><?cs
def:num(n, f, label, hint) ?><label class="nf" data-f="<?cs var:f ?>"><span><?cs var:label ?></span>
<input name="n<?cs var:name(n) ?>_<?cs var:f ?>" value="<?cs var:n[f] ?>" size="5" inputmode="numeric" placeholder="<?cs var:hint ?>"><?cs call:nerr(n, f) ?></label><?cs /def ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<?cs call:ivr_tabs() ?>

<?cs if:subcount(Issues) > 0 ?>
<section class="card ivr-issues" aria-label="<?cs var:Lang.ivr.flow.issues ?>">
  <h2 class="section-title"><?cs var:Lang.ivr.flow.issues ?></h2>
  <ul><?cs each:i = Issues ?>
    <li class="<?cs if:i.warning == 1 ?>warn<?cs else ?>error<?cs /if ?>"><?cs if:i.warning == 1 ?><?cs var:Lang.ivr.flow.warning ?><?cs else ?><?cs var:Lang.ivr.flow.error ?><?cs /if ?>：<?cs var:i.msg ?></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<form class="form" method="post" action="/admin/ivr/flows<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
<?cs call:csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version ?>">
<input type="hidden" name="rows" value="<?cs var:Form.rows ?>">
<section class="card">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.flows.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("numbers") ?>">
      <label for="f-numbers"><?cs var:Lang.ivr.flows.numbers ?></label>
      <input id="f-numbers" name="numbers" value="<?cs var:Form.numbers ?>" maxlength="400"<?cs call:field_aria("numbers") ?>>
      <p class="hint"><?cs var:Lang.ivr.flows.numbers_hint ?></p>
      <?cs call:field_error("numbers") ?>
    </div>
    <div class="<?cs call:field_class("entry") ?>">
      <label for="f-entry"><?cs var:Lang.ivr.flows.entry ?><?cs call:req_mark() ?></label>
      <input id="f-entry" name="entry" value="<?cs var:Form.entry ?>" list="ivr-keys" maxlength="32"<?cs call:field_aria("entry") ?>>
      <p class="hint"><?cs var:Lang.ivr.flows.entry_hint ?></p>
      <?cs call:field_error("entry") ?>
    </div>
  </div>
  <div class="<?cs call:field_class("description") ?>">
    <label for="f-description"><?cs var:Lang.ivr.description ?></label>
    <input id="f-description" name="description" value="<?cs var:Form.description ?>" maxlength="300">
    <?cs call:field_error("description") ?>
  </div>
  <div class="checks">
    <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == 1 ?> checked<?cs /if ?>> <?cs var:Lang.ivr.flows.active ?></label>
    <label class="check"><input type="checkbox" name="is_default" value="1"<?cs if:Form.is_default == 1 ?> checked<?cs /if ?>> <?cs var:Lang.ivr.flows.is_default ?></label>
  </div>
</section>

<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.flow.nodes ?></h2>
  <p class="hint"><?cs var:Lang.ivr.flow.nodes_hint ?></p>
  <datalist id="ivr-keys"><?cs each:n = Nodes ?><?cs if:n.key ?><option value="<?cs var:n.key ?>"><?cs /if ?><?cs /each ?></datalist>
  <div class="table-wrap">
  <table class="table ivr-nodes">
    <thead><tr>
      <th scope="col"><?cs var:Lang.ivr.flow.key ?></th>
      <th scope="col"><?cs var:Lang.ivr.flow.type ?></th>
      <th scope="col"><?cs var:Lang.ivr.flow.settings ?></th>
    </tr></thead>
    <?cs each:n = Nodes ?>
    <tbody class="ivr-node<?cs if:n.has_error ?> has-error<?cs /if ?>" data-node="<?cs name:n ?>">
    <tr>
      <td class="ivr-key">
        <input type="hidden" name="n<?cs name:n ?>_id" value="<?cs var:n.id ?>">
        <input name="n<?cs name:n ?>_key" value="<?cs var:n.key ?>" size="12" maxlength="32" pattern="[a-z0-9_]{1,32}" aria-label="<?cs var:Lang.ivr.flow.key ?>">
        <?cs call:nerr(n, "key") ?>
        <?cs if:n.id ?><label class="check ivr-del"><input type="checkbox" name="n<?cs name:n ?>_del" value="1"> <?cs var:Lang.common.delete ?></label><?cs /if ?>
      </td>
      <td>
        <select name="n<?cs name:n ?>_type" class="ivr-type" aria-label="<?cs var:Lang.ivr.flow.type ?>">
          <option value="" data-fields=""><?cs var:Lang.ivr.choose ?></option>
          <?cs each:t = Types ?><option value="<?cs var:t.code ?>" data-fields="<?cs var:t.fields ?>"<?cs if:t.code == n.type ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?>
        </select>
        <?cs call:nerr(n, "type") ?>
        <input name="n<?cs name:n ?>_note" value="<?cs var:n.note ?>" maxlength="200" placeholder="<?cs var:Lang.ivr.flow.note ?>" aria-label="<?cs var:Lang.ivr.flow.note ?>">
      </td>
      <td class="ivr-fields">
        <?cs call:pr(n, "prompt_id", Lang.ivr.node.prompt_id) ?>
        <label class="nf" data-f="keys"><span><?cs var:Lang.ivr.node.keys ?></span>
          <input name="n<?cs name:n ?>_keys" value="<?cs var:n.keys ?>" size="40" maxlength="400" placeholder="1=repair 2=fee 0=agent"><?cs call:nerr(n, "keys") ?></label>
        <?cs call:pr(n, "invalid_prompt_id", Lang.ivr.node.invalid_prompt_id) ?>
        <?cs call:pr(n, "timeout_prompt_id", Lang.ivr.node.timeout_prompt_id) ?>
        <?cs call:pr(n, "extra_prompt_id", Lang.ivr.node.extra_prompt_id) ?>
        <?cs call:num(n, "timeout_seconds", Lang.ivr.node.timeout_seconds, "5") ?>
        <?cs call:num(n, "retries", Lang.ivr.node.retries, "2") ?>
        <?cs call:num(n, "min_digits", Lang.ivr.node.min_digits, "1") ?>
        <?cs call:num(n, "max_digits", Lang.ivr.node.max_digits, "") ?>
        <label class="nf" data-f="terminator"><span><?cs var:Lang.ivr.node.terminator ?></span>
          <select name="n<?cs name:n ?>_terminator"><option value=""><?cs var:Lang.common.none ?></option>
          <option value="#"<?cs if:n.terminator == "#" ?> selected<?cs /if ?>>#</option>
          <option value="*"<?cs if:n.terminator == "*" ?> selected<?cs /if ?>>*</option></select><?cs call:nerr(n, "terminator") ?></label>
        <label class="nf" data-f="purpose"><span><?cs var:Lang.ivr.node.purpose ?></span>
          <select name="n<?cs name:n ?>_purpose"><option value=""><?cs var:Lang.ivr.choose ?></option>
          <?cs each:p = Lang.ivr.purpose ?><option value="<?cs name:p ?>"<?cs if:n.purpose == name(p) ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /each ?></select><?cs call:nerr(n, "purpose") ?></label>
        <label class="nf" data-f="variable"><span><?cs var:Lang.ivr.node.variable ?></span>
          <input name="n<?cs name:n ?>_variable" value="<?cs var:n.variable ?>" size="10" maxlength="32"><?cs call:nerr(n, "variable") ?></label>
        <label class="nf" data-f="schedule_id"><span><?cs var:Lang.ivr.node.schedule_id ?></span><?cs
          call:opt_select("n" + name(n) + "_schedule_id", "n" + name(n) + "-schedule_id", Opt.Schedules, n.schedule_id) ?><?cs call:nerr(n, "schedule_id") ?></label>
        <label class="nf" data-f="queue_id"><span><?cs var:Lang.ivr.node.queue_id ?></span><?cs
          call:opt_select("n" + name(n) + "_queue_id", "n" + name(n) + "-queue_id", Opt.Queues, n.queue_id) ?><?cs call:nerr(n, "queue_id") ?></label>
        <?cs call:num(n, "priority", Lang.ivr.node.priority, "0") ?>
        <label class="nf" data-f="voicemail_id"><span><?cs var:Lang.ivr.node.voicemail_id ?></span><?cs
          call:opt_select("n" + name(n) + "_voicemail_id", "n" + name(n) + "-voicemail_id", Opt.Voicemail, n.voicemail_id) ?><?cs call:nerr(n, "voicemail_id") ?></label>
        <label class="nf" data-f="transfer_kind"><span><?cs var:Lang.ivr.node.transfer_kind ?></span>
          <select name="n<?cs name:n ?>_transfer_kind"><option value=""><?cs var:Lang.ivr.choose ?></option>
          <?cs each:p = Lang.ivr.transfer ?><option value="<?cs name:p ?>"<?cs if:n.transfer_kind == name(p) ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /each ?></select><?cs call:nerr(n, "transfer_kind") ?></label>
        <label class="nf" data-f="number"><span><?cs var:Lang.ivr.node.number ?></span>
          <input name="n<?cs name:n ?>_number" value="<?cs var:n.number ?>" size="14" maxlength="32" inputmode="tel"><?cs call:nerr(n, "number") ?></label>
        <label class="nf" data-f="staff_id"><span><?cs var:Lang.ivr.node.staff_id ?></span><?cs
          call:opt_select("n" + name(n) + "_staff_id", "n" + name(n) + "-staff_id", Opt.Staff, n.staff_id) ?><?cs call:nerr(n, "staff_id") ?></label>
        <label class="nf" data-f="ticket_type_id"><span><?cs var:Lang.ivr.node.ticket_type_id ?></span><?cs
          call:opt_select("n" + name(n) + "_ticket_type_id", "n" + name(n) + "-ticket_type_id", Opt.TicketTypes, n.ticket_type_id) ?><?cs call:nerr(n, "ticket_type_id") ?></label>
        <?cs call:go(n, "next") ?><?cs call:go(n, "open") ?><?cs call:go(n, "closed") ?><?cs call:go(n, "known") ?><?cs call:go(n, "unknown") ?><?cs call:go(n, "ok") ?><?cs call:go(n, "fail") ?><?cs call:go(n, "none") ?>
      </td>
    </tr>
    </tbody>
    <?cs /each ?>
  </table>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/ivr/flows"><?cs var:Lang.common.cancel ?></a>
  </div>
</section>
</form>

<?cs if:subcount(Tree) > 0 ?>
<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.flow.tree ?></h2>
  <ol class="ivr-tree"><?cs each:t = Tree ?>
    <li><?cs var:t.indent ?><span class="via"><?cs var:t.via ?></span> → <code><?cs var:t.key ?></code><?cs if:t.again == 1 ?> <span class="muted"><?cs var:Lang.ivr.flow.again ?></span><?cs else ?> <span class="badge badge-info"><?cs var:t.type ?></span> <?cs var:t.note ?><?cs /if ?></li><?cs /each ?>
  </ol>
</section>
<?cs /if ?>

<?cs if:Form.id ?>
<section class="card">
  <form class="form" method="post" action="/admin/ivr/flows/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
<?cs /if ?>
<script src="/static/js/ivr.js" defer></script>
