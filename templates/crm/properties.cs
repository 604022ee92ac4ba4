<?cs # crm/properties.cs — the communities with their building and household counts.
Reads: Communities.N.{id,code,name,city,district,phone,building_count,household_count,
       stopped_count}, Pager.*, Can.{import,view}, Lang.crm.prop.*, Lang.common.{empty,prev,
       next,page,pages}. ?>
<?cs include:"crm/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.crm.prop.title ?></h1>
  <div class="page-actions">
    <?cs if:Can.view ?><a class="btn" href="/crm/properties.csv"><?cs var:Lang.crm.prop.export ?></a><?cs /if ?>
    <?cs if:Can.import ?><a class="btn" href="/crm/import?kind=properties"><?cs var:Lang.crm.prop.import ?></a><?cs /if ?>
    <a class="btn btn-primary" href="/crm/properties/new"><?cs var:Lang.crm.prop.community_new ?></a>
  </div>
</div>

<?cs if:subcount(Communities) > 0 ?>
<div class="table-wrap">
<table class="table">
  <thead>
    <tr>
      <th scope="col"><?cs var:Lang.crm.prop.community ?></th>
      <th scope="col"><?cs var:Lang.crm.prop.code ?></th>
      <th scope="col"><?cs var:Lang.crm.prop.location ?></th>
      <th scope="col"><?cs var:Lang.crm.prop.phone ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.buildings ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.households ?></th>
      <th scope="col" class="num"><?cs var:Lang.crm.prop.stopped ?></th>
    </tr>
  </thead>
  <tbody>
    <?cs each:c = Communities ?>
    <tr>
      <td><a href="/crm/properties/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
      <td><code><?cs var:c.code ?></code></td>
      <td><?cs var:c.city ?> <?cs var:c.district ?></td>
      <td><?cs var:c.phone ?></td>
      <td class="num"><?cs var:c.building_count ?></td>
      <td class="num"><?cs var:c.household_count ?></td>
      <td class="num"><?cs var:c.stopped_count ?></td>
    </tr>
    <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<p class="empty"><?cs var:Lang.crm.prop.none ?></p>
<?cs /if ?>
<?cs call:pager() ?>
