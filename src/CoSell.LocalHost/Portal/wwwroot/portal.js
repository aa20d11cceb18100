// Demo partner portal: vanilla JavaScript against the public API only. Every value from the server is shown
// with textContent (never innerHTML), so nothing the API returns can inject markup.
'use strict';

const state = { etag: null, draftVersion: null, pollTimer: null, submissionUri: null };
const $ = (id) => document.getElementById(id);
const slugs = { OnePager: 'one-pager', Presentation: 'presentation', ReferenceArchitecture: 'reference-architecture', CaseStudy: 'case-study' };

function say(text, isError) {
  const m = $('message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}

function offerPath() {
  return `/api/partners/${encodeURIComponent($('partner-id').value.trim())}/offers/${encodeURIComponent($('offer-id').value.trim())}`;
}

async function api(path, options = {}) {
  const headers = Object.assign({ 'X-Partner-Key': $('partner-key').value }, options.headers || {});
  return fetch(path, Object.assign({}, options, { headers }));
}

async function problemText(response) {
  let text = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    text = [body.title, body.detail].filter(Boolean).join(': ') || text;
    if (body.errors) {
      const lines = Object.entries(body.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`);
      text += ' — ' + lines.join('; ');
    }
  } catch { /* not JSON */ }
  return text;
}

function pick(draft, name) {
  if (!draft) return undefined;
  if (draft[name] !== undefined) return draft[name];
  if (draft.offer && draft.offer[name] !== undefined) return draft.offer[name];
  if (draft.materials && draft.materials[name] !== undefined) return draft.materials[name];
  return undefined;
}

function fillDraft(draft, response) {
  state.etag = (response && response.headers.get('ETag')) || pick(draft, 'etag') || pick(draft, 'eTag') || null;
  state.draftVersion = pick(draft, 'draftVersion') ?? null;
  $('draft-version').textContent = state.draftVersion ?? 'none';
  $('name').value = pick(draft, 'name') ?? '';
  $('solution-type').value = pick(draft, 'solutionType') ?? 'IpSolution';
  $('kind').value = pick(draft, 'kind') ?? 'SaaS';
  $('countries').value = (pick(draft, 'eligibleCountries') || []).join(', ');
  $('repeatable-ip').value = pick(draft, 'repeatableIpShare') ?? 0;
  $('landing-page').value = pick(draft, 'landingPageUrl') ?? '';
  $('evidence').value = pick(draft, 'socialOrEvidenceUrl') ?? '';
  $('transactable').checked = !!pick(draft, 'isTransactable');
  $('csp').checked = !!pick(draft, 'cspConfigured');
  $('publishing').checked = !!pick(draft, 'meetsPublishingRequirements');
  $('profile').checked = !!pick(draft, 'businessProfileComplete');
  $('azure').checked = !!pick(draft, 'builtOnAzure');
  renderDocuments(pick(draft, 'documents') || []);
  renderContacts(pick(draft, 'contacts') || []);
}

function renderDocuments(documents) {
  const list = $('documents');
  list.replaceChildren();
  if (documents.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No documents yet.';
    list.append(li);
  }
  for (const d of documents) {
    const li = document.createElement('li');
    const type = d.documentType || slugs[d.type] || d.type;
    li.textContent = `${type}: ${d.fileName}${d.sizeBytes ? ` (${d.sizeBytes} bytes)` : ''} `;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', `Delete ${type} ${d.fileName}`);
    remove.addEventListener('click', () => deleteDocument(type, d.fileName));
    li.append(remove);
    list.append(li);
  }
}

function renderContacts(contacts) {
  const list = $('contacts');
  list.replaceChildren();
  for (const c of contacts) {
    const li = document.createElement('li');
    li.textContent = `${c.name} <${c.email}> — ${(c.countries || []).join(', ')}`;
    list.append(li);
  }
}

async function loadOffer(quiet) {
  const response = await api(offerPath());
  if (response.status === 404) {
    state.etag = null;
    fillDraft({}, null);
    say('New offer: fill in the details and press Save draft.');
    return;
  }
  if (!response.ok) {
    say(`Could not open the offer: ${await problemText(response)}`, true);
    return;
  }
  fillDraft(await response.json(), response);
  if (!quiet) say('Offer opened.');
  await refreshStatus();
}

function draftBody() {
  const optional = (v) => (v.trim() === '' ? null : v.trim());
  return {
    name: $('name').value.trim(),
    solutionType: $('solution-type').value,
    kind: $('kind').value,
    isTransactable: $('transactable').checked,
    eligibleCountries: $('countries').value.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()),
    cspConfigured: $('csp').checked,
    meetsPublishingRequirements: $('publishing').checked,
    businessProfileComplete: $('profile').checked,
    builtOnAzure: $('azure').checked,
    repeatableIpShare: Number($('repeatable-ip').value || 0),
    landingPageUrl: optional($('landing-page').value),
    socialOrEvidenceUrl: optional($('evidence').value),
  };
}

async function saveDraft(event) {
  event.preventDefault();
  const headers = { 'Content-Type': 'application/json' };
  if (state.etag) headers['If-Match'] = state.etag;
  const response = await api(offerPath(), { method: 'PUT', headers, body: JSON.stringify(draftBody()) });
  if (response.status === 412) {
    say('Someone changed this draft meanwhile; it has been reloaded. Check it and save again.', true);
    await loadOffer(true);
    return;
  }
  if (!response.ok) {
    say(`Draft not saved: ${await problemText(response)}`, true);
    return;
  }
  fillDraft(await response.json(), response);
  say(`Draft saved (version ${state.draftVersion}).`);
}

async function uploadDocument(event) {
  event.preventDefault();
  const file = $('document-file').files[0];
  if (!file) { say('Choose a file first.', true); return; }
  const path = `${offerPath()}/documents/${encodeURIComponent($('document-type').value)}/${encodeURIComponent(file.name)}`;
  const response = await api(path, { method: 'PUT', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file });
  if (!response.ok) {
    say(`Upload refused: ${await problemText(response)}`, true);
    return;
  }
  say(`${file.name} uploaded.`);
  await loadOffer(true);
}

async function deleteDocument(type, fileName) {
  const response = await api(`${offerPath()}/documents/${encodeURIComponent(type)}/${encodeURIComponent(fileName)}`, { method: 'DELETE' });
  if (!response.ok) {
    say(`Could not delete ${fileName}: ${await problemText(response)}`, true);
    return;
  }
  say(`${fileName} deleted.`);
  await loadOffer(true);
}

async function importContacts(event) {
  event.preventDefault();
  const response = await api(`${offerPath()}/contacts`, { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: $('contacts-csv').value });
  if (!response.ok) {
    say(`Contacts not imported: ${await problemText(response)}`, true);
    return;
  }
  say('Contacts imported; they replace the previous list.');
  await loadOffer(true);
}

async function submitForReview(event) {
  event.preventDefault();
  const response = await api(`${offerPath()}/submissions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ submittedBy: $('submitted-by').value.trim() }),
  });
  if (response.status !== 202) {
    say(`Not submitted: ${await problemText(response)}`, true);
    return;
  }
  const payload = await response.json();
  state.submissionUri = payload.statusQueryGetUri || response.headers.get('Location');
  $('submission').textContent = `Submission ${payload.id} accepted. Microsoft reviews it now; the status below updates by itself.`;
  say('Submitted for review.');
  startPolling();
}

function renderStatus(s) {
  $('status-label').textContent = s.label || s.status || 'unknown';
  const parts = [];
  if (s.reason) parts.push(s.reason);
  if (s.changedAt) parts.push(`changed ${new Date(s.changedAt).toLocaleString()}${s.changedBy ? ` by ${s.changedBy}` : ''}`);
  if (s.reviewInProgress) parts.push('a review is in progress');
  $('status-reason').textContent = parts.join(' — ');
  const body = $('requirements');
  body.replaceChildren();
  for (const r of s.requirements || []) {
    const tr = document.createElement('tr');
    const result = r.passed ? 'Pass' : (r.optional ? 'Not met (optional)' : 'Fail');
    for (const [text, cls] of [[String(r.step ?? ''), ''], [r.title || r.id, ''], [result, r.passed ? 'pass' : 'fail'], [r.reason || '', '']]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    body.append(tr);
  }
  const benefits = $('benefits');
  benefits.replaceChildren();
  for (const b of s.benefits || []) {
    const li = document.createElement('li');
    li.textContent = typeof b === 'string' ? b : [b.title || b.name, b.detail || b.description].filter(Boolean).join(': ');
    benefits.append(li);
  }
}

function renderHistory(history) {
  const list = $('history');
  list.replaceChildren();
  const entries = Array.isArray(history) ? history : ((history && history.entries) || []);
  for (const e of entries) {
    const li = document.createElement('li');
    const at = e.at || e.timestamp;
    const what = e.kind || e.type || '';
    const who = e.actor || e.by || '';
    const why = e.summary || e.reason || '';
    li.textContent = [at ? new Date(at).toLocaleString() : '', what, who && `by ${who}`, why].filter(Boolean).join(' — ');
    list.append(li);
  }
}

async function refreshStatus() {
  const [statusResponse, historyResponse] = await Promise.all([api(`${offerPath()}/status`), api(`${offerPath()}/history`)]);
  let status = null;
  if (statusResponse.ok) {
    status = await statusResponse.json();
    renderStatus(status);
  } else if (statusResponse.status !== 404) {
    say(`Status unavailable: ${await problemText(statusResponse)}`, true);
  }
  if (historyResponse.ok) renderHistory(await historyResponse.json());
  return status;
}

function startPolling() {
  stopPolling();
  $('polling').textContent = 'Checking every 3 seconds…';
  const tick = async () => {
    const status = await refreshStatus().catch(() => null);
    let running = !!(status && status.reviewInProgress);
    if (state.submissionUri) {
      const r = await api(state.submissionUri).catch(() => null);
      if (r && r.ok) {
        const s = await r.json();
        const runtime = s.runtimeStatus || s.status;
        running = running || runtime === 'Running' || runtime === 'Pending';
        const stage = s.customStatus && (s.customStatus.stage || s.customStatus.Stage);
        if (stage) $('polling').textContent = `Review stage: ${stage}. Checking every 3 seconds…`;
      }
    }
    if (running) state.pollTimer = setTimeout(tick, 3000); else stopPolling();
  };
  state.pollTimer = setTimeout(tick, 500);
}

function stopPolling() {
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.pollTimer = null;
  $('polling').textContent = '';
}

async function init() {
  try {
    const config = await (await fetch('/portal/config.json')).json();
    $('partner-id').value = config.partnerId || '';
    $('partner-key').value = config.partnerKey || '';
    $('offer-id').value = config.offerId || '';
  } catch { /* fill in by hand */ }
  $('connection-form').addEventListener('submit', (e) => { e.preventDefault(); loadOffer(false); });
  $('draft-form').addEventListener('submit', saveDraft);
  $('document-form').addEventListener('submit', uploadDocument);
  $('contacts-form').addEventListener('submit', importContacts);
  $('submit-form').addEventListener('submit', submitForReview);
  $('refresh-status').addEventListener('click', () => refreshStatus());
  if ($('partner-id').value && $('offer-id').value) await loadOffer(true);
}

document.addEventListener('DOMContentLoaded', init);
