<?cs # admin/dictionaries.cs — the data dictionaries and the form for a new one.
Reads: Dictionaries.N.{id,code,label,builtin,item_count}, Form.{code,name},
       Form.Error.{code,name}, CSRF, Lang.admin.dict.{title,code,name,items,builtin,new},
       Lang.admin.roles.code_hint, Lang.common.{actions,view,create,empty,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.admin.dict.title ?></h1>
</div>

<?cs if:subcount(Dictionaries) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.dict.name ?></th>
      <th scope="col"><?cs var:Lang.admin.dict.code ?></th>
      <th scope="col" class="num"><?cs var:Lang.admin.dict.items ?></th>
      <th scope="col"><?cs var:Lang.common.actions ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:d = Dictionaries ?>
    <tr>
      <td>
        <a href="/admin/dictionaries/<?cs var:d.id ?>"><?cs var:d.label ?></a>
        <?cs if:d.builtin == "1" ?><span class="badge badge-muted"><?cs var:Lang.admin.dict.builtin ?></span><?cs /if ?>
      </td>
      <td><code><?cs var:d.code ?></code></td>
      <td class="num"><?cs var:d.item_count ?></td>
      <td class="actions"><a class="btn btn-sm" href="/admin/dictionaries/<?cs var:d.id ?>"><?cs var:Lang.common.view ?></a></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>

<section class="card">
  <h2><?cs var:Lang.admin.dict.new ?></h2>
  <form class="form" method="post" action="/admin/dictionaries">
    <?cs call:csrf() ?>
    <p class="form-note"><?cs var:Lang.common.required_note ?></p>
    <div class="field-row">
      <div class="<?cs call:field_class("code") ?>">
        <label for="f-code"><?cs var:Lang.admin.dict.code ?><?cs call:req_mark() ?></label>
        <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="64" pattern="[a-z0-9_]{2,64}"<?cs call:field_aria("code") ?>>
        <p class="hint"><?cs var:Lang.admin.roles.code_hint ?></p>
        <?cs call:field_error("code") ?>
      </div>
      <div class="<?cs call:field_class("name") ?>">
        <label for="f-name"><?cs var:Lang.admin.dict.name ?><?cs call:req_mark() ?></label>
        <input id="f-name" name="name" value="<?cs var:Form.name ?>" required maxlength="100"<?cs call:field_aria("name") ?>>
        <?cs call:field_error("name") ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.common.create ?></button>
    </div>
  </form>
</section>
