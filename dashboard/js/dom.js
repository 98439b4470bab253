// DOM building without HTML parsing. Everything shown may come from events (paths, titles,
// referrers, event names) and is attacker-controlled, so text only ever goes in through
// textContent and attributes through setAttribute: never innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an HTML element.
 * @param {string} tag
 * @param {Record<string, string>} [attributes] set with setAttribute (class, data-*, aria-*)
 * @param {Array<Node | string>} [children] strings become text nodes
 * @returns {HTMLElement}
 */
export const el = (tag, attributes = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
};

/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {Array<Node | string>} [children] strings become text nodes
 * @returns {SVGElement}
 */
export const svg = (tag, attributes = {}, children = []) => {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
};

/**
 * Replaces the children of the element with the given id.
 * @param {string} id
 * @param {Array<Node>} children
 */
export const fill = (id, children) => {
  const target = document.getElementById(id);
  if (target) target.replaceChildren(...children);
};

/**
 * Sets the text of the element with the given id.
 * @param {string} id
 * @param {string} text
 */
export const setText = (id, text) => {
  const target = document.getElementById(id);
  if (target) target.textContent = text;
};
