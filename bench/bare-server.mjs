// The yardstick: a bare Node http server sending fixed bytes with the same headers Masthead sends.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, port, headersFile] = process.argv.slice(2);
const body = readFileSync(bodyFile);
// The same response headers Masthead sent for this page, so both send the same bytes.
const headers = headersFile ? JSON.parse(readFileSync(headersFile, 'utf8')) : { 'content-type': 'text/html; charset=utf-8' };
headers['content-length'] = String(body.length);
createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
