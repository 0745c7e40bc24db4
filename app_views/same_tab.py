"""In-app links that stay in this Streamlit session.

An <a href target='_self'> in a page's HTML (the resource page's statements, the reader's
highlighted mentions) loads the page afresh: a new Streamlit session, which forgets the reader's
query results and settings. A script in a zero-height frame catches those clicks in the app's
page and navigates the way the browser's Back button does: it pushes the link's URL onto the
history and signals `popstate`, on which Streamlit opens the page with the URL's query
parameters in the same session. Links with a modifier key (Ctrl, Shift, ⌘, middle button) still
open a new tab as the reader asks; if the script cannot run, a link still works as a same-tab
page load.
"""

from __future__ import annotations

import streamlit as st

# Installed once per browser page (the frame is drawn on every run); app-relative links only.
SCRIPT = """<script>
(function () {
  const host = window.parent;
  const doc = host.document;
  if (doc.edukgSameTab) return;
  doc.edukgSameTab = true;
  doc.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href][target='_self']");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href, host.location.href);
    if (url.origin !== host.location.origin) return;
    event.preventDefault();
    host.history.pushState(null, "", url.toString());
    host.dispatchEvent(new PopStateEvent("popstate"));
  }, true);
})();
</script>"""


def keep_links_in_session() -> None:
    """Draw the (invisible) frame whose script keeps in-app HTML links in this session."""
    with st.sidebar:
        # st.iframe replaces components.html (deprecated); it runs a string of our own HTML in a
        # frame with same-origin access, which the script needs (never pass it outside input).
        st.iframe(SCRIPT, height="content")
