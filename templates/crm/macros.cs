<?cs # crm/macros.cs — pieces the CRM templates share; included by them, never a page.
Reads: CSRF, Form.Error.<name>, Pager.{Page,PrevHref,NextHref}, Lang.common.{required,prev,
       next,page,pages}, Lang.crm.rel.*, Lang.crm.heating.*. ?><?cs
def:csrf() ?><input type="hidden" name="_csrf" value="<?cs var:CSRF ?>"><?cs /def ?><?cs
def:field_class(name) ?>field<?cs if:?Form.Error[name] ?> has-error<?cs /if ?><?cs /def ?><?cs
def:field_aria(name) ?><?cs if:?Form.Error[name] ?> aria-invalid="true" aria-describedby="f-<?cs var:name ?>-error"<?cs /if ?><?cs /def ?><?cs
def:field_error(name) ?><?cs if:?Form.Error[name] ?><p class="error" id="f-<?cs var:name ?>-error"><?cs var:Form.Error[name] ?></p><?cs /if ?><?cs /def ?><?cs
def:req_mark() ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span><?cs /def ?><?cs
def:relation(code) ?><?cs if:code == "tenant" ?><?cs var:Lang.crm.rel.tenant ?><?cs elif:code == "family" ?><?cs var:Lang.crm.rel.family ?><?cs else ?><?cs var:Lang.crm.rel.owner ?><?cs /if ?><?cs /def ?><?cs
def:heating(code) ?><?cs if:code == "stopped" ?><span class="badge badge-warn"><?cs var:Lang.crm.heating.stopped ?></span><?cs else ?><span class="badge badge-ok"><?cs var:Lang.crm.heating.normal ?></span><?cs /if ?><?cs /def ?><?cs
def:level_badge(code, label) ?><?cs if:code && code != "normal" ?><span class="badge badge-danger"><?cs alt:label ?><?cs var:code ?><?cs /alt ?></span><?cs /if ?><?cs /def ?><?cs
def:pager() ?><?cs if:Pager.PrevHref || Pager.NextHref ?>
<nav class="pager" aria-label="<?cs var:Lang.common.pages ?>">
  <?cs if:Pager.PrevHref ?><a class="btn btn-sm" rel="prev" href="<?cs var:Pager.PrevHref ?>"><?cs var:Lang.common.prev ?></a><?cs
  else ?><span class="btn btn-sm" aria-disabled="true"><?cs var:Lang.common.prev ?></span><?cs /if ?>
  <span class="pager-info"><?cs var:Lang.common.page ?> <?cs var:Pager.Page ?></span>
  <?cs if:Pager.NextHref ?><a class="btn btn-sm" rel="next" href="<?cs var:Pager.NextHref ?>"><?cs var:Lang.common.next ?></a><?cs
  else ?><span class="btn btn-sm" aria-disabled="true"><?cs var:Lang.common.next ?></span><?cs /if ?>
</nav>
<?cs /if ?><?cs /def ?>
