// Tiny DOM builder: every text goes through textContent (never innerHTML with user data — docs/powerup.md, Security).
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The messages area of a form (role=alert so screen readers announce it). */
export function showMessages(box: Element, kind: 'error' | 'ok' | 'info' | 'warn', lines: string[]): void {
  clear(box);
  box.className = `messages ${kind}`;
  const [only] = lines;
  if (lines.length === 1 && only !== undefined) box.textContent = only;
  else if (lines.length > 1) append(box, h('ul', {}, ...lines.map((l) => h('li', {}, l))));
}
