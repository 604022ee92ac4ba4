<?cs # portal/not_found.cs — an unknown or malformed tracking link (404).
Reads: Lang.portal.not_found_title, Lang.portal.not_found_text. ?>
<section class="card error-page">
  <p class="error-code">404</p>
  <h1><?cs var:Lang.portal.not_found_title ?></h1>
  <p class="lead"><?cs var:Lang.portal.not_found_text ?></p>
  <div class="form-actions"><a class="btn btn-primary" href="/portal"><?cs var:Lang.portal.to_portal ?></a></div>
</section>
