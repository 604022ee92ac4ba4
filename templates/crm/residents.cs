<?cs # crm/residents.cs — residents: search by phone or name, filters, one page of the list.
Reads: Filter.{q,text,community,building,unit,room,tag,level,category,by_phone},
       Communities.N.{id,name}, Levels.N.{code,label}, Categories.N.{code,label},
       TagList.N.{code,label}, Residents.N.{id,name,level,level_label,category_label,
       updated_at,address,more_households,Phones.M.phone,Tags.M.{label,class}}, Pager.*,
       Export.Href, Can.{edit,import}, Lang.crm.res.*, Lang.common.{search,reset,empty,prev,next,
       page,pages}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.crm.res.title ?></h1>
  <div class="page-actions">
    <a class="btn" href="<?cs var:Export.Href ?>"><?cs var:Lang.crm.res.export ?></a>
    <?cs if:Can.import ?><a class="btn" href="/crm/import?kind=residents"><?cs var:Lang.crm.res.import ?></a><?cs /if ?>
    <?cs if:Can.edit ?><a class="btn btn-primary" href="/crm/residents/new"><?cs var:Lang.crm.res.new ?></a><?cs /if ?>
  </div>
</div>

<div class="toolbar">
  <form method="get" action="/crm/residents" role="search">
    <label class="visually-hidden" for="f-q"><?cs var:Lang.crm.res.search ?></label>
    <input id="f-q" name="q" type="search" value="<?cs var:Filter.q ?>" maxlength="64" placeholder="<?cs var:Lang.crm.res.search_hint ?>" autofocus>
    <label class="visually-hidden" for="f-text"><?cs var:Lang.crm.res.text ?></label>
    <input id="f-text" name="text" type="search" value="<?cs var:Filter.text ?>" maxlength="64" placeholder="<?cs var:Lang.crm.res.text_hint ?>">
    <label class="visually-hidden" for="f-community"><?cs var:Lang.crm.res.community ?></label>
    <select id="f-community" name="community">
      <option value="">— <?cs var:Lang.crm.res.community ?> —</option>
      <?cs each:c = Communities ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Filter.community ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
    </select>
    <label class="visually-hidden" for="f-building"><?cs var:Lang.crm.res.building ?></label>
    <input id="f-building" name="building" value="<?cs var:Filter.building ?>" maxlength="32" placeholder="<?cs var:Lang.crm.res.building ?>: <?cs var:Lang.crm.res.building_hint ?>">
    <label class="visually-hidden" for="f-unit"><?cs var:Lang.crm.res.unit ?></label>
    <input id="f-unit" name="unit" value="<?cs var:Filter.unit ?>" maxlength="32" placeholder="<?cs var:Lang.crm.res.unit ?>: <?cs var:Lang.crm.res.unit_hint ?>">
    <label class="visually-hidden" for="f-room"><?cs var:Lang.crm.res.room ?></label>
    <input id="f-room" name="room" value="<?cs var:Filter.room ?>" maxlength="16" placeholder="<?cs var:Lang.crm.res.room ?>: <?cs var:Lang.crm.res.room_hint ?>">
    <label class="visually-hidden" for="f-tag"><?cs var:Lang.crm.res.tag ?></label>
    <select id="f-tag" name="tag">
      <option value="">— <?cs var:Lang.crm.res.tag ?> —</option>
      <?cs each:t = TagList ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Filter.tag ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?>
    </select>
    <label class="visually-hidden" for="f-level"><?cs var:Lang.crm.res.level ?></label>
    <select id="f-level" name="level">
      <option value="">— <?cs var:Lang.crm.res.level ?> —</option>
      <?cs each:l = Levels ?><option value="<?cs var:l.code ?>"<?cs if:l.code == Filter.level ?> selected<?cs /if ?>><?cs var:l.label ?></option><?cs /each ?>
    </select>
    <label class="visually-hidden" for="f-category"><?cs var:Lang.crm.res.category ?></label>
    <select id="f-category" name="category">
      <option value="">— <?cs var:Lang.crm.res.category ?> —</option>
      <?cs each:c = Categories ?><option value="<?cs var:c.code ?>"<?cs if:c.code == Filter.category ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?>
    </select>
    <button type="submit" class="btn btn-primary"><?cs var:Lang.common.search ?></button>
    <a class="btn btn-link" href="/crm/residents"><?cs var:Lang.common.reset ?></a>
  </form>
</div>

<?cs if:subcount(Residents) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.crm.res.name ?></th>
      <th scope="col"><?cs var:Lang.crm.res.phones ?></th>
      <th scope="col"><?cs var:Lang.crm.res.address ?></th>
      <th scope="col"><?cs var:Lang.crm.res.tags ?></th>
      <th scope="col"><?cs var:Lang.crm.res.category ?></th>
      <th scope="col"><?cs var:Lang.crm.res.updated ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:p = Residents ?>
    <tr>
      <td><a href="/crm/residents/<?cs var:p.id ?>"><?cs var:p.name ?></a> <?cs call:level_badge(p.level, p.level_label) ?></td>
      <td><?cs each:ph = p.Phones ?><?cs var:ph.phone ?><?cs if:!last(ph) ?><br><?cs /if ?><?cs /each ?></td>
      <td class="wrap"><?cs var:p.address ?><?cs if:p.more_households ?> <span class="muted">+<?cs var:p.more_households ?></span><?cs /if ?></td>
      <td><span class="badges"><?cs each:t = p.Tags ?><span class="badge <?cs var:t.class ?>"><?cs var:t.label ?></span><?cs /each ?></span></td>
      <td><?cs var:p.category_label ?></td>
      <td><?cs var:p.updated_at ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs if:Filter.by_phone ?><?cs var:Lang.crm.res.no_phone_match ?><?cs else ?><?cs var:Lang.common.empty ?><?cs /if ?></p>
<?cs /if ?>
<?cs call:pager() ?>
