<?cs # daily.cs — today's summary for a wallboard (reloads every 30 s via Page.Refresh).
Reads: Daily.Day, Daily.Calls.*, Daily.Tickets.*, Perm.all, Table (per queue), Lang.report.* ?><?cs include:"report/macros.cs" ?>
<div class="page-head"><h1><?cs var:Page.Title ?> · <?cs var:Daily.Day ?></h1></div>
<h2><?cs var:Lang.report.daily.calls ?></h2>
<div class="grid daily">
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.offered ?></span><span class="stat-value"><?cs var:Daily.Calls.offered ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.answered ?></span><span class="stat-value"><?cs var:Daily.Calls.answered ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.abandoned ?></span><span class="stat-value"><?cs var:Daily.Calls.abandoned ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.service_level ?></span><span class="stat-value"><?cs alt:Daily.Calls.service_level ?>—<?cs /alt ?>%</span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.asa ?></span><span class="stat-value"><?cs alt:Daily.Calls.asa ?>—<?cs /alt ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.aht ?></span><span class="stat-value"><?cs alt:Daily.Calls.aht ?>—<?cs /alt ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.max_wait ?></span><span class="stat-value"><?cs var:Daily.Calls.max_wait ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.satisfaction_rate ?></span><span class="stat-value"><?cs alt:Daily.Calls.satisfaction_rate ?>—<?cs /alt ?>%</span></div>
</div>
<?cs if:Perm.all == "1" ?>
<h2><?cs var:Lang.report.daily.tickets ?></h2>
<div class="grid daily">
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.created ?></span><span class="stat-value"><?cs var:Daily.Tickets.created ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.resolved ?></span><span class="stat-value"><?cs var:Daily.Tickets.resolved ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.sla_attainment ?></span><span class="stat-value"><?cs alt:Daily.Tickets.sla_attainment ?>—<?cs /alt ?>%</span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.report.col.mean_resolution ?></span><span class="stat-value"><?cs alt:Daily.Tickets.mean_resolution_hours ?>—<?cs /alt ?></span></div>
</div>
<?cs /if ?>
<section class="card"><h2><?cs var:Lang.report.group.queue ?></h2><?cs call:report_table(Table) ?></section>
