// The SPARQL page's editor: CodeMirror 6 in a Streamlit custom component.
//
// It talks to Streamlit with the component protocol's postMessage calls (no React, no
// streamlit-component-lib): it gets the project prefixes, the ontology's terms, the text a form
// or link put in the editor and the last run's error as args, and sends {text, nonce} to Python
// only when the reader runs the query (the Run button or Ctrl/Cmd+Enter) — never per keystroke.
// Tabs and history live in this browser's localStorage, so they survive a reload.
// Entity labels come from the store on demand: the editor sends {lookup, nonce}, which reruns
// only the editor's fragment, and Python answers with the matches in args.entities.

import { EditorState, Prec, StateEffect } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import {
  defaultKeymap,
  history as undoHistory,
  historyKeymap,
  indentWithTab,
} from "@codemirror/commands";
import {
  StreamLanguage,
  syntaxHighlighting,
  defaultHighlightStyle,
  bracketMatching,
  indentOnInput,
} from "@codemirror/language";
import {
  autocompletion,
  acceptCompletion,
  closeCompletion,
  moveCompletionSelection,
  startCompletion,
  closeBrackets,
  closeBracketsKeymap,
} from "@codemirror/autocomplete";
import { linter, lintGutter } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { Parser } from "sparqljs";

const TABS_KEY = "edukg.sparql.tabs.v1";
const HISTORY_KEY = "edukg.sparql.history.v1";
const APPLIED_KEY = "edukg.sparql.applied.v1";
const HISTORY_MAX = 50;
// Entity lookups wait this long after the last keystroke, and give up after LOOKUP_WAIT.
const LOOKUP_DELAY = 200;
const LOOKUP_WAIT = 8000;
// Properties whose string object is a name: typing in it looks the name up among entities.
const LABEL_PROPERTY = /(?:rdfs:label|skos:prefLabel|skos:altLabel|dct:title|<[^<>\s]*(?:label|Label|title)>)\s*$/;
// Dispatched when a run's error arrives from Python: the linter reads args.error again.
const relint = StateEffect.define();

const KEYWORDS = (
  "SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED OPTIONAL " +
  "FILTER UNION MINUS GRAPH BIND VALUES ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING AS " +
  "NOT EXISTS IN COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES " +
  "DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE " +
  "ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS " +
  "MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF " +
  "STRLANG STRDT sameTerm isIRI isURI isBLANK isLITERAL isNUMERIC REGEX SUBSTR REPLACE " +
  "true false a"
).split(" ");

// ---------------------------------------------------------------- Streamlit component protocol

function send(type, data) {
  window.parent.postMessage({ isStreamlitMessage: true, type, ...data }, "*");
}

function setFrameHeight() {
  send("streamlit:setFrameHeight", { height: document.body.scrollHeight });
}

// ---------------------------------------------------------------- storage

function load(key, fallback) {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch (err) {
    return fallback;
  }
}

function save(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    // A full or disabled localStorage only loses persistence, never the editor.
  }
}

// ---------------------------------------------------------------- state

let args = { prefixes: {}, terms: [] };
let tabs = load(TABS_KEY, null); // {list: [{id, title, text, dirty}], active: id}
let runHistory = load(HISTORY_KEY, []);
let view = null;
let parser = null;
let completionOptions = [];
let switching = false;
// Entity lookups: answers by fragment (for this store generation), and requests awaiting one.
let entityAnswers = new Map();
let entityPending = new Map();
let entityGeneration = null;

function activeTab() {
  return tabs.list.find((t) => t.id === tabs.active) || tabs.list[0];
}

function newId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
}

function tabTitle(text) {
  const form = /\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b/i.exec(text || "");
  const comment = /^\s*#\s*(?:title:\s*)?(.+)$/m.exec(text || "");
  if (comment) return comment[1].slice(0, 24);
  return form ? form[1].toUpperCase() : "查询 / Query";
}

function persistTabs() {
  save(TABS_KEY, tabs);
}

// ---------------------------------------------------------------- completion

function buildCompletions() {
  const options = [];
  for (const [name, iri] of Object.entries(args.prefixes || {})) {
    options.push({ label: name + ":", type: "namespace", detail: iri, boost: 1 });
  }
  for (const term of args.terms || []) {
    const labels = [term.zh, term.en].filter(Boolean).join(" / ");
    const kind = term.kind === "class" ? "类 class" : "属性 property";
    options.push({
      label: term.prefixed,
      type: term.kind === "class" ? "class" : "property",
      detail: labels ? `${kind} · ${labels}` : kind,
      info: term.iri,
      boost: 2,
    });
    // Typing the Chinese label (隶属) offers the term too, and inserts its prefixed name.
    if (term.zh) {
      options.push({
        label: term.zh,
        apply: term.prefixed,
        type: term.kind === "class" ? "class" : "property",
        detail: term.prefixed,
        info: term.iri,
      });
    }
  }
  for (const word of KEYWORDS) {
    options.push({ label: word, type: "keyword" });
  }
  completionOptions = options;
}

function prefixDeclarations(context) {
  // After "PREFIX " offer whole declarations: "ekg: <https://w3id.org/edukg/ontology#>".
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const match = /^\s*PREFIX\s+([\w-]*:?)$/i.exec(before);
  if (!match) return null;
  return {
    from: context.pos - match[1].length,
    options: Object.entries(args.prefixes || {}).map(([name, iri]) => ({
      label: `${name}: <${iri}>`,
      type: "namespace",
    })),
    validFor: /^[\w-]*:?$/,
  };
}

function sparqlCompletions(context) {
  const declaration = prefixDeclarations(context);
  if (declaration) return declaration;
  const word = context.matchBefore(/[\w\u3400-\u9fff-]+:?[\w-]*/u);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  // No completion inside an IRI, a string or a comment.
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, word.from - line.from);
  if (/#[^>]*$/.test(before) && !/<[^>]*$/.test(before)) return null;
  if (/<[^>]*$/.test(before)) return null;
  if ((before.match(/"/g) || []).length % 2 === 1) return null;
  if (word.from > 0 && /[?$]/.test(context.state.sliceDoc(word.from - 1, word.from))) {
    return variableCompletions(context, word);
  }
  return { from: word.from, options: completionOptions, validFor: /^[\w\u3400-\u9fff-]*:?[\w-]*$/u };
}

function variableCompletions(context, word) {
  const seen = new Set();
  for (const match of context.state.doc.toString().matchAll(/[?$]([\w]+)/g)) seen.add(match[1]);
  const typed = context.state.sliceDoc(word.from, word.to);
  seen.delete(typed);
  return {
    from: word.from,
    options: [...seen].map((name) => ({ label: name, type: "variable" })),
    validFor: /^\w*$/,
  };
}

// ---------------------------------------------------------------- entity labels from the store

// Where a label fragment is typed: in a string after a name property (?x rdfs:label "西仓), or,
// on Ctrl+Space, as a bare word (西仓, xicangqiao). Returns null elsewhere.
function entityTarget(context) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const quotes = (before.match(/"/g) || []).length;
  if (quotes % 2 === 1) {
    const open = before.lastIndexOf('"');
    const head = before.slice(0, open);
    if (/\\$/.test(head) || !LABEL_PROPERTY.test(head)) return null;
    const fragment = before.slice(open + 1);
    if (!fragment.trim() || /["\\]/.test(fragment)) return null;
    const subject = /(^|[\s{.}])([?$][\w]+)\s+\S+\s*$/.exec(head);
    return {
      kind: "string",
      fragment,
      from: line.from + open + 1,
      quote: line.from + open,
      subject: subject ? { name: subject[2], at: line.from + subject.index + subject[1].length } : null,
    };
  }
  if (!context.explicit) return null;
  const word = context.matchBefore(/[\w\u3400-\u9fff-]+/u);
  if (!word || word.from === word.to) return null;
  const prior = context.state.sliceDoc(Math.max(word.from - 1, 0), word.from);
  if (/[?$:]/.test(prior) || /<[^>\s]*$/.test(before)) return null; // a variable, a prefixed name, an IRI
  if (/#/.test(before.replace(/<[^>]*>/g, "").replace(/"[^"]*"/g, ""))) return null; // a comment
  return { kind: "word", fragment: word.text, from: word.from };
}

// The end of the string literal that starts at `quote`: past its closing quote and language tag.
function literalEnd(state, from) {
  const line = state.doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const match = /^[^"\\]*"(@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?/.exec(rest);
  return match ? from + match[0].length : state.selection.main.head;
}

function entityOption(entity, target) {
  // Outside a string the IRI replaces the word. In a name string the label is completed as
  // stored (with its language tag, or the triple matches nothing) and the subject variable is
  // bound to the chosen entity by a VALUES block before it: one name is often several entities.
  const bound = target.kind === "string" && target.subject;
  const inserted =
    target.kind === "word"
      ? entity.term
      : bound
        ? `VALUES ${target.subject.name} { ${entity.term} } … ${entity.literal}`
        : entity.literal;
  return {
    label: entity.label,
    detail: [entity.kind, entity.where].filter(Boolean).join(" · "),
    info: `${entity.iri}\n→ ${inserted}`,
    type: "constant",
    apply: (view) => {
      const state = view.state;
      let changes;
      let end;
      if (target.kind === "word") {
        const to = state.selection.main.head;
        changes = [{ from: target.from, to, insert: entity.term }];
        end = target.from + entity.term.length;
      } else {
        const to = literalEnd(state, target.from);
        changes = [{ from: target.quote, to, insert: entity.literal }];
        end = target.quote + entity.literal.length;
        if (bound) {
          const values = `VALUES ${target.subject.name} { ${entity.term} } `;
          changes.push({ from: target.subject.at, insert: values });
          end += values.length;
        }
      }
      view.dispatch({ changes, selection: { anchor: end }, userEvent: "input.complete" });
    },
  };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Ask Python for the entities a fragment names (once per fragment and store generation).
async function lookupEntities(fragment, context) {
  if (entityAnswers.has(fragment)) return entityAnswers.get(fragment);
  await sleep(LOOKUP_DELAY);
  if (context.aborted) return null;
  if (entityAnswers.has(fragment)) return entityAnswers.get(fragment);
  const nonce = newId();
  const answer = new Promise((resolve) => {
    entityPending.set(nonce, resolve);
    setTimeout(() => {
      if (entityPending.delete(nonce)) resolve(null);
    }, LOOKUP_WAIT);
  });
  send("streamlit:setComponentValue", { value: { lookup: fragment, nonce }, dataType: "json" });
  return answer;
}

async function entityCompletions(context) {
  const target = entityTarget(context);
  if (!target) return null;
  const found = await lookupEntities(target.fragment, context);
  if (!found || !found.length || context.aborted) return null;
  return {
    from: target.from,
    options: found.map((entity) => entityOption(entity, target)),
    filter: false, // ranked by Python (exact, prefix, part, pinyin): keep that order
  };
}

// An answer in args: resolve the request that asked for it.
function receiveEntities(newArgs) {
  if (newArgs.entity_generation !== entityGeneration) {
    entityGeneration = newArgs.entity_generation;
    entityAnswers = new Map();
  }
  const answer = newArgs.entities;
  if (!answer || typeof answer.fragment !== "string") return;
  entityAnswers.set(answer.fragment, answer.options || []);
  const resolve = entityPending.get(answer.nonce);
  if (resolve) {
    entityPending.delete(answer.nonce);
    resolve(answer.options || []);
  }
}

// ---------------------------------------------------------------- syntax markers

function lintSparql(editorView) {
  const text = editorView.state.doc.toString();
  const diagnostics = [];
  const doc = editorView.state.doc;
  const at = (line, column) => {
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(column, 0), l.to);
  };
  if (text.trim()) {
    try {
      parser.parse(text);
    } catch (err) {
      const loc = err.hash && err.hash.loc;
      const unknown = /^Unknown prefix: (.*)$/.exec(err.message || "");
      if (loc) {
        const from = at(loc.first_line, loc.first_column);
        const to = Math.max(at(loc.last_line, loc.last_column), from + 1);
        const got = err.hash.token ? ` got '${err.hash.text || err.hash.token}'` : "";
        const expected = (err.hash.expected || []).slice(0, 6).join(", ");
        diagnostics.push({
          from,
          to: Math.min(to, doc.length),
          severity: "error",
          message: `语法错误 / Syntax error:${got}; expected ${expected}${(err.hash.expected || []).length > 6 ? " …" : ""}`,
        });
      } else if (unknown) {
        const index = text.indexOf(unknown[1] + ":");
        const from = index >= 0 ? index : 0;
        diagnostics.push({
          from,
          to: Math.min(from + unknown[1].length + 1, doc.length),
          severity: "error",
          message: `未声明的前缀 / Undeclared prefix '${unknown[1]}:'. Add a PREFIX line.`,
        });
      } else {
        // sparqljs's checks after parsing (a variable bound twice, an ungrouped projection)
        // name the variable but give no position: mark where it is bound, else where it first
        // appears.
        const variable = /\((\?\w+)\)/.exec(err.message || "");
        let from = 0;
        let length = 1;
        if (variable) {
          const bound = text.search(new RegExp(`\\bAS\\s+\\${variable[1]}\\b`, "i"));
          const first = text.search(new RegExp(`\\${variable[1]}\\b`));
          from = bound >= 0 ? text.indexOf(variable[1], bound) : Math.max(first, 0);
          length = variable[1].length;
        }
        diagnostics.push({
          from,
          to: Math.min(from + length, doc.length),
          severity: "error",
          message: `语法错误 / Syntax error: ${err.message}`,
        });
      }
    }
  }
  // The store's own verdict on the last run of this very text (Oxigraph's line and column).
  const error = args.error;
  if (error && error.query === text && error.line) {
    // Oxigraph points at the first character it could not read, which may be the line's end:
    // mark from there to the line's end, or the line's last character.
    const end = at(error.line, 1e9);
    const from = Math.min(at(error.line, (error.column || 1) - 1), Math.max(end - 1, 0));
    diagnostics.push({
      from,
      to: Math.max(end, Math.min(from + 1, doc.length)),
      severity: "error",
      source: "Oxigraph",
      message: error.message,
    });
  }
  setStatus(diagnostics.length ? `${diagnostics.length} 个错误 / error(s)` : "语法正确 / syntax OK", !!diagnostics.length);
  return diagnostics;
}

// ---------------------------------------------------------------- run, tabs, history

function runQuery() {
  const text = view.state.doc.toString();
  const tab = activeTab();
  tab.text = text;
  tab.dirty = false;
  tab.title = tabTitle(text);
  persistTabs();
  runHistory.unshift({ time: new Date().toISOString(), text });
  runHistory = runHistory.filter((h, i) => i === 0 || h.text !== text).slice(0, HISTORY_MAX);
  save(HISTORY_KEY, runHistory);
  renderTabs();
  renderHistory();
  send("streamlit:setComponentValue", { value: { text, nonce: newId() }, dataType: "json" });
  return true;
}

function switchTo(id) {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return;
  tabs.active = id;
  persistTabs();
  switching = true;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: tab.text } });
  switching = false;
  renderTabs();
  view.focus();
}

function openInTab(text, reuseClean) {
  const same = tabs.list.find((t) => t.text === text);
  if (same) return switchTo(same.id);
  const tab = activeTab();
  if (reuseClean && tab && !tab.dirty) {
    tab.text = text;
    tab.title = tabTitle(text);
    return switchTo(tab.id);
  }
  const created = { id: newId(), title: tabTitle(text), text, dirty: false };
  tabs.list.push(created);
  switchTo(created.id);
}

function closeTab(id) {
  if (tabs.list.length === 1) return;
  const index = tabs.list.findIndex((t) => t.id === id);
  tabs.list.splice(index, 1);
  if (tabs.active === id) switchTo(tabs.list[Math.max(0, index - 1)].id);
  else {
    persistTabs();
    renderTabs();
  }
}

function renderTabs() {
  const bar = document.getElementById("tabs");
  bar.textContent = "";
  for (const tab of tabs.list) {
    const button = document.createElement("button");
    button.className = "tab" + (tab.id === tabs.active ? " active" : "");
    button.dataset.tabId = tab.id;
    button.title = tab.text.slice(0, 300);
    button.textContent = tab.title + (tab.dirty ? " •" : "");
    button.onclick = () => switchTo(tab.id);
    if (tabs.list.length > 1) {
      const close = document.createElement("span");
      close.className = "close";
      close.textContent = "×";
      close.title = "关闭 / close tab";
      close.onclick = (event) => {
        event.stopPropagation();
        closeTab(tab.id);
      };
      button.appendChild(close);
    }
    bar.appendChild(button);
  }
  const add = document.createElement("button");
  add.className = "tab add";
  add.id = "new-tab";
  add.title = "新标签 / new tab";
  add.textContent = "+";
  add.onclick = () => {
    const created = { id: newId(), title: "查询 / Query", text: "SELECT * WHERE {\n  ?s ?p ?o\n}\nLIMIT 10\n", dirty: false };
    tabs.list.push(created);
    switchTo(created.id);
  };
  bar.appendChild(add);
}

function renderHistory() {
  const select = document.getElementById("history");
  select.textContent = "";
  const first = document.createElement("option");
  first.value = "";
  first.textContent = `历史 / History (${runHistory.length})`;
  select.appendChild(first);
  runHistory.forEach((entry, index) => {
    const option = document.createElement("option");
    option.value = String(index);
    const when = new Date(entry.time);
    const line = entry.text.replace(/^(PREFIX[^\n]*\n|#[^\n]*\n|\s*\n)+/gi, "").split("\n")[0];
    option.textContent = `${when.toLocaleString()} · ${line.slice(0, 70)}`;
    select.appendChild(option);
  });
  select.onchange = () => {
    if (select.value === "") return;
    openInTab(runHistory[Number(select.value)].text, false);
    select.value = "";
  };
}

function setStatus(message, bad) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = message;
  status.className = bad ? "bad" : "good";
}

// ---------------------------------------------------------------- set up

function createEditor(text) {
  const runKeys = Prec.highest(
    keymap.of([
      { key: "Mod-Enter", run: runQuery, preventDefault: true },
      { key: "Shift-Mod-Enter", run: runQuery, preventDefault: true },
    ]),
  );
  // Completion keys without Enter: Tab or a click accepts, Enter is always a newline.
  const completionKeys = Prec.high(
    keymap.of([
      { key: "Ctrl-Space", run: startCompletion },
      { key: "Escape", run: closeCompletion },
      { key: "ArrowDown", run: moveCompletionSelection(true) },
      { key: "ArrowUp", run: moveCompletionSelection(false) },
      { key: "PageDown", run: moveCompletionSelection(true, "page") },
      { key: "PageUp", run: moveCompletionSelection(false, "page") },
      { key: "Tab", run: acceptCompletion },
    ]),
  );
  const onChange = EditorView.updateListener.of((update) => {
    if (!update.docChanged || switching) return;
    const tab = activeTab();
    tab.text = update.state.doc.toString();
    if (!tab.dirty) {
      tab.dirty = true;
      renderTabs();
    }
    persistTabs();
  });
  view = new EditorView({
    parent: document.getElementById("editor"),
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        undoHistory(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        StreamLanguage.define(sparql),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({
          override: [sparqlCompletions, entityCompletions],
          defaultKeymap: false,
          activateOnTyping: true,
          icons: true,
          maxRenderedOptions: 60,
        }),
        linter(lintSparql, {
          delay: 250,
          needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(relint))),
        }),
        lintGutter(),
        runKeys,
        completionKeys,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
        onChange,
        EditorView.lineWrapping,
      ],
    }),
  });
  document.getElementById("run").onclick = () => {
    runQuery();
    view.focus();
  };
}

function applyArgs(newArgs) {
  const prefixesChanged = JSON.stringify(newArgs.prefixes) !== JSON.stringify(args.prefixes);
  const termsChanged = (newArgs.terms || []).length !== (args.terms || []).length;
  const errorChanged = JSON.stringify(newArgs.error || null) !== JSON.stringify(args.error || null);
  args = newArgs;
  receiveEntities(newArgs);
  if (prefixesChanged || !parser) parser = new Parser({ prefixes: { ...(args.prefixes || {}) } });
  if (prefixesChanged || termsChanged) buildCompletions();

  if (!tabs || !tabs.list || !tabs.list.length) {
    const first = { id: newId(), title: tabTitle(args.text), text: args.text || "", dirty: false };
    tabs = { list: [first], active: first.id };
    persistTabs();
  }
  if (!view) {
    createEditor(activeTab().text);
    renderTabs();
    renderHistory();
  }
  // Text that a form, a shared link or the session history put in the editor, once per token.
  // The session's first token (`initial`) only fills an empty editor: a reload keeps the tabs.
  const applied = load(APPLIED_KEY, []);
  if (args.token && !applied.includes(args.token)) {
    applied.push(args.token);
    save(APPLIED_KEY, applied.slice(-50));
    if (!args.initial && typeof args.text === "string") openInTab(args.text, true);
  }
  if (errorChanged && view) view.dispatch({ effects: relint.of(null) });
  setFrameHeight();
}

window.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "streamlit:render") applyArgs(data.args || {});
});

new ResizeObserver(setFrameHeight).observe(document.body);
send("streamlit:componentReady", { apiVersion: 1 });

// For tests and debugging: the editor's view.
window.edukgEditor = () => view;
window.edukgDiagnostics = () => lintSparql(view).map((d) => ({ from: d.from, to: d.to, message: d.message, source: d.source || "sparqljs" }));
