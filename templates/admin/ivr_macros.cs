<?cs # admin/ivr_macros.cs — pieces the telephony configuration pages share; never a page.
Reads: Ivr.Tab, Lang.ivr.tabs.*, Lang.common.none. ?><?cs
include:"admin/macros.cs" ?><?cs
def:ivr_tabs() ?><link rel="stylesheet" href="/static/css/ivr.css">
<nav class="ivr-tabs" aria-label="<?cs var:Lang.ivr.tabs.label ?>">
  <a href="/admin/ivr/flows"<?cs if:Ivr.Tab == "flows" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.flows ?></a>
  <a href="/admin/ivr/queues"<?cs if:Ivr.Tab == "queues" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.queues ?></a>
  <a href="/admin/ivr/schedules"<?cs if:Ivr.Tab == "schedules" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.schedules ?></a>
  <a href="/admin/ivr/prompts"<?cs if:Ivr.Tab == "prompts" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.prompts ?></a>
  <a href="/admin/ivr/voicemail"<?cs if:Ivr.Tab == "voicemail" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.voicemail ?></a>
  <a href="/admin/ivr/blacklist"<?cs if:Ivr.Tab == "blacklist" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.ivr.tabs.blacklist ?></a>
</nav><?cs /def ?><?cs
def:opt_select(fname, fid, opts, cur) ?><select id="<?cs var:fid ?>" name="<?cs var:fname ?>">
<option value=""><?cs var:Lang.ivr.choose ?></option><?cs each:o = opts ?>
<option value="<?cs var:o.id ?>"<?cs if:o.id == cur ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?>
</select><?cs /def ?>
<?cs def:block_fields() ?>
  <div class="field-row">
    <div class="<?cs call:field_class("number") ?>">
      <label for="f-number"><?cs var:Lang.ivr.block.number ?><?cs call:req_mark() ?></label>
      <input id="f-number" name="number" value="<?cs var:Form.number ?>" required maxlength="32" inputmode="tel"<?cs call:field_aria("number") ?>>
      <p class="hint"><?cs var:Lang.ivr.block.number_hint ?></p>
      <?cs call:field_error("number") ?>
    </div>
    <div class="<?cs call:field_class("action") ?>">
      <label for="f-action"><?cs var:Lang.ivr.block.action_title ?></label>
      <select id="f-action" name="action"><?cs each:a = Lang.ivr.block.action ?><option value="<?cs name:a ?>"<?cs if:Form.action == name(a) ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select>
      <?cs call:field_error("action") ?>
    </div>
    <div class="<?cs call:field_class("prompt_id") ?>">
      <label for="f-prompt"><?cs var:Lang.ivr.block.prompt ?></label><?cs call:opt_select("prompt_id", "f-prompt", Opt.Prompts, Form.prompt_id) ?>
      <?cs call:field_error("prompt_id") ?>
    </div>
    <div class="<?cs call:field_class("expires") ?>">
      <label for="f-expires"><?cs var:Lang.ivr.block.expires ?></label>
      <input id="f-expires" name="expires" value="<?cs var:Form.expires ?>" maxlength="20" placeholder="2026-12-31"<?cs call:field_aria("expires") ?>>
      <p class="hint"><?cs var:Lang.ivr.block.expires_hint ?></p>
      <?cs call:field_error("expires") ?>
    </div>
  </div>
  <div class="<?cs call:field_class("reason") ?>">
    <label for="f-reason"><?cs var:Lang.ivr.block.reason ?></label>
    <input id="f-reason" name="reason" value="<?cs var:Form.reason ?>" maxlength="300"<?cs call:field_aria("reason") ?>>
    <?cs call:field_error("reason") ?>
  </div>
<?cs /def ?><?cs
def:attempts() ?>
  <h2 class="section-title"><?cs var:Lang.ivr.block.attempts ?></h2>
  <?cs if:subcount(Attempts) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.ivr.block.at ?></th><th scope="col"><?cs var:Lang.ivr.block.number ?></th><th scope="col"><?cs var:Lang.ivr.block.action_title ?></th></tr></thead>
    <tbody><?cs each:a = Attempts ?><tr><td><?cs var:a.at ?></td><td><?cs var:a.number ?></td><td><?cs var:a.action_label ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
<?cs /def ?><?cs
def:box_fields() ?>
  <div class="field-row">
    <div class="<?cs call:field_class("name") ?>">
      <label for="f-name"><?cs var:Lang.ivr.vm.name ?><?cs call:req_mark() ?></label>
      <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
    <div class="<?cs call:field_class("greeting_prompt_id") ?>">
      <label for="f-greeting"><?cs var:Lang.ivr.vm.greeting ?></label><?cs call:opt_select("greeting_prompt_id", "f-greeting", Opt.Prompts, Form.greeting_prompt_id) ?>
      <?cs call:field_error("greeting_prompt_id") ?>
    </div>
    <div class="<?cs call:field_class("max_seconds") ?>">
      <label for="f-max"><?cs var:Lang.ivr.vm.max_seconds ?></label>
      <input id="f-max" name="max_seconds" value="<?cs var:Form.max_seconds ?>" size="6" inputmode="numeric"<?cs call:field_aria("max_seconds") ?>>
      <?cs call:field_error("max_seconds") ?>
    </div>
    <div class="<?cs call:field_class("department_id") ?>">
      <label for="f-dept"><?cs var:Lang.ivr.vm.department ?></label><?cs call:opt_select("department_id", "f-dept", Opt.Departments, Form.department_id) ?>
      <?cs call:field_error("department_id") ?>
    </div>
  </div>
  <div class="<?cs call:field_class("description") ?>">
    <label for="f-description"><?cs var:Lang.ivr.description ?></label>
    <input id="f-description" name="description" value="<?cs var:Form.description ?>" maxlength="300">
    <?cs call:field_error("description") ?>
  </div>
<?cs /def ?>
