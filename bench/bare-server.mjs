// The yardstick: a bare Node http server sending fixed bytes with the same headers Masthead sends.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, port] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const headers = {
  'content-type': 'text/html; charset=utf-8',
  'content-length': String(body.length),
  'cache-control': 'public, max-age=60, stale-while-revalidate=600',
  etag: '"bench"',
};
createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
