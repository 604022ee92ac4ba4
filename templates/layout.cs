<?cs # layout.cs — the page shell around every HTML page; includes Page.Template.

Reads: Page.Lang, Page.LangBase, Page.Title, Page.Refresh (seconds: the page reloads itself), Page.Template, Page.Path, Page.Flash, Page.Error, App.Company,
       CSRF, User.Name, User.Login, User.PopPoll, User.Unread (unread 站内短信, Lang.message.inbox.*), Nav.N.Href, Nav.N.Label, Nav.N.Active,
       Lang.pop_offer.{label,open}, AgentBar.Reasons.N.{code,label}, Lang.agentbar.* (User.PopPoll:
       the page asks for screen pops and shows the agent's ACD state and buttons, pop.js),
       Lang.app.*, Lang.nav.*, Lang.lang.*, Lang.login.lang_switch.
The login page (staff/login.cs) gets a bare shell: no header, and it shows Page.Flash and
Page.Error inside its own card.

Conventions every page template follows (wl.css styles exactly these):
- Start with a comment listing the HDF nodes the template reads.  Only var: (escaped as
  HTML by Config.VarEscapeMode); inside a URL built from a value, wrap the value in
  escape:"url".  No style attributes or elements, no inline script, no on* attributes
  (the CSP forbids them).
- Page heading: <div class="page-head"><h1>Title</h1><div class="page-actions">buttons
  </div></div>.  Sections inside a page use <section class="card"><h2>...</h2>.
- Forms: <form class="form" method="post" action="/x"> with
  <input type="hidden" name="_csrf" value="CSRF"> in every POST form.  One field:
    <div class="field [has-error]">
      <label for="f-name">Label <span class="req" title="required">*</span></label>
      <input id="f-name" name="name" required aria-describedby="f-name-hint">
      <p class="hint" id="f-name-hint">help text</p>
      <p class="error" id="f-name-error">Form.Error.name</p>   (only if Form.Error.name)
    </div>
  The field gets class has-error and the input aria-invalid="true" when Form.Error.<field>
  exists; the error replaces nothing, it is shown under the input.  Required fields carry
  both the "required" attribute and the red * in the label; a form with required fields
  says Lang.common.required_note once (<p class="form-note">).  Buttons go in
  <div class="form-actions">.  Checkbox lists: <fieldset class="checks"><legend>...
  </legend><label class="check"><input type="checkbox"> text</label>...</fieldset>.
  Side-by-side fields: wrap .field elements in <div class="field-row">.
- Buttons: <button class="btn">, .btn-primary (the one main action), .btn-danger
  (destructive; add data-confirm="Lang.common.confirm_delete" and wl.js asks first),
  .btn-sm, .btn-link.  Links that look like buttons use the same classes.
- Tables: <div class="toolbar">search form, filters, <span class="spacer"></span>, New
  button</div>, then <div class="table-wrap"><table class="table"><thead><tr><th>...
  </thead><tbody>...</tbody></table></div>.  Numbers: <td class="num">.  Row actions:
  <td class="actions">.  On phones cells do not wrap (the table scrolls sideways); give
  long free-text columns <td class="wrap">.  Empty list: <p class="empty">Lang.common.empty</p>.
- Pagination: <nav class="pager" aria-label="Lang.common.pages"><a class="btn btn-sm"
  rel="prev" href="?page=N">...</a><span class="pager-info">...</span><a rel="next">
  </nav>; use <span class="btn btn-sm" aria-disabled="true"> for an unavailable step.
- Status: <span class="badge badge-ok|badge-warn|badge-danger|badge-info|badge-muted">.
- Notices: <div class="alert alert-ok|alert-info|alert-warn|alert-error">.
- Summary tiles: <div class="grid"> of <a class="card stat" href><span class="stat-title">
  </span><span class="stat-value"></span></a>.
- Label/value lists: <dl class="meta"><div><dt>label</dt><dd>value</dd></div></dl>.
- Printing: .no-print hides an element on paper, .print-only shows it only there.
?><?cs
if:Page.Template == "staff/login.cs" ?><?cs set:Layout.Bare = 1 ?><?cs else ?><?cs set:Layout.Bare = 0 ?><?cs /if ?><!DOCTYPE html>
<html lang="<?cs alt:Page.Lang ?>zh-CN<?cs /alt ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs if:Page.Refresh ?><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>"><?cs /if ?>
<meta name="theme-color" content="#16365f">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs var:Lang.app.name ?></title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/wl.css">
<link rel="stylesheet" href="/static/css/print.css" media="print">
<script src="/static/js/wl.js" defer></script>
</head>
<body class="<?cs if:Layout.Bare ?>bare<?cs else ?>app<?cs /if ?>">
<a class="skip" href="#main"><?cs var:Lang.nav.skip ?></a>
<?cs if:!Layout.Bare ?>
<header class="topbar no-print">
  <div class="topbar-inner">
    <a class="brand" href="/">
      <img class="brand-mark" src="/static/favicon.svg" alt="" width="32" height="32">
      <span class="brand-text">
        <span class="brand-name"><?cs var:Lang.app.name ?></span>
        <?cs if:App.Company ?><span class="brand-company"><?cs var:App.Company ?></span><?cs /if ?>
      </span>
    </a>
    <div class="topbar-tools">
      <nav class="langs" aria-label="<?cs var:Lang.nav.lang ?>">
        <a href="<?cs var:Page.LangBase ?>?lang=zh_CN" lang="zh-CN"<?cs if:Page.LangCode == "zh_CN" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.lang.zh_CN ?></a>
        <a href="<?cs var:Page.LangBase ?>?lang=en" lang="en"<?cs if:Page.LangCode == "en" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.lang.en ?></a>
      </nav>
      <?cs if:?User.Name ?>
      <?cs if:?User.Unread ?><a class="inbox-link<?cs if:User.Unread > 0 ?> has-unread<?cs /if ?>" href="/inbox" title="<?cs var:Lang.message.inbox.title ?>"><?cs var:Lang.message.inbox.short ?> <span class="badge <?cs if:User.Unread > 0 ?>badge-danger<?cs else ?>badge-muted<?cs /if ?>" id="unread-count" data-unread="<?cs var:User.Unread ?>"><?cs var:User.Unread ?></span><span class="visually-hidden"> <?cs var:Lang.message.inbox.unread ?></span></a><?cs /if ?>
      <a class="user<?cs if:Page.Path == "/account" ?> active<?cs /if ?>" href="/account" title="<?cs var:Lang.nav.account ?>">
        <span class="visually-hidden"><?cs var:Lang.nav.signed_in_as ?></span>
        <span class="user-name"><?cs var:User.Name ?></span>
      </a>
      <form class="logout" method="post" action="/logout">
        <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
        <button type="submit" class="btn btn-sm btn-ghost"><?cs var:Lang.nav.logout ?></button>
      </form>
      <?cs /if ?>
    </div>
  </div>
  <?cs if:?User.Name && subcount(Nav) > 0 ?>
  <nav class="mainnav" aria-label="<?cs var:Lang.nav.main ?>">
    <ul>
      <?cs each:item = Nav ?>
      <li><a href="<?cs var:item.Href ?>"<?cs if:item.Active ?> class="active" aria-current="page"<?cs /if ?>><?cs var:item.Label ?></a></li>
      <?cs /each ?>
    </ul>
  </nav>
  <?cs /if ?>
</header>
<div class="print-only print-head">
  <span><?cs var:Lang.app.name ?><?cs if:App.Company ?> · <?cs var:App.Company ?><?cs /if ?></span>
  <span><?cs var:Page.Title ?></span>
</div>
<?cs /if ?>
<main id="main" class="<?cs if:Layout.Bare ?>bare-main<?cs else ?>main<?cs /if ?>" tabindex="-1">
<?cs if:!Layout.Bare ?>
<?cs if:Page.Flash ?><div class="alert alert-ok flash" role="status"><?cs var:Page.Flash ?></div><?cs /if ?>
<?cs if:Page.Error ?><div class="alert alert-error" role="alert"><?cs var:Page.Error ?></div><?cs /if ?>
<?cs if:User.PopPoll == "1" ?><form id="agent-bar" class="agent-bar no-print" method="post" action="/agent/state" hidden>
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="back" value="<?cs var:Page.Path ?>">
  <span class="agent-bar-state"><?cs var:Lang.agentbar.state ?> <strong id="agent-state" data-labels="<?cs each:l = Lang.agentbar.states ?><?cs name:l ?>=<?cs var:l ?>;<?cs /each ?>">—</strong> <span id="agent-since" class="muted"></span></span>
  <button type="submit" class="btn btn-sm" name="action" value="login" data-when="logged_out"><?cs var:Lang.agentbar.login ?></button>
  <button type="submit" class="btn btn-sm btn-primary" name="action" value="ready" data-when="paused wrap_up"><?cs var:Lang.agentbar.ready ?></button>
  <label class="visually-hidden" for="f-agent-reason"><?cs var:Lang.agentbar.reason ?></label>
  <select id="f-agent-reason" name="reason" data-when="ready wrap_up"><?cs each:o = AgentBar.Reasons ?><option value="<?cs var:o.code ?>"><?cs var:o.label ?></option><?cs /each ?></select>
  <button type="submit" class="btn btn-sm" name="action" value="pause" data-when="ready wrap_up"><?cs var:Lang.agentbar.pause ?></button>
  <button type="submit" class="btn btn-sm btn-link" name="action" value="logout" data-when="ready paused wrap_up"><?cs var:Lang.agentbar.logout ?></button>
  <button type="submit" class="btn btn-sm" formaction="/agent/call" name="action" value="hold" data-when="on_call"><?cs var:Lang.agentbar.hold ?></button>
  <button type="submit" class="btn btn-sm" formaction="/agent/call" name="action" value="unhold" data-when="on_call"><?cs var:Lang.agentbar.unhold ?></button>
  <label class="visually-hidden" for="f-agent-target"><?cs var:Lang.agentbar.target ?></label>
  <input id="f-agent-target" name="target" maxlength="32" size="10" data-when="on_call" placeholder="<?cs var:Lang.agentbar.target_hint ?>">
  <button type="submit" class="btn btn-sm" formaction="/agent/call" name="action" value="transfer" data-when="on_call"><?cs var:Lang.agentbar.transfer ?></button>
  <button type="submit" class="btn btn-sm btn-danger" formaction="/agent/call" name="action" value="hangup" data-when="on_call"><?cs var:Lang.agentbar.hangup ?></button>
</form><div id="pop-offer" class="alert alert-warn pop-offer no-print" role="alert" hidden data-label="<?cs var:Lang.pop_offer.label ?>" data-open="<?cs var:Lang.pop_offer.open ?>"></div><script src="/static/js/pop.js" defer></script><?cs /if ?>
<?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="footer no-print">
  <span><?cs var:Lang.app.name ?> · <?cs var:Lang.app.footer ?></span>
  <?cs if:App.Company ?><span><?cs var:App.Company ?></span><?cs /if ?>
</footer>
</body>
</html>
