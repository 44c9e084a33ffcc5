"""The web UI's CSS (layout at 1366 px and 390 px, the strip, the board) and its few lines of browser JavaScript."""

from __future__ import annotations

from pathlib import Path

from assistant.adapters.web_board import CARD_CSS
from assistant.adapters.web_text import UI

LAYOUT_CSS = """
.gradio-container{max-width:1500px !important}
#ta-header{align-items:center}
#ta-header h2{margin:0}
#lang{max-width:260px}
#lang .wrap{flex-wrap:nowrap}
.ta-strip{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;padding:6px 10px;border-radius:8px;
  background:var(--block-background-fill);border:1px solid var(--border-color-primary);font-size:0.95em}
.ta-dots{display:inline-flex;gap:3px}
.ta-dot{width:9px;height:9px;border-radius:50%;background:#ccc;display:inline-block}
.ta-dot.on{background:#1f77b4}
.ta-step{font-weight:600}
.ta-next,.ta-themes{color:#666}
.ta-ready{font-weight:600;color:#2a7a2a}
.ta-ready a{text-decoration:underline}
.ta-working{color:#b35c00;font-weight:600}
.ta-spinner{display:inline-block;width:11px;height:11px;margin-right:6px;border:2px solid #e0a060;
  border-top-color:transparent;border-radius:50%;animation:ta-spin 0.8s linear infinite;vertical-align:-1px}
@keyframes ta-spin{to{transform:rotate(360deg)}}
#session-info a{text-decoration:underline}
#proposal th{white-space:nowrap}
#proposal td:last-child,#proposal th:last-child{text-align:right}
#ta-footer{color:#777;font-size:0.85em;text-align:center;margin-top:8px}
.ta-examples button{flex:0 1 auto !important;min-width:0 !important}
#chat{height:min(560px, max(300px, calc(100vh - 330px)))}
body.ta-busy #send{cursor:progress;opacity:0.8}
body.ta-busy #send::after{content:"…"}
button:disabled,button[disabled]{opacity:0.45 !important;cursor:not-allowed !important;filter:grayscale(0.6)}
@media (max-width: 700px){
  #ta-header{flex-wrap:wrap}
  #title{flex:1 1 100% !important;min-width:100% !important}
  #ta-header h2{font-size:1.05em}
  #session-info code{display:none}
  #chat{height:330px !important}
  .ta-examples{display:none !important}
  #tabs button[role=tab]{padding:4px 8px}
}
"""

# The address carries the interview: reload resumes it, and the address is the link to share.
URL_JS = """
(sid) => {
  const url = new URL(window.location.href);
  if (sid) { url.searchParams.set('session', sid); } else { url.searchParams.delete('session'); }
  if (url.href !== window.location.href) { window.history.replaceState(null, '', url.href); }
}
"""

# Runs once on page load. The strip's call to action opens the Proposal tab and presses Prepare: the files are
# written when asked for, never on a turn (the button may take a moment to appear in the newly opened tab).
CTA_JS = """
() => {
  // the language group has no visible label: name it for screen readers (not "Radio")
  const named = () => {
    const group = document.querySelector('#lang');
    if (!group) { return setTimeout(named, 200); }
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-label', 'Language / 言語');
  };
  named();
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('#cta-proposal');
    if (!link) { return; }
    event.preventDefault();
    document.querySelector('#tab-proposal-button')?.click();
    let tries = 0;
    const press = () => {
      const button = document.querySelector('#dl-prepare');
      if (button && !button.disabled) { button.click(); } else if (tries++ < 40) { setTimeout(press, 50); }
    };
    press();
  });
}
"""

# Sending marks the page busy until the turn's events are done (IDLE_JS); several may be in flight at once.
BUSY_JS = """
(text) => {
  window.taBusy = (window.taBusy || 0) + 1;
  document.body.classList.add('ta-busy');
  return [text];
}
"""

IDLE_JS = """
() => {
  window.taBusy = Math.max(0, (window.taBusy || 1) - 1);
  if (!window.taBusy) { document.body.classList.remove('ta-busy'); }
}
"""

COPY_JS = """
(sid, lang) => {
  if (!sid) { return; }
  const url = new URL(window.location.href);
  url.searchParams.set('session', sid);
  const done = () => {
    const b = document.querySelector('#copy-link');
    if (!b) { return; }
    b.dataset.copied = url.href;
    const before = b.textContent;
    b.textContent = lang === 'ja' ? 'コピーしました ✓' : 'Copied ✓';  // the click is seen to have done something
    setTimeout(() => { b.textContent = before; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(url.href).then(done, () => { window.prompt('', url.href); done(); });
  } else { window.prompt('', url.href); done(); }
}
"""


def confirm_js(lang_inputs: str) -> str:
    """Asks before a new interview replaces the one on screen; the answer goes to the server as 'yes'/'no'."""
    en, ja = UI["en"]["confirm_new"], UI["ja"]["confirm_new"]
    return f"""
({lang_inputs}, _answer) => {{
  const question = lang === 'ja' ? {ja!r} : {en!r};
  return [{lang_inputs}, (!sid || window.confirm(question)) ? 'yes' : 'no'];
}}
"""


def font_css(font: Path) -> str:
    face = (
        f"@font-face{{font-family:'TA Japanese';src:url('/gradio_api/file={font}') format('truetype');}}"
        if font.exists()
        else ""
    )
    stack = "'Source Sans Pro', ui-sans-serif, system-ui, sans-serif, 'TA Japanese'"
    return f"{face}\n:root, .gradio-container {{--font: {stack} !important;}}"


def css(font: Path) -> str:
    return f"{font_css(font)}\n{CARD_CSS}\n{LAYOUT_CSS}"
