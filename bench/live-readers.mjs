// The live benchmark's readers, in their own process: opens COUNT Server-Sent Events streams to
// URL (plain node:http, one socket each, spread over local source addresses so ephemeral ports
// do not run out), tells the parent once every stream has its `ready` frame, and records when
// each reader receives each `update` frame. Times are `performance.timeOrigin + performance.now()`,
// comparable with the parent's on the same machine.
//   node bench/live-readers.mjs URL COUNT [ADDRESSES]   ADDRESSES: 127.0.0.1,127.0.0.2,…
// Messages from the parent: { type: 'collect', ids } → { type: 'report', … }; { type: 'stop' }.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';

const [url, countArg, addressesArg] = process.argv.slice(2);
const count = Number(countArg);
const addresses = (addressesArg ?? '127.0.0.1').split(',');
// Streams being opened at once: enough to connect quickly, few enough for the listen backlog.
const openingAtOnce = 200;
const wallNow = () => performance.timeOrigin + performance.now();
const updateData = /event: update\ndata: \{"id":(\d+)/g;

/** Receive times by update id, one entry per reader that got it. */
const received = new Map();
const readers = [];
let ready = 0;
let failed = 0;
let closed = 0;
let readySent = false;

function reportReady() {
  if (readySent || ready + failed < count) return;
  readySent = true;
  process.send?.({ type: 'ready', ready, failed });
}

function openReader(index) {
  return new Promise((resolve) => {
    const reader = { ids: new Set(), isReady: false, open: true, settled: false };
    readers.push(reader);
    const req = request(url, {
      agent: false,
      localAddress: addresses[index % addresses.length],
      headers: { accept: 'text/event-stream' },
    });
    // A stream that ends or is refused before its `ready` frame.
    const fail = () => {
      reader.open = false;
      if (reader.settled) return;
      reader.settled = true;
      failed += 1;
      resolve();
      reportReady();
    };
    req.on('error', fail);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail();
        return;
      }
      res.setEncoding('utf8');
      let pending = '';
      res.on('data', (chunk) => {
        const at = wallNow();
        pending += chunk;
        const end = pending.lastIndexOf('\n\n');
        if (end === -1) return;
        const frames = pending.slice(0, end + 2);
        pending = pending.slice(end + 2);
        if (!reader.isReady && frames.includes('event: ready\n')) {
          reader.isReady = true;
          reader.settled = true;
          ready += 1;
          resolve();
          reportReady();
        }
        for (const match of frames.matchAll(updateData)) {
          const id = Number(match[1]);
          if (reader.ids.has(id)) continue;
          reader.ids.add(id);
          let times = received.get(id);
          if (!times) received.set(id, (times = []));
          times.push(at);
        }
      });
      res.on('close', () => {
        if (reader.open) closed += 1;
        reader.open = false;
        fail();
      });
    });
    req.end();
  });
}

let next = 0;
await Promise.all(
  Array.from({ length: Math.min(openingAtOnce, count) }, async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await openReader(index);
    }
  }),
);
reportReady();

process.on('message', (message) => {
  if (message.type === 'collect') {
    const ids = message.ids;
    const gotAll = readers.filter((r) => ids.every((id) => r.ids.has(id))).length;
    process.send?.({
      type: 'report',
      times: Object.fromEntries(ids.map((id) => [id, received.get(id) ?? []])),
      gotAll,
      open: readers.filter((r) => r.open).length,
      closed,
    });
  }
  if (message.type === 'stop') {
    for (const r of readers) r.open = false;
    // Let the reply flush, then go: the parent does not wait for sockets to close.
    setTimeout(() => process.exit(0), 50);
  }
});
