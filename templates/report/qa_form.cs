<?cs # qa_form.cs — score a call's recording: the player (HTML audio with seek; /calls/#/recording
answers byte ranges), the scorecard's items, a comment.
Reads: Call.{id,caller,queue,agent,started_at,talk_seconds,has_recording,listen}, Card.{id,name,description},
       Cards.N.{id,name}, Items.N.{id,name,description,weight,max_score}, Form.item_<id>, Form.comment, CSRF ?>
<div class="page-head"><h1><?cs var:Page.Title ?> · <?cs var:Lang.qa.call ?> <?cs var:Call.id ?></h1></div>
<dl class="meta">
  <div><dt><?cs var:Lang.report.col.agent ?></dt><dd><?cs var:Call.agent ?></dd></div>
  <div><dt><?cs var:Lang.qa.at ?></dt><dd><?cs var:Call.started_at ?></dd></div>
  <div><dt><?cs var:Lang.report.queue ?></dt><dd><?cs var:Call.queue ?></dd></div>
</dl>
<section class="card"><h2><?cs var:Lang.qa.recording ?></h2>
<?cs if:Call.has_recording == "1" && Call.listen == "1" ?>
<audio class="qa-audio" controls preload="metadata" src="/calls/<?cs var:Call.id ?>/recording"></audio>
<?cs else ?><p class="empty"><?cs var:Lang.qa.no_recording ?></p><?cs /if ?>
</section>
<form class="form" method="post" action="/reports/qa/call/<?cs var:Call.id ?>">
  <input type="hidden" name="_csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="scorecard" value="<?cs var:Card.id ?>">
  <h2><?cs var:Lang.qa.card ?>：<?cs var:Card.name ?></h2>
  <?cs each:i = Items ?>
  <div class="field">
    <label for="f-item-<?cs var:i.id ?>"><?cs var:i.name ?>（<?cs var:Lang.qa.weight ?> <?cs var:i.weight ?>，<?cs var:Lang.qa.max ?> <?cs var:i.max_score ?>） <span class="req">*</span></label>
    <input id="f-item-<?cs var:i.id ?>" name="item_<?cs var:i.id ?>" type="number" min="0" max="<?cs var:i.max_score ?>" required value="<?cs var:Form["item_" + i.id] ?>">
    <p class="hint"><?cs var:i.description ?> · <?cs var:Lang.qa.score_hint ?></p>
  </div>
  <?cs /each ?>
  <div class="field"><label for="f-comment"><?cs var:Lang.qa.comment ?></label>
    <textarea id="f-comment" name="comment" maxlength="2000" rows="4"><?cs var:Form.comment ?></textarea></div>
  <div class="form-actions"><button class="btn btn-primary" type="submit"><?cs var:Lang.qa.save ?></button></div>
</form>
