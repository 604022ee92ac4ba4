<?cs # index.cs — the reports' start page.  Reads: Perm.all, Perm.qa, Lang.report.*, Lang.qa.* ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1></div>
<p><?cs var:Lang.report.index.intro ?></p>
<div class="grid">
  <a class="card stat" href="/reports/daily"><span class="stat-title"><?cs var:Lang.report.daily.title ?></span><span class="hint"><?cs var:Lang.report.daily.desc ?></span></a>
  <a class="card stat" href="/reports/calls"><span class="stat-title"><?cs var:Lang.report.calls.title ?></span><span class="hint"><?cs var:Lang.report.calls.desc ?></span></a>
  <?cs if:Perm.all == "1" ?>
  <a class="card stat" href="/reports/tickets"><span class="stat-title"><?cs var:Lang.report.tickets.title ?></span><span class="hint"><?cs var:Lang.report.tickets.desc ?></span></a>
  <a class="card stat" href="/reports/satisfaction"><span class="stat-title"><?cs var:Lang.report.satisfaction.title ?></span><span class="hint"><?cs var:Lang.report.satisfaction.desc ?></span></a>
  <a class="card stat" href="/reports/meals"><span class="stat-title"><?cs var:Lang.report.meals.title ?></span><span class="hint"><?cs var:Lang.report.meals.desc ?></span></a>
  <a class="card stat" href="/reports/residents"><span class="stat-title"><?cs var:Lang.report.residents.title ?></span><span class="hint"><?cs var:Lang.report.residents.desc ?></span></a>
  <?cs /if ?>
  <a class="card stat" href="/reports/agents"><span class="stat-title"><?cs var:Lang.report.agents.title ?></span><span class="hint"><?cs var:Lang.report.agents.desc ?></span></a>
  <a class="card stat" href="/reports/qa"><span class="stat-title"><?cs var:Lang.qa.title ?></span><span class="hint"><?cs var:Lang.qa.intro ?></span></a>
  <?cs if:Perm.all == "1" ?>
  <a class="card stat" href="/reports/settings"><span class="stat-title"><?cs var:Lang.report.settings.title ?></span><span class="hint"><?cs var:Lang.report.settings.desc ?></span></a>
  <?cs /if ?>
</div>
