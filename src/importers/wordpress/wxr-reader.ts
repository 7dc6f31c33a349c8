import { createReadStream } from 'node:fs';
import { Parser } from 'htmlparser2';

// A streaming reader for WordPress eXtended RSS (WXR), the file WordPress's exporter writes.
// The file is parsed chunk by chunk (htmlparser2 in XML mode), so a 200 MB export never sits in
// memory: only the item being read does.

export interface WxrAuthor {
  kind: 'author';
  login: string;
  displayName: string;
  email: string;
}

export interface WxrTerm {
  /** `category` or `post_tag` (other taxonomies are kept too, e.g. `post_format`). */
  domain: string;
  slug: string;
  name: string;
}

export interface WxrItem {
  kind: 'item';
  postId: string;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  /** `YYYY-MM-DD HH:MM:SS` in UTC, or '' when WordPress wrote 0000-00-00 (unpublished drafts). */
  postDateGmt: string;
  postName: string;
  status: string;
  postType: string;
  parentId: string;
  attachmentUrl: string;
  terms: WxrTerm[];
  meta: Map<string, string>;
}

export type WxrRecord = WxrAuthor | WxrItem;

export interface WxrChannel {
  title: string;
  baseSiteUrl: string;
  language: string;
  wxrVersion: string;
}

/** A WXR file that cannot be imported, with a message a person can act on. */
export class WxrError extends Error {}

function emptyItem(): WxrItem {
  return {
    kind: 'item',
    postId: '',
    title: '',
    link: '',
    creator: '',
    content: '',
    excerpt: '',
    postDateGmt: '',
    postName: '',
    status: '',
    postType: '',
    parentId: '',
    attachmentUrl: '',
    terms: [],
    meta: new Map(),
  };
}

const itemFields: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_type': 'postType',
  'wp:post_parent': 'parentId',
  'wp:attachment_url': 'attachmentUrl',
};

/** Incremental WXR parser: `write` chunks, `end`, and take the records as they complete. */
export class WxrParser {
  readonly channel: WxrChannel = { title: '', baseSiteUrl: '', language: '', wxrVersion: '' };
  private records: WxrRecord[] = [];
  private path: string[] = [];
  private text = '';
  private item: WxrItem | undefined;
  private author: WxrAuthor | undefined;
  private term: { domain: string; slug: string } | undefined;
  private metaKey = '';
  private metaValue = '';
  private sawRss = false;
  private closedRss = false;
  private itemCount = 0;
  private implied = false;
  private readonly parser: Parser;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => this.open(name, attributes),
        ontext: (text) => {
          this.text += text;
        },
        onclosetag: (name, isImplied) => {
          // htmlparser2 closes every open element at the end of input: for us, a cut-off file.
          if (isImplied) this.implied = true;
          else this.close(name);
        },
      },
      { xmlMode: true, recognizeCDATA: true, decodeEntities: true },
    );
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the input; throws WxrError when the file was not a complete WXR export. */
  end(): void {
    this.parser.end();
    if (!this.sawRss)
      throw new WxrError('This is not a WordPress export (WXR): it has no <rss> element.');
    if (this.item || (this.implied && this.path.length > 0))
      throw new WxrError(
        `The file ends in the middle of item ${this.itemCount} — it looks truncated. Export it again.`,
      );
    if (!this.closedRss)
      throw new WxrError('The file ends before </rss> — it looks truncated. Export it again.');
    if (!this.channel.wxrVersion)
      throw new WxrError('This RSS file has no <wp:wxr_version>: it is not a WordPress export.');
  }

  /** The records completed since the last call. */
  take(): WxrRecord[] {
    const done = this.records;
    this.records = [];
    return done;
  }

  private open(name: string, attributes: Record<string, string>): void {
    if (this.path.length === 0 && name !== 'rss')
      throw new WxrError(`This is not a WordPress export (WXR): the root element is <${name}>.`);
    if (name === 'rss') this.sawRss = true;
    this.path.push(name);
    this.text = '';
    if (name === 'item') {
      this.item = emptyItem();
      this.itemCount += 1;
    } else if (name === 'wp:author' && !this.item) {
      this.author = { kind: 'author', login: '', displayName: '', email: '' };
    } else if (name === 'category' && this.item) {
      this.term = { domain: attributes.domain ?? 'category', slug: attributes.nicename ?? '' };
    }
  }

  private close(name: string): void {
    const text = this.text;
    this.text = '';
    this.path.pop();
    const parent = this.path[this.path.length - 1];
    if (name === 'rss') this.closedRss = true;
    if (this.item) this.closeInItem(name, text, parent);
    else if (this.author) this.closeInAuthor(name, text);
    else if (parent === 'channel') this.closeInChannel(name, text);
  }

  private closeInItem(name: string, text: string, parent: string | undefined): void {
    const item = this.item;
    if (!item) return;
    if (name === 'item') {
      this.records.push(item);
      this.item = undefined;
    } else if (name === 'category' && this.term) {
      item.terms.push({ ...this.term, name: text.trim() });
      this.term = undefined;
    } else if (parent === 'wp:postmeta') {
      if (name === 'wp:meta_key') this.metaKey = text;
      else if (name === 'wp:meta_value') this.metaValue = text;
    } else if (name === 'wp:postmeta') {
      if (this.metaKey) item.meta.set(this.metaKey, this.metaValue);
      this.metaKey = '';
      this.metaValue = '';
    } else if (parent === 'item') {
      const field = itemFields[name];
      if (field && typeof item[field] === 'string') {
        const value = field === 'content' || field === 'excerpt' ? text : text.trim();
        (item as unknown as Record<string, string>)[field] = value;
      }
    }
  }

  private closeInAuthor(name: string, text: string): void {
    const author = this.author;
    if (!author) return;
    if (name === 'wp:author') {
      this.records.push(author);
      this.author = undefined;
    } else if (name === 'wp:author_login') author.login = text.trim();
    else if (name === 'wp:author_display_name') author.displayName = text.trim();
    else if (name === 'wp:author_email') author.email = text.trim();
  }

  private closeInChannel(name: string, text: string): void {
    if (name === 'title') this.channel.title = text.trim();
    else if (name === 'wp:base_site_url') this.channel.baseSiteUrl = text.trim();
    else if (name === 'language') this.channel.language = text.trim();
    else if (name === 'wp:wxr_version') this.channel.wxrVersion = text.trim();
  }
}

/**
 * Opens a WXR file as a stream of records. `channel` fills in as the file's header is read (it
 * comes before the items). `records` throws WxrError for a file that is not WXR or is cut short
 * (after yielding what came before, so a caller importing in one transaction rolls it all back).
 */
export function openWxrFile(
  path: string,
  onProgress: (bytesRead: number) => void = () => {},
): { channel: WxrChannel; records: AsyncGenerator<WxrRecord> } {
  const parser = new WxrParser();
  async function* records(): AsyncGenerator<WxrRecord> {
    let bytes = 0;
    const decoder = new TextDecoder('utf-8');
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      onProgress(bytes);
      yield* parser.take();
    }
    parser.write(decoder.decode());
    parser.end();
    yield* parser.take();
  }
  return { channel: parser.channel, records: records() };
}
