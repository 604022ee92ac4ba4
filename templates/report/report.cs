<?cs # report.cs — one KPI report (calls, tickets, satisfaction, agents): filters, period,
chart, table with totals; prints on A4 (print.css hides the filters).
Reads: Report.Kind (also meals, residents), Report.Doc.{sl_seconds,short_abandon}, Table*, Table2*, Status.N.{status,n},
       Perm.all, and what macros.cs reads. ?><?cs include:"report/macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1>
  <div class="page-actions"><a class="btn btn-sm" href="/reports"><?cs var:Lang.report.index.title ?></a></div></div>
<?cs call:report_filter(Page.Path) ?>
<?cs call:report_period() ?>
<?cs if:Perm.all != "1" ?><p class="form-note"><?cs var:Lang.report.own_only ?></p><?cs /if ?>
<?cs if:Report.Kind == "calls" ?>
<p class="form-note"><?cs var:Lang.report.formulas ?> <?cs var:Lang.report.sl_note ?> <?cs var:Report.Doc.sl_seconds ?> <?cs var:Lang.report.seconds ?>，<?cs var:Lang.report.short_note ?> <?cs var:Report.Doc.short_abandon ?> <?cs var:Lang.report.seconds ?>。</p>
<?cs /if ?>
<?cs if:Report.Kind == "meals" ?><p class="form-note"><?cs var:Lang.report.meals.note ?></p><?cs /if ?>
<?cs if:Report.Kind == "residents" ?><p class="form-note"><?cs var:Lang.report.residents.note ?></p><?cs /if ?>
<?cs if:Report.Kind == "satisfaction" ?>
<section class="card"><h2><?cs var:Lang.report.satisfaction.calls ?></h2><?cs call:report_table(Table) ?></section>
<section class="card"><h2><?cs var:Lang.report.satisfaction.visits ?></h2><?cs call:report_table(Table2) ?></section>
<?cs else ?>
<?cs call:report_chart() ?>
<section class="report-section"><?cs call:report_table(Table) ?></section>
<?cs /if ?>
<?cs if:Report.Kind == "tickets" && subcount(Status) > 0 ?>
<section class="card"><h2><?cs var:Lang.report.status ?></h2>
<div class="table-wrap"><table class="table"><tbody><?cs each:s = Status ?><tr><th scope="row"><?cs alt:Lang.ticket.status[s.status] ?><?cs var:s.status ?><?cs /alt ?></th><td class="num"><?cs var:s.n ?></td></tr><?cs /each ?></tbody></table></div></section>
<?cs /if ?>
<?cs if:Report.Kind == "agents" && subcount(Report.Total.pause_by_reason) > 0 ?>
<section class="card"><h2><?cs var:Lang.report.agents.by_reason ?></h2>
<dl class="meta"><?cs each:p = Report.Total.pause_by_reason ?><div><dt><?cs var:name(p) ?></dt><dd><?cs var:p ?></dd></div><?cs /each ?></dl></section>
<?cs /if ?>
