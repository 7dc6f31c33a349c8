import type { ChildNode, Element } from 'domhandler';

// DOM helpers of the HTML → document parser (htmlparser2's domhandler nodes).

/** Elements whose content is never kept (scripts, styles, forms …). */
export const dropped = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'object',
  'svg',
  'math',
  'head',
  'title',
  'button',
  'select',
  'textarea',
  'input',
  'option',
  'canvas',
  'audio',
  'video',
  'source',
  'track',
  'map',
  'meta',
  'link',
  'base',
  'frameset',
  'frame',
]);
export function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function classOf(element: Element): string {
  return (element.attribs.class ?? '').toLowerCase();
}

export function textContent(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (isElement(node) && !dropped.has(node.name)) return node.children.map(textContent).join('');
  return '';
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

export function findFirst(node: Element, name: string): Element | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) return child;
    const deeper = findFirst(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findByClass(node: Element, cls: string): Element | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (
      classOf(child)
        .split(/\s+/)
        .some((c) => c.includes(cls))
    )
      return child;
    const deeper = findByClass(child, cls);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findMedia(node: Element): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === 'img' || child.name === 'iframe') found.push(child);
    else found.push(...findMedia(child));
  }
  return found;
}

export function findLinks(node: Element): string[] {
  const links: string[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === 'a' && child.attribs.href) links.push(child.attribs.href);
    links.push(...findLinks(child));
  }
  return links;
}
