<?cs # staff/dashboard.cs — the start page after sign-in.
Reads: User.Name, User.Login, Dashboard.Department, Dashboard.Roles.N.Name,
       Dashboard.LastLogin, Dashboard.SessionExpires, Dashboard.Cards.N.{Title,Value,Href},
       Nav.N.{Href,Label,Active}, Lang.dashboard.*, Lang.nav.account, Lang.common.none. ?>
<div class="page-head">
  <div>
    <p class="eyebrow"><?cs var:Lang.dashboard.welcome ?></p>
    <h1><?cs var:User.Name ?></h1>
  </div>
</div>

<div class="dash">
  <section class="dash-main" aria-labelledby="dash-summary">
    <h2 id="dash-summary" class="section-title"><?cs var:Lang.dashboard.summary ?></h2>
    <?cs if:subcount(Dashboard.Cards) > 0 ?>
    <div class="grid">
      <?cs each:c = Dashboard.Cards ?>
      <?cs if:c.Href ?>
      <a class="card stat" href="<?cs var:c.Href ?>">
        <span class="stat-title"><?cs var:c.Title ?></span>
        <span class="stat-value"><?cs var:c.Value ?></span>
        <span class="stat-more" aria-hidden="true"><?cs var:Lang.dashboard.open ?> →</span>
      </a>
      <?cs else ?>
      <div class="card stat">
        <span class="stat-title"><?cs var:c.Title ?></span>
        <span class="stat-value"><?cs var:c.Value ?></span>
      </div>
      <?cs /if ?>
      <?cs /each ?>
    </div>
    <?cs else ?>
    <p class="empty"><?cs var:Lang.dashboard.no_cards ?></p>
    <?cs /if ?>

    <h2 class="section-title"><?cs var:Lang.dashboard.shortcuts ?></h2>
    <ul class="shortcuts">
      <?cs each:item = Nav ?><?cs if:!item.Active ?>
      <li><a href="<?cs var:item.Href ?>"><?cs var:item.Label ?></a></li>
      <?cs /if ?><?cs /each ?>
      <li><a href="/account"><?cs var:Lang.nav.account ?></a></li>
    </ul>
  </section>

  <aside class="card dash-side" aria-labelledby="dash-session">
    <h2 id="dash-session"><?cs var:Lang.dashboard.session ?></h2>
    <dl class="meta meta-stack">
      <div>
        <dt><?cs var:Lang.dashboard.department ?></dt>
        <dd><?cs alt:Dashboard.Department ?><?cs var:Lang.common.none ?><?cs /alt ?></dd>
      </div>
      <div>
        <dt><?cs var:Lang.dashboard.roles ?></dt>
        <dd class="badges"><?cs each:role = Dashboard.Roles ?><span class="badge badge-info"><?cs var:role.Name ?></span> <?cs /each ?><?cs if:subcount(Dashboard.Roles) == 0 ?><?cs var:Lang.common.none ?><?cs /if ?></dd>
      </div>
      <div>
        <dt><?cs var:Lang.dashboard.last_login ?></dt>
        <dd><?cs alt:Dashboard.LastLogin ?><?cs var:Lang.dashboard.first_login ?><?cs /alt ?></dd>
      </div>
      <div>
        <dt><?cs var:Lang.dashboard.session_expires ?></dt>
        <dd><?cs var:Dashboard.SessionExpires ?></dd>
      </div>
    </dl>
  </aside>
</div>
