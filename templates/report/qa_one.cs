<?cs # qa_one.cs — one QA review.  Reads: Review.{id,call_id,agent,reviewer,score,comment,created_at,card},
Items.N.{name,description,weight,max_score,score}, Lang.qa.* ?>
<div class="page-head"><h1><?cs var:Page.Title ?> · <?cs var:Review.agent ?></h1>
  <div class="page-actions"><a class="btn btn-sm" href="/reports/qa"><?cs var:Lang.qa.title ?></a></div></div>
<dl class="meta">
  <div><dt><?cs var:Lang.qa.score ?></dt><dd class="qa-score"><?cs var:Review.score ?></dd></div>
  <div><dt><?cs var:Lang.qa.call ?></dt><dd><?cs var:Review.call_id ?></dd></div>
  <div><dt><?cs var:Lang.qa.card ?></dt><dd><?cs var:Review.card ?></dd></div>
  <div><dt><?cs var:Lang.qa.reviewer ?></dt><dd><?cs var:Review.reviewer ?></dd></div>
  <div><dt><?cs var:Lang.qa.at ?></dt><dd><?cs var:Review.created_at ?></dd></div>
  <div><dt><?cs var:Lang.qa.comment ?></dt><dd class="qa-comment"><?cs var:Review.comment ?></dd></div>
</dl>
<div class="table-wrap"><table class="table"><thead><tr><th><?cs var:Lang.qa.item ?></th><th><?cs var:Lang.qa.weight ?></th><th><?cs var:Lang.qa.score ?></th><th><?cs var:Lang.qa.max ?></th></tr></thead>
<tbody><?cs each:i = Items ?><tr><td><?cs var:i.name ?><br><span class="hint"><?cs var:i.description ?></span></td><td class="num"><?cs var:i.weight ?></td><td class="num"><?cs var:i.score ?></td><td class="num"><?cs var:i.max_score ?></td></tr><?cs /each ?></tbody></table></div>
