// The sentences the page's scripts place on their own (the runtime's state line, the buttons'
// answers, the skip link, the re-classify tool's status). Their one home is Python
// (calculator.words.page_messages); the build writes them as JSON into the root's
// data-page-messages (an attribute: it survives instant navigation and is never run as code).
// Scripts look a message up by key and fill its {placeholders}; they word nothing themselves.

const table = {};

// Learn the messages a calculator or re-classify root carries (once per root is enough).
export function learnMessages(root) {
  const text = root && root.dataset && root.dataset.pageMessages;
  if (text) Object.assign(table, JSON.parse(text));
}

// The message `key`, with each {name} replaced by params[name]; an unknown key reads as itself,
// so a missing message shows (and tests see it) instead of vanishing.
export function say(key, params = {}) {
  const text = Object.hasOwn(table, key) ? table[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
