<?cs # crm/import_result.cs — what a successful import did (read back from its audit record).
Reads: Result.{kind,done_at,rows,created,updated,unchanged,communities,buildings,units,encoding,
       file}, Can.{view,properties}, Lang.crm.import.*. ?>
<div class="page-head">
  <h1><?cs var:Lang.crm.import.result_title ?></h1>
  <div class="page-actions">
    <a class="btn" href="/crm/import"><?cs var:Lang.crm.import.again ?></a>
    <?cs if:Result.kind == "residents" && Can.view ?><a class="btn btn-primary" href="/crm/residents"><?cs var:Lang.crm.import.to_residents ?></a><?cs /if ?>
    <?cs if:Result.kind == "properties" && Can.properties ?><a class="btn btn-primary" href="/crm/properties"><?cs var:Lang.crm.import.to_properties ?></a><?cs /if ?>
  </div>
</div>

<section class="card">
  <dl class="meta">
    <div><dt><?cs var:Lang.crm.import.file ?></dt><dd><?cs var:Result.file ?></dd></div>
    <div><dt><?cs var:Lang.crm.import.kind ?></dt><dd><?cs if:Result.kind == "properties" ?><?cs var:Lang.crm.import.kind_properties ?><?cs else ?><?cs var:Lang.crm.import.kind_residents ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.crm.import.encoding ?></dt><dd><?cs var:Result.encoding ?></dd></div>
    <div><dt><?cs var:Lang.crm.import.at ?></dt><dd><?cs var:Result.done_at ?></dd></div>
  </dl>
</section>

<div class="grid">
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.rows ?></span><span class="stat-value"><?cs var:Result.rows ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.created ?></span><span class="stat-value"><?cs var:Result.created ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.updated ?></span><span class="stat-value"><?cs var:Result.updated ?></span></div>
  <?cs if:Result.kind == "properties" ?>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.unchanged ?></span><span class="stat-value"><?cs var:Result.unchanged ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.new_communities ?></span><span class="stat-value"><?cs var:Result.communities ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.new_buildings ?></span><span class="stat-value"><?cs var:Result.buildings ?></span></div>
  <div class="card stat"><span class="stat-title"><?cs var:Lang.crm.import.new_units ?></span><span class="stat-value"><?cs var:Result.units ?></span></div>
  <?cs /if ?>
</div>
