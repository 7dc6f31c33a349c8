// Writes a small MaxMind DB (MMDB format 2.0, IPv4, 24-bit records) for tests: the real file
// format GeoLite2 and DB-IP databases use, so the lookup is tested against the reader a
// newsroom runs, without shipping anyone's database. Spec: https://maxmind.github.io/MaxMind-DB/

type Value = string | number | bigint | Value[] | { [key: string]: Value };

function control(type: number, size: number): Buffer {
  if (size >= 29) throw new Error('the test writer keeps sizes under 29');
  return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]);
}

function unsigned(type: number, value: number | bigint, maxBytes: number): Buffer {
  const bytes: number[] = [];
  let rest = BigInt(value);
  while (rest > 0n) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  if (bytes.length > maxBytes) throw new Error(`${value} does not fit`);
  return Buffer.concat([control(type, bytes.length), Buffer.from(bytes)]);
}

function encode(value: Value, integerType: 'uint16' | 'uint32' | 'uint64' = 'uint32'): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === 'bigint' || integerType === 'uint64') return unsigned(9, value as number, 8);
  if (typeof value === 'number')
    return integerType === 'uint16' ? unsigned(5, value, 2) : unsigned(6, value, 4);
  if (Array.isArray(value))
    return Buffer.concat([control(11, value.length), ...value.map((v) => encode(v))]);
  const entries = Object.entries(value);
  return Buffer.concat([
    control(7, entries.length),
    ...entries.flatMap(([key, v]) => [encode(key), encode(v, typeOf(key))]),
  ]);
}

// The metadata's integer fields have fixed types in the spec.
function typeOf(key: string): 'uint16' | 'uint32' | 'uint64' {
  if (key === 'build_epoch') return 'uint64';
  if (['record_size', 'ip_version', 'binary_format_major_version'].includes(key)) return 'uint16';
  if (key === 'binary_format_minor_version') return 'uint16';
  return 'uint32';
}

interface TrieNode {
  children: [TrieNode | number | undefined, TrieNode | number | undefined];
}

/** An MMDB file mapping each IPv4 network (e.g. "203.0.113.0/24") to its record. */
export function writeMmdb(networks: Record<string, Value>, databaseType = 'Test-Country'): Buffer {
  const data: Buffer[] = [];
  let dataLength = 0;
  const root: TrieNode = { children: [undefined, undefined] };
  for (const [network, record] of Object.entries(networks)) {
    const [address = '', bitsText = '32'] = network.split('/');
    const bits = Number(bitsText);
    const ip = address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    const encoded = encode(record);
    const offset = dataLength;
    data.push(encoded);
    dataLength += encoded.length;
    let node = root;
    for (let i = 0; i < bits; i += 1) {
      const bit = (Math.floor(ip / 2 ** (31 - i)) & 1) as 0 | 1;
      if (i === bits - 1) {
        node.children[bit] = offset;
        break;
      }
      let next = node.children[bit];
      if (typeof next !== 'object')
        next = node.children[bit] = { children: [undefined, undefined] };
      node = next;
    }
  }
  // Nodes numbered breadth first from the root (node 0).
  const nodes: TrieNode[] = [root];
  for (let i = 0; i < nodes.length; i += 1)
    for (const child of nodes[i]?.children ?? []) if (typeof child === 'object') nodes.push(child);
  const nodeCount = nodes.length;
  const record = (child: TrieNode | number | undefined): number =>
    child === undefined
      ? nodeCount
      : typeof child === 'number'
        ? nodeCount + 16 + child
        : nodes.indexOf(child);
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach((node, i) => {
    tree.writeUIntBE(record(node.children[0]), i * 6, 3);
    tree.writeUIntBE(record(node.children[1]), i * 6 + 3, 3);
  });
  const metadata = encode({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_700_000_000,
    database_type: databaseType,
    description: { en: 'Masthead test database' },
    ip_version: 4,
    languages: ['en'],
    node_count: nodeCount,
    record_size: 24,
  });
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    ...data,
    Buffer.from([0xab, 0xcd, 0xef]),
    Buffer.from('MaxMind.com', 'ascii'),
    metadata,
  ]);
}
