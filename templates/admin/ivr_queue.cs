<?cs # admin/ivr_queue.cs — create or edit an ACD queue and its members; delete it.
Reads: Form.{id,version,code,name,strategy,vip_priority,emergency_priority,announce_seconds,
       announce_wait,moh_prompt_id,join_prompt_id,max_wait_seconds,overflow,overflow_queue_id,
       overflow_voicemail_id,wrapup_seconds,ring_seconds,autopause_after,record_calls,
       sticky_agent,sticky_seconds,sla_seconds,active}, Form.Error.<field>,
       Agents.N.{id,name,login,department,member,priority}, Opt.{Prompts,Queues,Voicemail},
       CSRF, Lang.ivr.queues.*, Lang.ivr.strategy.*, Lang.ivr.overflow.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?><?cs
def:qnum(f, hint) ?><div class="<?cs call:field_class(f) ?>">
  <label for="f-<?cs var:f ?>"><?cs var:Lang.ivr.queues[f] ?></label>
  <input id="f-<?cs var:f ?>" name="<?cs var:f ?>" value="<?cs var:Form[f] ?>" inputmode="numeric" size="6"<?cs call:field_aria(f) ?>>
  <?cs if:hint ?><p class="hint"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(f) ?>
</div><?cs /def ?><?cs
def:qcheck(f) ?><label class="check"><input type="checkbox" name="<?cs var:f ?>" value="1"<?cs if:Form[f] == 1 ?> checked<?cs /if ?>> <?cs var:Lang.ivr.queues[f] ?></label><?cs /def ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<?cs call:ivr_tabs() ?>
<form class="form" method="post" action="/admin/ivr/queues<?cs if:Form.id ?>/<?cs var:Form.id ?><?cs /if ?>">
<?cs call:csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version ?>">
<section class="card">
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.queues.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("code") ?>">
      <label for="f-code"><?cs var:Lang.ivr.queues.code ?><?cs call:req_mark() ?></label>
      <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="32" pattern="[a-z0-9_]{1,32}"<?cs call:field_aria("code") ?>>
      <p class="hint"><?cs var:Lang.ivr.queues.code_hint ?></p>
      <?cs call:field_error("code") ?>
    </div>
    <div class="<?cs call:field_class("strategy") ?>">
      <label for="f-strategy"><?cs var:Lang.ivr.queues.strategy ?></label>
      <select id="f-strategy" name="strategy"><?cs each:s = Lang.ivr.strategy ?><option value="<?cs name:s ?>"<?cs if:Form.strategy == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
      <?cs call:field_error("strategy") ?>
    </div>
  </div>
  <div class="checks"><?cs call:qcheck("active") ?></div>
</section>

<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.queues.members ?></h2>
  <p class="hint"><?cs var:Lang.ivr.queues.members_hint ?></p>
  <?cs call:field_error("members") ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.ivr.queues.member ?></th><th scope="col"><?cs var:Lang.ivr.queues.department ?></th><th scope="col"><?cs var:Lang.ivr.queues.member_priority ?></th></tr></thead>
    <tbody><?cs each:a = Agents ?>
      <tr>
        <td><label class="check"><input type="checkbox" name="member" value="<?cs var:a.id ?>"<?cs if:a.member == 1 ?> checked<?cs /if ?>> <?cs var:a.name ?> <span class="muted">(<?cs var:a.login ?>)</span></label></td>
        <td><?cs var:a.department ?></td>
        <td><select name="prio_<?cs var:a.id ?>" aria-label="<?cs var:Lang.ivr.queues.member_priority ?>"><?cs loop:p = 1, 9, 1 ?><option value="<?cs var:p ?>"<?cs if:p == a.priority ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /loop ?></select></td>
      </tr><?cs /each ?>
    </tbody>
  </table></div>
</section>

<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.queues.callers ?></h2>
  <div class="field-row">
    <?cs call:qnum("vip_priority", Lang.ivr.queues.priority_hint) ?>
    <?cs call:qnum("emergency_priority", "") ?>
    <?cs call:qnum("sla_seconds", Lang.ivr.queues.sla_hint) ?>
  </div>
  <div class="field-row">
    <?cs call:qnum("announce_seconds", Lang.ivr.queues.announce_hint) ?>
    <div class="field"><label for="f-moh"><?cs var:Lang.ivr.queues.moh_prompt_id ?></label><?cs call:opt_select("moh_prompt_id", "f-moh", Opt.Prompts, Form.moh_prompt_id) ?><?cs call:field_error("moh_prompt_id") ?></div>
    <div class="field"><label for="f-join"><?cs var:Lang.ivr.queues.join_prompt_id ?></label><?cs call:opt_select("join_prompt_id", "f-join", Opt.Prompts, Form.join_prompt_id) ?><?cs call:field_error("join_prompt_id") ?></div>
  </div>
  <div class="checks"><?cs call:qcheck("announce_wait") ?></div>
  <div class="field-row">
    <?cs call:qnum("max_wait_seconds", Lang.ivr.queues.max_wait_hint) ?>
    <div class="<?cs call:field_class("overflow") ?>"><label for="f-overflow"><?cs var:Lang.ivr.queues.overflow ?></label>
      <select id="f-overflow" name="overflow"><?cs each:o = Lang.ivr.overflow ?><option value="<?cs name:o ?>"<?cs if:Form.overflow == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select><?cs call:field_error("overflow") ?></div>
    <div class="<?cs call:field_class("overflow_queue_id") ?>"><label for="f-oq"><?cs var:Lang.ivr.queues.overflow_queue_id ?></label><?cs call:opt_select("overflow_queue_id", "f-oq", Opt.Queues, Form.overflow_queue_id) ?><?cs call:field_error("overflow_queue_id") ?></div>
    <div class="<?cs call:field_class("overflow_voicemail_id") ?>"><label for="f-ovm"><?cs var:Lang.ivr.queues.overflow_voicemail_id ?></label><?cs call:opt_select("overflow_voicemail_id", "f-ovm", Opt.Voicemail, Form.overflow_voicemail_id) ?><?cs call:field_error("overflow_voicemail_id") ?></div>
  </div>
</section>

<section class="card">
  <h2 class="section-title"><?cs var:Lang.ivr.queues.agents ?></h2>
  <div class="field-row">
    <?cs call:qnum("ring_seconds", "") ?>
    <?cs call:qnum("autopause_after", Lang.ivr.queues.autopause_hint) ?>
    <?cs call:qnum("wrapup_seconds", "") ?>
  </div>
  <div class="field-row">
    <?cs call:qnum("sticky_seconds", Lang.ivr.queues.sticky_hint) ?>
  </div>
  <div class="checks"><?cs call:qcheck("sticky_agent") ?> <?cs call:qcheck("record_calls") ?></div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.save ?></button>
    <a class="btn btn-link" href="/admin/ivr/queues"><?cs var:Lang.common.cancel ?></a>
  </div>
</section>
</form>
<?cs if:Form.id ?>
<section class="card">
  <form class="form" method="post" action="/admin/ivr/queues/<?cs var:Form.id ?>/delete">
    <?cs call:csrf() ?>
    <div class="form-actions"><button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button></div>
  </form>
</section>
<?cs /if ?>
