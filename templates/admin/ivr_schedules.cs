<?cs # admin/ivr_schedules.cs — office-hour schedules.
Reads: Schedules.N.{id,name,description,duty_staff,duty_number,range_count,holiday_count},
       Lang.ivr.schedules.*, Lang.common.*. ?>
<?cs include:"admin/ivr_macros.cs" ?>
<div class="page-head"><h1><?cs var:Lang.ivr.title ?></h1></div>
<?cs call:ivr_tabs() ?>
<div class="toolbar">
  <h2 class="section-title"><?cs var:Lang.ivr.schedules.title ?></h2>
  <span class="spacer"></span>
  <a class="btn btn-primary" href="/admin/ivr/schedules/new"><?cs var:Lang.ivr.schedules.new ?></a>
</div>
<?cs if:subcount(Schedules) > 0 ?>
<div class="table-wrap"><table class="table">
  <thead><tr>
    <th scope="col"><?cs var:Lang.ivr.schedules.name ?></th>
    <th scope="col"><?cs var:Lang.ivr.schedules.duty ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.schedules.range_count ?></th>
    <th scope="col" class="num"><?cs var:Lang.ivr.schedules.holiday_count ?></th>
  </tr></thead>
  <tbody><?cs each:s = Schedules ?>
    <tr>
      <td><a href="/admin/ivr/schedules/<?cs var:s.id ?>"><?cs var:s.name ?></a><?cs if:s.description ?><div class="muted"><?cs var:s.description ?></div><?cs /if ?></td>
      <td><?cs var:s.duty_staff ?><?cs if:s.duty_staff && s.duty_number ?> / <?cs /if ?><?cs var:s.duty_number ?></td>
      <td class="num"><?cs var:s.range_count ?></td>
      <td class="num"><?cs var:s.holiday_count ?></td>
    </tr><?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="empty"><?cs var:Lang.common.empty ?></p><?cs /if ?>
