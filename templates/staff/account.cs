<?cs # staff/account.cs — the signed-in user's own account: password and language.
Reads: User.Name, User.Login, Account.Lang ("" | "zh_CN" | "en"), Account.MustChange,
       Form.Error.old_password, Form.Error.new_password, Form.Error.new_password2,
       Form.Error.lang, CSRF, Lang.account.*, Lang.lang.*, Lang.common.required_note. ?>
<div class="page-head">
  <div>
    <h1><?cs var:Lang.account.title ?></h1>
    <p class="muted"><?cs var:User.Name ?> · <?cs var:User.Login ?></p>
  </div>
</div>

<?cs if:Account.MustChange == "1" ?>
<div class="alert alert-warn" role="alert"><?cs var:Lang.account.must_change ?></div>
<?cs /if ?>

<div class="cols">
  <section class="card" aria-labelledby="acct-pw">
    <h2 id="acct-pw"><?cs var:Lang.account.password_change ?></h2>
    <p class="muted"><?cs var:Lang.account.password_intro ?></p>
    <form class="form" method="post" action="/account/password">
      <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
      <p class="form-note"><?cs var:Lang.common.required_note ?></p>

      <div class="field<?cs if:?Form.Error.old_password ?> has-error<?cs /if ?>">
        <label for="f-old_password"><?cs var:Lang.account.old_password ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
        <input id="f-old_password" name="old_password" type="password" required maxlength="1024"
               autocomplete="current-password"<?cs if:?Form.Error.old_password ?> aria-invalid="true" aria-describedby="f-old_password-error"<?cs /if ?>>
        <?cs if:?Form.Error.old_password ?><p class="error" id="f-old_password-error"><?cs var:Form.Error.old_password ?></p><?cs /if ?>
      </div>

      <div class="field<?cs if:?Form.Error.new_password ?> has-error<?cs /if ?>">
        <label for="f-new_password"><?cs var:Lang.account.new_password ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
        <input id="f-new_password" name="new_password" type="password" required minlength="8" maxlength="128"
               autocomplete="new-password" aria-describedby="f-new_password-hint<?cs if:?Form.Error.new_password ?> f-new_password-error<?cs /if ?>"<?cs if:?Form.Error.new_password ?> aria-invalid="true"<?cs /if ?>>
        <p class="hint" id="f-new_password-hint"><?cs var:Lang.account.new_password_hint ?></p>
        <?cs if:?Form.Error.new_password ?><p class="error" id="f-new_password-error"><?cs var:Form.Error.new_password ?></p><?cs /if ?>
      </div>

      <div class="field<?cs if:?Form.Error.new_password2 ?> has-error<?cs /if ?>">
        <label for="f-new_password2"><?cs var:Lang.account.new_password2 ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></label>
        <input id="f-new_password2" name="new_password2" type="password" required maxlength="128"
               autocomplete="new-password"<?cs if:?Form.Error.new_password2 ?> aria-invalid="true" aria-describedby="f-new_password2-error"<?cs /if ?>>
        <?cs if:?Form.Error.new_password2 ?><p class="error" id="f-new_password2-error"><?cs var:Form.Error.new_password2 ?></p><?cs /if ?>
      </div>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><?cs var:Lang.account.password_submit ?></button>
      </div>
    </form>
  </section>

  <section class="card" aria-labelledby="acct-lang">
    <h2 id="acct-lang"><?cs var:Lang.account.lang ?></h2>
    <p class="muted"><?cs var:Lang.account.lang_intro ?></p>
    <form class="form" method="post" action="/account/lang">
      <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
      <div class="field<?cs if:?Form.Error.lang ?> has-error<?cs /if ?>">
        <label for="f-lang"><?cs var:Lang.account.lang ?></label>
        <select id="f-lang" name="lang"<?cs if:?Form.Error.lang ?> aria-invalid="true" aria-describedby="f-lang-error"<?cs /if ?>>
          <option value=""<?cs if:!Account.Lang ?> selected<?cs /if ?>><?cs var:Lang.account.lang_default ?></option>
          <option value="zh_CN" lang="zh-CN"<?cs if:Account.Lang == "zh_CN" ?> selected<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></option>
          <option value="en" lang="en"<?cs if:Account.Lang == "en" ?> selected<?cs /if ?>><?cs var:Lang.lang.en ?></option>
        </select>
        <?cs if:?Form.Error.lang ?><p class="error" id="f-lang-error"><?cs var:Form.Error.lang ?></p><?cs /if ?>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn"><?cs var:Lang.account.save ?></button>
      </div>
    </form>
  </section>
</div>
