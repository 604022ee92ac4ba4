<?cs # desk/macros.cs — badges the desk templates share; included by them, never a page.
Reads: Lang.ticket.status.<code>, Lang.ticket.priority.<n>, Lang.desk.emergency,
       Lang.desk.overdue. ?><?cs
def:status_class(s) ?><?cs if:s == "new" ?>badge-info<?cs
  elif:s == "reopened" ?>badge-danger<?cs
  elif:s == "dispatched" ?>badge-accent<?cs
  elif:s == "accepted" || s == "en_route" || s == "on_site" ?>badge-warn<?cs
  elif:s == "resolved" ?>badge-ok<?cs
  else ?>badge-muted<?cs /if ?><?cs /def ?><?cs
def:status_badge(s) ?><span class="badge <?cs call:status_class(s) ?>" data-status="<?cs var:s ?>"><?cs alt:Lang.ticket.status[s] ?><?cs var:s ?><?cs /alt ?></span><?cs /def ?><?cs
def:status_name(s) ?><?cs alt:Lang.ticket.status[s] ?><?cs var:s ?><?cs /alt ?><?cs /def ?><?cs
def:priority_badge(p) ?><?cs if:p == "4" ?><span class="badge badge-danger"><?cs var:Lang.ticket.priority[p] ?></span><?cs
  elif:p == "3" ?><span class="badge badge-warn"><?cs var:Lang.ticket.priority[p] ?></span><?cs
  else ?><span class="badge badge-muted"><?cs var:Lang.ticket.priority[p] ?></span><?cs /if ?><?cs /def ?><?cs
def:emergency_badge(e) ?><?cs if:e == "1" ?><span class="badge badge-danger"><?cs var:Lang.desk.emergency ?></span><?cs /if ?><?cs /def ?><?cs
def:overdue_badge(o) ?><?cs if:o == "1" ?><span class="badge badge-danger"><?cs var:Lang.desk.overdue ?></span><?cs /if ?><?cs /def ?><?cs
def:tag_badge(code, label) ?><span class="badge <?cs if:code == "elderly_alone" ?>badge-danger<?cs
  elif:code == "disabled" ?>badge-warn<?cs
  elif:code == "frequent_complainant" ?>badge-accent<?cs
  else ?>badge-info<?cs /if ?>" data-tag="<?cs var:code ?>"><?cs var:label ?></span><?cs /def ?>
