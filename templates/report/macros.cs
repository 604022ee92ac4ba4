<?cs # macros.cs — shared parts of the report pages.
Reads: Filter.*, Groups.N.{code,label}, Choices.{Queues,Departments,Agents,Communities,Types}.N,
       Perm.all, Report.{Kind,CsvUrl,GeneratedAt}, Table.{Head.N,Rows.N.Cells.M,Total.Cells.M},
       Chart.*, App.Company, Page.Title, Lang.report.* ?><?cs
def:report_filter(path) ?>
<form class="toolbar no-print" method="get" action="<?cs var:path ?>">
  <label><?cs var:Lang.report.from ?> <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
  <label><?cs var:Lang.report.to ?> <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
  <label><?cs var:Lang.report.group_by ?> <select name="group"><?cs each:g = Groups ?>
    <option value="<?cs var:g.code ?>"<?cs if:g.code == Filter.group ?> selected<?cs /if ?>><?cs var:g.label ?></option><?cs /each ?>
  </select></label>
  <?cs if:Perm.all == "1" ?>
  <?cs if:Report.Kind == "calls" ?><label><?cs var:Lang.report.queue ?> <select name="queue"><option value=""><?cs var:Lang.report.any ?></option><?cs each:q = Choices.Queues ?>
    <option value="<?cs var:q.code ?>"<?cs if:q.code == Filter.queue ?> selected<?cs /if ?>><?cs var:q.name ?></option><?cs /each ?></select></label><?cs /if ?>
  <?cs if:Report.Kind != "meals" && Report.Kind != "residents" ?>
  <label><?cs var:Lang.report.department ?> <select name="department_id"><option value="0"><?cs var:Lang.report.any ?></option><?cs each:d = Choices.Departments ?>
    <option value="<?cs var:d.id ?>"<?cs if:d.id == Filter.department_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select></label>
  <label><?cs var:Lang.report.agent ?> <select name="agent_id"><option value="0"><?cs var:Lang.report.any ?></option><?cs each:a = Choices.Agents ?>
    <option value="<?cs var:a.id ?>"<?cs if:a.id == Filter.agent_id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></label>
  <?cs /if ?>
  <?cs if:Report.Kind == "tickets" || Report.Kind == "satisfaction" || Report.Kind == "meals" || Report.Kind == "residents" ?>
  <label><?cs var:Lang.report.community ?> <select name="community_id"><option value="0"><?cs var:Lang.report.any ?></option><?cs each:c = Choices.Communities ?>
    <option value="<?cs var:c.id ?>"<?cs if:c.id == Filter.community_id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select></label>
  <?cs if:Report.Kind != "meals" && Report.Kind != "residents" ?><label><?cs var:Lang.report.type ?> <select name="type_id"><option value="0"><?cs var:Lang.report.any ?></option><?cs each:t = Choices.Types ?>
    <option value="<?cs var:t.id ?>"<?cs if:t.id == Filter.type_id ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?></select></label><?cs /if ?>
  <?cs /if ?>
  <?cs /if ?>
  <button class="btn btn-primary btn-sm" type="submit"><?cs var:Lang.report.apply ?></button>
  <span class="spacer"></span>
  <a class="btn btn-sm" href="<?cs var:Report.CsvUrl ?>"><?cs var:Lang.report.csv ?></a>
</form><?cs /def ?><?cs
def:report_period() ?>
<dl class="meta report-meta">
  <div><dt><?cs var:Lang.report.period ?></dt><dd><?cs var:Filter.from ?> — <?cs var:Filter.to ?></dd></div>
  <div><dt><?cs var:Lang.report.company ?></dt><dd><?cs var:App.Company ?></dd></div>
  <div><dt><?cs var:Lang.report.generated ?></dt><dd><?cs var:Report.GeneratedAt ?></dd></div>
</dl><?cs /def ?><?cs
def:report_table(t) ?>
<?cs if:subcount(t.Rows) == 0 ?><p class="empty"><?cs var:Lang.report.empty ?></p><?cs else ?>
<div class="table-wrap"><table class="table report-table">
<thead><tr class="print-only-row"><th colspan="<?cs var:subcount(t.Head) ?>"><?cs var:Page.Title ?> · <?cs var:Lang.report.period ?> <?cs var:Filter.from ?> — <?cs var:Filter.to ?><?cs if:App.Company ?> · <?cs var:App.Company ?><?cs /if ?> · <?cs var:Lang.report.generated ?> <?cs var:Report.GeneratedAt ?></th></tr>
<tr><?cs each:h = t.Head ?><th scope="col"><?cs var:h ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:row = t.Rows ?><tr><?cs each:c = row.Cells ?><?cs if:name(c) == "0" ?><th scope="row"><?cs var:c ?></th><?cs else ?><td class="num"><?cs var:c ?></td><?cs /if ?><?cs /each ?></tr><?cs /each ?></tbody>
<?cs if:subcount(t.Total.Cells) > 0 ?><tfoot><tr class="total"><?cs each:c = t.Total.Cells ?><?cs if:name(c) == "0" ?><th scope="row"><?cs var:c ?></th><?cs else ?><td class="num"><?cs var:c ?></td><?cs /if ?><?cs /each ?></tr></tfoot><?cs /if ?>
</table></div><?cs /if ?><?cs /def ?><?cs
def:report_chart() ?><?cs if:subcount(Chart.Bars) > 0 ?>
<figure class="report-chart">
<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 <?cs var:Chart.W ?> <?cs var:Chart.H ?>" width="100%" aria-label="<?cs var:Page.Title ?>">
  <?cs each:t = Chart.Ticks ?><line x1="<?cs var:Chart.Left ?>" x2="<?cs var:Chart.W ?>" y1="<?cs var:t.y ?>" y2="<?cs var:t.y ?>" stroke="#d0d7e2" stroke-width="1"/>
  <text x="<?cs var:Chart.TickX ?>" y="<?cs var:t.ty ?>" text-anchor="end" font-size="11" fill="#333"><?cs var:t.v ?></text><?cs /each ?>
  <?cs each:b = Chart.Bars ?><rect x="<?cs var:b.x ?>" y="<?cs var:b.ya ?>" width="<?cs var:b.w ?>" height="<?cs var:b.ha ?>" fill="#3b6fb6"><title><?cs var:b.label ?> <?cs var:Chart.LabelA ?> <?cs var:b.va ?></title></rect>
  <rect x="<?cs var:b.xb ?>" y="<?cs var:b.yb ?>" width="<?cs var:b.w ?>" height="<?cs var:b.hb ?>" fill="#5fb36b"><title><?cs var:b.label ?> <?cs var:Chart.LabelB ?> <?cs var:b.vb ?></title></rect>
  <?cs if:b.label ?><text x="<?cs var:b.lx ?>" y="<?cs var:Chart.LabelY ?>" text-anchor="middle" font-size="10" fill="#333"><?cs var:b.label ?></text><?cs /if ?><?cs /each ?>
  <line x1="<?cs var:Chart.Left ?>" x2="<?cs var:Chart.W ?>" y1="<?cs var:Chart.Base ?>" y2="<?cs var:Chart.Base ?>" stroke="#333" stroke-width="1"/>
  <rect x="<?cs var:Chart.Left ?>" y="2" width="10" height="10" fill="#3b6fb6"/><text x="<?cs var:Chart.LegA ?>" y="11" font-size="11" fill="#333"><?cs var:Chart.LabelA ?></text>
  <rect x="<?cs var:Chart.LegB ?>" y="2" width="10" height="10" fill="#5fb36b"/><text x="<?cs var:Chart.LegBT ?>" y="11" font-size="11" fill="#333"><?cs var:Chart.LabelB ?></text>
</svg>
</figure><?cs /if ?><?cs /def ?>
