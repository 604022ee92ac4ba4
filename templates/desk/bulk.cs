<?cs # desk/bulk.cs — bulk SMS: choose the residents (a building, a community or a tag), the
text and whether it is essential; the next step previews the count.  Recent bulk sends below.
Reads: Form.{target,building,community,tag,text,essential,segments}, Form.Error.{target,text},
       Buildings.N.{id,name,community}, Communities.N.{id,name}, Tags.N.{code,label},
       Bulks.N.{id,target_label,status,recipients,skipped,created_at,sent_at,sender,excerpt},
       CSRF, Lang.message.bulk.*, Lang.message.one.{count,gsm,ucs2,parts_unit,text_hint},
       Lang.common.{empty,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.message.bulk.title ?></h1>
  <div class="page-actions"><a class="btn" href="/messages"><?cs var:Lang.message.log.title ?></a></div>
</div>

<section class="card">
<form class="form" method="post" action="/messages/bulk">
  <?cs call:csrf() ?>
  <p class="form-note"><?cs var:Lang.common.required_note ?></p>
  <fieldset class="checks <?cs call:field_class("target") ?>">
    <legend><?cs var:Lang.message.bulk.target ?><?cs call:req_mark() ?></legend>
    <div class="field-row">
      <div class="field">
        <label class="check"><input type="radio" name="target" value="building"<?cs if:Form.target == "building" ?> checked<?cs /if ?>> <?cs var:Lang.message.bulk.by_building ?></label>
        <label class="visually-hidden" for="f-building"><?cs var:Lang.message.bulk.by_building ?></label>
        <select id="f-building" name="building">
          <option value=""></option>
          <?cs each:b = Buildings ?><option value="<?cs var:b.id ?>"<?cs if:Form.building == b.id ?> selected<?cs /if ?>><?cs var:b.community ?> <?cs var:b.name ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label class="check"><input type="radio" name="target" value="community"<?cs if:Form.target == "community" ?> checked<?cs /if ?>> <?cs var:Lang.message.bulk.by_community ?></label>
        <label class="visually-hidden" for="f-community"><?cs var:Lang.message.bulk.by_community ?></label>
        <select id="f-community" name="community">
          <option value=""></option>
          <?cs each:c = Communities ?><option value="<?cs var:c.id ?>"<?cs if:Form.community == c.id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label class="check"><input type="radio" name="target" value="tag"<?cs if:Form.target == "tag" ?> checked<?cs /if ?>> <?cs var:Lang.message.bulk.by_tag ?></label>
        <label class="visually-hidden" for="f-tag"><?cs var:Lang.message.bulk.by_tag ?></label>
        <select id="f-tag" name="tag">
          <option value=""></option>
          <?cs each:t = Tags ?><option value="<?cs var:t.code ?>"<?cs if:Form.tag == t.code ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?>
        </select>
      </div>
    </div>
    <?cs call:field_error("target") ?>
  </fieldset>
  <div class="<?cs call:field_class("text") ?>">
    <label for="f-text"><?cs var:Lang.message.bulk.text ?><?cs call:req_mark() ?></label>
    <textarea id="f-text" name="text" required rows="5" data-sms-count="f-text-count" aria-describedby="f-text-count"<?cs call:field_aria("text") ?>><?cs var:Form.text ?></textarea>
    <p class="hint" id="f-text-count" aria-live="polite" data-template="<?cs var:Lang.message.one.count ?>" data-gsm="<?cs var:Lang.message.one.gsm ?>" data-ucs2="<?cs var:Lang.message.one.ucs2 ?>"><?cs if:Form.segments ?><?cs var:Form.segments ?> <?cs var:Lang.message.one.parts_unit ?><?cs /if ?></p>
    <p class="hint"><?cs var:Lang.message.one.text_hint ?></p>
    <?cs call:field_error("text") ?>
  </div>
  <div class="field">
    <label class="check"><input type="checkbox" name="essential" value="1"<?cs if:Form.essential == "1" ?> checked<?cs /if ?>> <?cs var:Lang.message.bulk.essential ?></label>
    <p class="hint"><?cs var:Lang.message.bulk.essential_hint ?></p>
  </div>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.message.bulk.preview ?></button>
  </div>
</form>
</section>

<section class="card">
  <h2><?cs var:Lang.message.bulk.recent ?></h2>
  <?cs if:subcount(Bulks) > 0 ?>
  <div class="table-wrap"><table class="table">
    <thead><tr><th scope="col"><?cs var:Lang.message.bulk.sent_at ?></th><th scope="col"><?cs var:Lang.message.bulk.target ?></th><th scope="col"><?cs var:Lang.message.bulk.text ?></th><th scope="col" class="num"><?cs var:Lang.message.bulk.recipients ?></th><th scope="col" class="num"><?cs var:Lang.message.bulk.skipped ?></th><th scope="col"><?cs var:Lang.message.bulk.sender ?></th></tr></thead>
    <tbody><?cs each:b = Bulks ?>
      <tr><td class="nowrap"><a href="/messages/bulk/<?cs var:b.id ?>"><?cs var:b.sent_at ?></a></td><td><?cs var:b.target_label ?></td><td class="wrap"><?cs var:b.excerpt ?></td><td class="num"><?cs var:b.recipients ?></td><td class="num"><?cs var:b.skipped ?></td><td><?cs var:b.sender ?></td></tr>
    <?cs /each ?></tbody>
  </table></div>
  <?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
</section>
<script src="/static/js/sms.js" defer></script>
