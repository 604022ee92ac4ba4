<?cs # admin/macros.cs — pieces the admin templates share; included by them, never a page.
Reads: CSRF, Form.Error.<name>, Pager.{Page,Pages,Total,PrevHref,NextHref},
       Lang.common.{required,prev,next,page,pages,total}. ?><?cs
def:csrf() ?><input type="hidden" name="_csrf" value="<?cs var:CSRF ?>"><?cs /def ?><?cs
def:field_class(name) ?>field<?cs if:?Form.Error[name] ?> has-error<?cs /if ?><?cs /def ?><?cs
def:field_aria(name) ?><?cs if:?Form.Error[name] ?> aria-invalid="true" aria-describedby="f-<?cs var:name ?>-error"<?cs /if ?><?cs /def ?><?cs
def:field_error(name) ?><?cs if:?Form.Error[name] ?><p class="error" id="f-<?cs var:name ?>-error"><?cs var:Form.Error[name] ?></p><?cs /if ?><?cs /def ?><?cs
def:req_mark() ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span><?cs /def ?><?cs
def:pager() ?><?cs if:Pager.PrevHref || Pager.NextHref || ?Pager.Total ?>
<nav class="pager" aria-label="<?cs var:Lang.common.pages ?>">
  <?cs if:Pager.PrevHref ?><a class="btn btn-sm" rel="prev" href="<?cs var:Pager.PrevHref ?>"><?cs var:Lang.common.prev ?></a><?cs
  else ?><span class="btn btn-sm" aria-disabled="true"><?cs var:Lang.common.prev ?></span><?cs /if ?>
  <span class="pager-info"><?cs var:Lang.common.page ?> <?cs var:Pager.Page ?><?cs if:Pager.Pages ?> / <?cs var:Pager.Pages ?><?cs /if ?><?cs if:?Pager.Total ?> · <?cs var:Lang.common.total ?> <?cs var:Pager.Total ?><?cs /if ?></span>
  <?cs if:Pager.NextHref ?><a class="btn btn-sm" rel="next" href="<?cs var:Pager.NextHref ?>"><?cs var:Lang.common.next ?></a><?cs
  else ?><span class="btn btn-sm" aria-disabled="true"><?cs var:Lang.common.next ?></span><?cs /if ?>
</nav>
<?cs /if ?><?cs /def ?>
