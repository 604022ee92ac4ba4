<?cs # admin/dictionary.cs — one dictionary: its items (each row its own small form), a new item.
Reads: Dict.{id,code,label,builtin}, Items.N.{id,code,label,sort,active},
       Form.{code,label,sort}, Form.Error.{code,label,sort},
       Form.{edit_id,edit_label,edit_sort,edit_active}, Form.Error.{edit_label,edit_sort}, CSRF,
       Lang.admin.dict.{title,code,builtin,items,item_code,item_label,sort,active,new_item},
       Lang.common.{actions,save,delete,confirm_delete,back,empty,required_note}. ?>
<?cs include:"admin/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:Dict.label ?> <?cs if:Dict.builtin == "1" ?><span class="badge badge-muted"><?cs var:Lang.admin.dict.builtin ?></span><?cs /if ?></h1>
    <p class="muted"><?cs var:Lang.admin.dict.code ?> <code><?cs var:Dict.code ?></code></p>
  </div>
  <div class="page-actions">
    <a class="btn btn-link" href="/admin/dictionaries"><?cs var:Lang.common.back ?></a>
    <?cs if:Dict.builtin != "1" ?>
    <form method="post" action="/admin/dictionaries/<?cs var:Dict.id ?>/delete">
      <?cs call:csrf() ?>
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
    </form>
    <?cs /if ?>
  </div>
</div>

<h2 class="section-title"><?cs var:Lang.admin.dict.items ?></h2>
<?cs if:subcount(Items) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.admin.dict.item_code ?></th>
      <th scope="col"><?cs var:Lang.admin.dict.item_label ?></th>
      <th scope="col"><?cs var:Lang.admin.dict.sort ?></th>
      <th scope="col"><?cs var:Lang.admin.dict.active ?></th>
      <th scope="col"><?cs var:Lang.common.actions ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:i = Items ?>
    <?cs if:i.id == Form.edit_id ?><?cs set:Row.label = Form.edit_label ?><?cs set:Row.sort = Form.edit_sort ?><?cs set:Row.active = Form.edit_active ?><?cs
    else ?><?cs set:Row.label = i.label ?><?cs set:Row.sort = i.sort ?><?cs set:Row.active = i.active ?><?cs /if ?>
    <tr>
      <td><code><?cs var:i.code ?></code></td>
      <td>
        <label class="visually-hidden" for="i-<?cs var:i.id ?>-label"><?cs var:Lang.admin.dict.item_label ?></label>
        <input id="i-<?cs var:i.id ?>-label" form="item-<?cs var:i.id ?>" name="label" value="<?cs var:Row.label ?>" required maxlength="100"<?cs if:i.id == Form.edit_id && ?Form.Error.edit_label ?> aria-invalid="true"<?cs /if ?>>
        <?cs if:i.id == Form.edit_id ?><?cs call:field_error("edit_label") ?><?cs /if ?>
      </td>
      <td>
        <label class="visually-hidden" for="i-<?cs var:i.id ?>-sort"><?cs var:Lang.admin.dict.sort ?></label>
        <input id="i-<?cs var:i.id ?>-sort" form="item-<?cs var:i.id ?>" name="sort" type="number" value="<?cs var:Row.sort ?>"<?cs if:i.id == Form.edit_id && ?Form.Error.edit_sort ?> aria-invalid="true"<?cs /if ?>>
        <?cs if:i.id == Form.edit_id ?><?cs call:field_error("edit_sort") ?><?cs /if ?>
      </td>
      <td>
        <label class="check"><input form="item-<?cs var:i.id ?>" type="checkbox" name="active" value="1"<?cs if:Row.active == "1" ?> checked<?cs /if ?>> <?cs var:Lang.admin.dict.active ?></label>
      </td>
      <td class="actions">
        <form id="item-<?cs var:i.id ?>" method="post" action="/admin/dictionaries/<?cs var:Dict.id ?>/items/<?cs var:i.id ?>">
          <?cs call:csrf() ?>
          <button type="submit" class="btn btn-sm"><?cs var:Lang.common.save ?></button>
        </form>
        <form method="post" action="/admin/dictionaries/<?cs var:Dict.id ?>/items/<?cs var:i.id ?>/delete">
          <?cs call:csrf() ?>
          <button type="submit" class="btn btn-sm btn-danger" data-confirm="<?cs var:Lang.common.confirm_delete ?>"><?cs var:Lang.common.delete ?></button>
        </form>
      </td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.common.empty ?></p>
<?cs /if ?>

<section class="card">
  <h2><?cs var:Lang.admin.dict.new_item ?></h2>
  <form class="form" method="post" action="/admin/dictionaries/<?cs var:Dict.id ?>/items">
    <?cs call:csrf() ?>
    <p class="form-note"><?cs var:Lang.common.required_note ?></p>
    <div class="field-row">
      <div class="<?cs call:field_class("code") ?>">
        <label for="f-code"><?cs var:Lang.admin.dict.item_code ?><?cs call:req_mark() ?></label>
        <input id="f-code" name="code" value="<?cs var:Form.code ?>" required maxlength="64" pattern="[a-z0-9_]{1,64}"<?cs call:field_aria("code") ?>>
        <?cs call:field_error("code") ?>
      </div>
      <div class="<?cs call:field_class("label") ?>">
        <label for="f-label"><?cs var:Lang.admin.dict.item_label ?><?cs call:req_mark() ?></label>
        <input id="f-label" name="label" value="<?cs var:Form.label ?>" required maxlength="100"<?cs call:field_aria("label") ?>>
        <?cs call:field_error("label") ?>
      </div>
      <div class="<?cs call:field_class("sort") ?>">
        <label for="f-sort"><?cs var:Lang.admin.dict.sort ?></label>
        <input id="f-sort" name="sort" type="number" value="<?cs var:Form.sort ?>"<?cs call:field_aria("sort") ?>>
        <?cs call:field_error("sort") ?>
      </div>
    </div>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary"><?cs var:Lang.admin.dict.new_item ?></button>
    </div>
  </form>
</section>
