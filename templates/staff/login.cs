<?cs # staff/login.cs — the sign-in card (the layout gives it a bare shell, no header).
Reads: Form.Login, Form.Next, CSRF, Page.Error, Page.Flash, App.Company,
       Lang.app.*, Lang.login.*, Lang.lang.*. ?>
<div class="login-wrap">
  <section class="card login-card" aria-labelledby="login-title">
    <div class="login-brand">
      <img src="/static/favicon.svg" alt="" width="44" height="44">
      <div>
        <p class="login-app"><?cs var:Lang.app.name ?></p>
        <p class="login-company"><?cs alt:App.Company ?><?cs var:Lang.app.tagline ?><?cs /alt ?></p>
      </div>
    </div>
    <h1 id="login-title"><?cs var:Lang.login.heading ?></h1>
    <?cs if:Page.Flash ?><div class="alert alert-info" role="status"><?cs var:Page.Flash ?></div><?cs /if ?>
    <?cs if:Page.Error ?><div class="alert alert-error" role="alert"><?cs var:Page.Error ?></div><?cs /if ?>
    <form class="form" method="post" action="/login">
      <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="next" value="<?cs var:Form.Next ?>">
      <div class="field">
        <label for="f-login"><?cs var:Lang.login.login ?></label>
        <input id="f-login" name="login" type="text" value="<?cs var:Form.Login ?>" required
               maxlength="64" autocomplete="username" autocapitalize="none" spellcheck="false"<?cs if:!Form.Login ?> autofocus<?cs /if ?>>
      </div>
      <div class="field">
        <label for="f-password"><?cs var:Lang.login.password ?></label>
        <input id="f-password" name="password" type="password" required maxlength="1024"
               autocomplete="current-password"<?cs if:Form.Login ?> autofocus<?cs /if ?>>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-block"><?cs var:Lang.login.submit ?></button>
      </div>
    </form>
    <p class="login-help"><?cs var:Lang.login.help ?></p>
    <nav class="login-langs" aria-label="<?cs var:Lang.login.lang_switch ?>">
      <span class="muted"><?cs var:Lang.login.lang_switch ?></span>
      <a href="/login?lang=zh_CN&amp;next=<?cs escape:"url" ?><?cs var:Form.Next ?><?cs /escape ?>" lang="zh-CN"<?cs if:Page.LangCode == "zh_CN" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></a>
      <a href="/login?lang=en&amp;next=<?cs escape:"url" ?><?cs var:Form.Next ?><?cs /escape ?>" lang="en"<?cs if:Page.LangCode == "en" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.lang.en ?></a>
    </nav>
  </section>
</div>
