<?cs # tech/list.cs — my work orders (/m): assigned to me, then my team's unassigned ones.
Reads: Mine.N and Team.N.{id,number,status,emergency,overdue,title,type_name,subtype_name,
       community,building,unit,room,address,appointment_at,resume_at}, List.{MineCount,
       TeamCount,Max,Department}, Lang.tech.*, Lang.ticket.status.*.
The card lists use .m-list (one column with gaps; until wl.css has it, .meta.meta-stack
gives the same grid). ?>
<?cs include:"tech/macros.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.tech.title ?></h1>
</div>

<h2 id="m-mine" class="section-title"><?cs var:Lang.tech.mine ?> <span class="badge badge-info"><?cs var:List.MineCount ?></span></h2>
<?cs if:List.MineCount > 0 ?>
<div class="m-list meta meta-stack">
  <?cs each:t = Mine ?><?cs call:ticket_card(t) ?><?cs /each ?>
</div>
<?cs if:List.MineCount >= List.Max ?><p class="hint"><?cs var:Lang.tech.more ?></p><?cs /if ?>
<?cs else ?>
<p class="empty"><?cs var:Lang.tech.empty_mine ?></p>
<?cs /if ?>

<h2 id="m-team" class="section-title"><?cs var:Lang.tech.team ?><?cs if:List.Department ?> · <?cs var:List.Department ?><?cs /if ?> <span class="badge badge-warn"><?cs var:List.TeamCount ?></span></h2>
<p class="form-note"><?cs var:Lang.tech.team_hint ?></p>
<?cs if:List.TeamCount > 0 ?>
<div class="m-list meta meta-stack">
  <?cs each:t = Team ?><?cs call:ticket_card(t) ?><?cs /each ?>
</div>
<?cs if:List.TeamCount >= List.Max ?><p class="hint"><?cs var:Lang.tech.more ?></p><?cs /if ?>
<?cs else ?>
<p class="empty"><?cs var:Lang.tech.empty_team ?></p>
<?cs /if ?>
