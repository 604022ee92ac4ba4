<?cs # error.cs — an error page inside the layout (the navigation stays when logged in).
Reads: Error.Status, Error.Title, Error.Message, Error.Detail (optional), Error.Home (the
       residents' portal: its start page, and no staff login), User.Name, Lang.error.*. ?>
<section class="card error-page" aria-labelledby="error-title">
  <p class="error-code"><span class="visually-hidden"><?cs var:Lang.error.code ?> </span><?cs var:Error.Status ?></p>
  <h1 id="error-title"><?cs alt:Error.Title ?><?cs var:Lang.error.title_500 ?><?cs /alt ?></h1>
  <p class="lead"><?cs var:Error.Message ?></p>
  <?cs if:Error.Detail ?>
  <p class="error-detail"><span class="muted"><?cs var:Lang.error.detail ?></span> <code><?cs var:Error.Detail ?></code></p>
  <?cs /if ?>
  <div class="form-actions">
    <a class="btn btn-primary" href="<?cs alt:Error.Home ?>/<?cs /alt ?>"><?cs var:Lang.error.back_home ?></a>
    <?cs if:!?User.Name && Error.Status == 403 && !Error.Home ?>
    <a class="btn" href="/login"><?cs var:Lang.error.login ?></a>
    <?cs /if ?>
  </div>
</section>
