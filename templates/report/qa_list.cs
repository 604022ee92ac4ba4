<?cs # qa_list.cs — QA reviews (agents: their own) and the mean score per agent and month.
Reads: Reviews.N.{id,call_id,agent,reviewer,score,comment,created_at}, ByMonth.N.{month,agent,n,mean},
       Perm.score, Lang.qa.* ?>
<div class="page-head"><h1><?cs var:Page.Title ?></h1>
  <?cs if:Perm.admin == "1" ?><div class="page-actions"><a class="btn btn-sm" href="/reports/qa/cards"><?cs var:Lang.qa.cards_link ?></a></div><?cs /if ?></div>
<p><?cs var:Lang.qa.intro ?></p>
<?cs if:Perm.score == "1" ?><p class="form-note no-print"><?cs var:Lang.qa.start_hint ?></p><?cs /if ?>
<section class="card"><h2><?cs var:Lang.qa.by_month ?></h2>
<?cs if:subcount(ByMonth) == 0 ?><p class="empty"><?cs var:Lang.qa.empty ?></p><?cs else ?>
<div class="table-wrap"><table class="table"><thead><tr><th><?cs var:Lang.qa.month ?></th><th><?cs var:Lang.report.col.agent ?></th><th><?cs var:Lang.qa.n ?></th><th><?cs var:Lang.qa.mean ?></th></tr></thead>
<tbody><?cs each:m = ByMonth ?><tr><td><?cs var:m.month ?></td><td><?cs var:m.agent ?></td><td class="num"><?cs var:m.n ?></td><td class="num"><?cs var:m.mean ?></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>
</section>
<section class="card"><h2><?cs var:Lang.qa.review_title ?></h2>
<?cs if:subcount(Reviews) == 0 ?><p class="empty"><?cs var:Lang.qa.empty ?></p><?cs else ?>
<div class="table-wrap"><table class="table qa-reviews"><thead><tr><th><?cs var:Lang.qa.at ?></th><th><?cs var:Lang.report.col.agent ?></th><th><?cs var:Lang.qa.call ?></th><th><?cs var:Lang.qa.score ?></th><th><?cs var:Lang.qa.reviewer ?></th><th><?cs var:Lang.qa.comment ?></th><th></th></tr></thead>
<tbody><?cs each:q = Reviews ?><tr><td><?cs var:q.created_at ?></td><td><?cs var:q.agent ?></td><td class="num"><?cs var:q.call_id ?></td><td class="num"><?cs var:q.score ?></td><td><?cs var:q.reviewer ?></td><td class="wrap"><?cs var:q.comment ?></td><td class="actions"><a class="btn btn-sm" href="/reports/qa/<?cs var:q.id ?>"><?cs var:Lang.qa.open ?></a></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>
</section>
