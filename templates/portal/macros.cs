<?cs # portal/macros.cs — pieces shared by the portal's pages.
Reads: Resident.name, CSRF, Events.N.{event_at,step,tech,window,body}, Lang.portal.*. ?><?cs

def:portal_bar() ?>
<nav class="portal-bar no-print" aria-label="<?cs var:Lang.portal.nav ?>">
  <a class="btn btn-sm" href="/portal"><?cs var:Lang.portal.home_title ?></a>
  <a class="btn btn-sm btn-primary" href="/portal/report"><?cs var:Lang.portal.report_title ?></a>
  <a class="btn btn-sm" href="/portal/meal"><?cs var:Lang.meal.portal_title ?></a>
  <form class="logout" method="post" action="/portal/logout">
    <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
    <button type="submit" class="btn btn-sm btn-link"><?cs var:Lang.portal.logout ?></button>
  </form>
</nav><?cs /def ?><?cs

def:address(t) ?><?cs var:t.community ?> <?cs var:t.building ?> <?cs var:t.unit ?> <?cs var:t.room ?><?cs /def ?><?cs

def:step_text(e) ?><?cs
  if:e.step == "assigned" ?><?cs var:Lang.portal.step.assigned ?><?cs var:Lang.portal.tech_pre ?><?cs var:e.tech ?><?cs var:Lang.portal.tech_post ?><?cs if:e.window ?><?cs var:Lang.portal.window_pre ?><?cs var:e.window ?><?cs var:Lang.portal.window_post ?><?cs /if ?><?cs
  elif:e.tech ?><?cs var:Lang.portal.tech_pre ?><?cs var:e.tech ?><?cs var:Lang.portal.tech_post ?><?cs var:Lang.portal.step[e.step] ?><?cs
  else ?><?cs var:Lang.portal.step[e.step] ?><?cs /if ?><?cs /def ?><?cs

def:timeline() ?>
<ol class="track-timeline">
  <?cs each:e = Events ?>
  <li class="track-step<?cs if:last(e) ?> track-current<?cs /if ?>">
    <span class="track-when muted"><?cs var:e.event_at ?></span>
    <strong class="track-what"><?cs call:step_text(e) ?></strong>
    <?cs if:e.body ?><span class="track-note"><?cs var:e.body ?></span><?cs /if ?>
  </li>
  <?cs /each ?>
</ol><?cs /def ?><?cs

def:stars_field() ?>
<fieldset class="checks stars<?cs if:?Form.Error.stars ?> has-error<?cs /if ?>">
  <legend><?cs var:Lang.portal.stars ?> <span class="req" title="<?cs var:Lang.common.required ?>">*</span></legend>
  <?cs loop:i = 5, 1, -1 ?>
  <label class="check"><input type="radio" name="stars" value="<?cs var:i ?>" required<?cs if:Form.stars == i ?> checked<?cs /if ?>> <?cs var:Lang.portal.star[i] ?></label>
  <?cs /loop ?>
  <?cs if:?Form.Error.stars ?><p class="error"><?cs var:Form.Error.stars ?></p><?cs /if ?>
</fieldset>
<div class="field<?cs if:?Form.Error.comment ?> has-error<?cs /if ?>">
  <label for="f-comment"><?cs var:Lang.portal.comment ?></label>
  <textarea id="f-comment" name="comment" maxlength="500"><?cs var:Form.comment ?></textarea>
  <?cs if:?Form.Error.comment ?><p class="error"><?cs var:Form.Error.comment ?></p><?cs /if ?>
</div><?cs /def ?>
