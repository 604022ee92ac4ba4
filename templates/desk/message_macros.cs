<?cs # desk/message_macros.cs — badges of outbox messages; included by the message templates.
Reads: Lang.message.status.<status>, Lang.message.channel.<channel>, Lang.message.event.<event>. ?><?cs
def:msg_status(s) ?><span class="badge <?cs if:s == "delivered" ?>badge-ok<?cs
  elif:s == "sent" ?>badge-info<?cs
  elif:s == "failed" ?>badge-danger<?cs
  elif:s == "queued" || s == "sending" ?>badge-warn<?cs
  else ?>badge-muted<?cs /if ?>" data-status="<?cs var:s ?>"><?cs alt:Lang.message.status[s] ?><?cs var:s ?><?cs /alt ?></span><?cs /def ?><?cs
def:msg_channel(c) ?><?cs alt:Lang.message.channel[c] ?><?cs var:c ?><?cs /alt ?><?cs /def ?><?cs
def:msg_event(e) ?><?cs alt:Lang.message.event[e] ?><?cs var:e ?><?cs /alt ?><?cs /def ?>
