<?cs # admin/apikey_created.cs — a new API key, shown this once only (the server keeps its hash).
Reads: Key.{id,value,name,login,staff_name}, Lang.admin.apikeys.{new,key,name,owner,
       shown_once,title}, Lang.common.back. ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.apikeys.new ?></h1>
</div>

<div class="alert alert-warn" role="alert"><?cs var:Lang.admin.apikeys.shown_once ?></div>

<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.admin.apikeys.name ?></dt><dd><?cs var:Key.name ?></dd></div>
    <div><dt><?cs var:Lang.admin.apikeys.owner ?></dt><dd><?cs var:Key.login ?> <span class="muted"><?cs var:Key.staff_name ?></span></dd></div>
  </dl>
  <div class="field">
    <label for="f-key"><?cs var:Lang.admin.apikeys.key ?></label>
    <input id="f-key" value="<?cs var:Key.value ?>" readonly autocomplete="off" spellcheck="false">
  </div>
  <div class="form-actions">
    <a class="btn btn-primary" href="/admin/apikeys"><?cs var:Lang.admin.apikeys.title ?></a>
  </div>
</section>
