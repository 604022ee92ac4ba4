<?cs # crm/merge.cs — merge a duplicate resident into the one that stays: search, compare,
confirm.
Reads: Dup.{id,name,ticket_count,call_count,Phones.N.phone,Households.N.{address,relation},
       Tags.N.label}, Surv.* (the same, when chosen), Filter.q,
       Candidates.N.{id,name,address,Phones.M.phone}, CandidateCount, CSRF, Lang.crm.merge.*, Lang.crm.res.*,
       Lang.crm.rel.*, Lang.common.{search,back,none,cancel}. ?>
<?cs include:"crm/macros.cs" ?><?cs
def:side(s) ?>
  <h2><?cs var:s.name ?> <span class="muted">#<?cs var:s.id ?></span></h2>
  <dl class="meta meta-stack">
    <div><dt><?cs var:Lang.crm.res.phones ?></dt><dd><?cs each:p = s.Phones ?><?cs var:p.phone ?><?cs if:!last(p) ?>, <?cs /if ?><?cs /each ?><?cs if:subcount(s.Phones) == 0 ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.households ?></dt><dd><?cs each:h = s.Households ?><?cs var:h.address ?> (<?cs call:relation(h.relation) ?>)<?cs if:!last(h) ?><br><?cs /if ?><?cs /each ?><?cs if:subcount(s.Households) == 0 ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.tags ?></dt><dd><?cs each:t = s.Tags ?><?cs var:t.label ?><?cs if:!last(t) ?>、<?cs /if ?><?cs /each ?><?cs if:subcount(s.Tags) == 0 ?><?cs var:Lang.common.none ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.tickets ?></dt><dd><?cs var:s.ticket_count ?></dd></div>
    <div><dt><?cs var:Lang.crm.res.calls ?></dt><dd><?cs var:s.call_count ?></dd></div>
  </dl>
<?cs /def ?>
<div class="page-head">
  <h1><?cs var:Lang.crm.merge.title ?></h1>
  <div class="page-actions">
    <a class="btn btn-link" href="/crm/residents/<?cs var:Dup.id ?>"><?cs var:Lang.common.back ?></a>
  </div>
</div>
<p class="lead"><?cs var:Lang.crm.merge.intro ?></p>

<div class="cols">
<section class="card">
  <p class="eyebrow"><?cs var:Lang.crm.merge.duplicate ?></p>
  <?cs call:side(Dup) ?>
</section>

<section class="card">
  <p class="eyebrow"><?cs var:Lang.crm.merge.survivor ?></p>
  <?cs if:Surv.id ?>
  <?cs call:side(Surv) ?>
  <form class="form" method="post" action="/crm/residents/<?cs var:Dup.id ?>/merge">
    <?cs call:csrf() ?>
    <input type="hidden" name="survivor" value="<?cs var:Surv.id ?>">
    <p><?cs var:Lang.crm.merge.confirm_text ?></p>
    <div class="form-actions">
      <button type="submit" class="btn btn-danger" data-confirm="<?cs var:Lang.crm.merge.confirm ?>"><?cs var:Lang.crm.merge.submit ?></button>
      <a class="btn btn-link" href="/crm/residents/<?cs var:Dup.id ?>/merge"><?cs var:Lang.common.cancel ?></a>
    </div>
  </form>
  <?cs else ?>
  <form method="get" action="/crm/residents/<?cs var:Dup.id ?>/merge" role="search" class="toolbar">
    <label class="visually-hidden" for="f-q"><?cs var:Lang.crm.res.search ?></label>
    <input id="f-q" name="q" type="search" value="<?cs var:Filter.q ?>" maxlength="64" placeholder="<?cs var:Lang.crm.res.search_hint ?>">
    <button type="submit" class="btn"><?cs var:Lang.common.search ?></button>
  </form>
  <?cs if:Filter.q ?>
  <ul>
    <?cs each:c = Candidates ?><?cs if:c.id != Dup.id ?>
    <li><a href="/crm/residents/<?cs var:Dup.id ?>/merge?survivor=<?cs var:c.id ?>"><?cs var:c.name ?></a>
      <span class="muted">#<?cs var:c.id ?> · <?cs each:p = c.Phones ?><?cs var:p.phone ?> <?cs /each ?><?cs var:c.address ?></span></li>
    <?cs /if ?><?cs /each ?>
  </ul>
  <?cs if:!CandidateCount ?><p class="empty"><?cs var:Lang.crm.merge.no_candidates ?></p><?cs /if ?>
  <?cs /if ?>
  <?cs /if ?>
</section>
</div>
