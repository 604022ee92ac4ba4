<?cs # portal/login.cs — the resident's login: mobile number, then the SMS code.
Reads: Login.Step ("phone" | "code"), Form.{phone,code}, Form.Error.{phone,code}, CSRF,
       Lang.portal.*. ?>
<div class="page-head"><h1><?cs var:Lang.portal.login_title ?></h1></div>
<section class="card">
  <?cs if:Login.Step == "code" ?>
  <form class="form" method="post" action="/portal/login">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="phone" value="<?cs var:Form.phone ?>">
    <p><?cs var:Lang.portal.code_to ?> <strong><?cs var:Form.phone ?></strong></p>
    <div class="field<?cs if:?Form.Error.code ?> has-error<?cs /if ?>">
      <label for="f-code"><?cs var:Lang.portal.code ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
      <input id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required<?cs if:?Form.Error.code ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:?Form.Error.code ?><p class="error" id="f-code-error"><?cs var:Form.Error.code ?></p><?cs /if ?>
    </div>
    <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.portal.login ?></button></div>
  </form>
  <form class="form" method="post" action="/portal/login/code">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="phone" value="<?cs var:Form.phone ?>">
    <div class="form-actions"><button type="submit" class="btn btn-link"><?cs var:Lang.portal.code_again ?></button></div>
  </form>
  <?cs else ?>
  <form class="form" method="post" action="/portal/login/code">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <div class="field<?cs if:?Form.Error.phone ?> has-error<?cs /if ?>">
      <label for="f-phone"><?cs var:Lang.portal.phone ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
      <input id="f-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" required value="<?cs var:Form.phone ?>"<?cs if:?Form.Error.phone ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint"><?cs var:Lang.portal.phone_hint ?></p>
      <?cs if:?Form.Error.phone ?><p class="error"><?cs var:Form.Error.phone ?></p><?cs /if ?>
    </div>
    <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.portal.send_code ?></button></div>
  </form>
  <?cs /if ?>
</section>
