// The benchmark's SMTP sink, in its own process: accepts every message, tells the parent when
// the first one arrives and, on request, how many it has received (`reset` starts over).
import { SMTPServer } from 'smtp-server';

let count = 0;
let first = 0;
const server = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      count += 1;
      if (first === 0) {
        first = Date.now();
        process.send?.({ type: 'first', at: first });
      }
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.server.address().port });
});
process.on('message', (message) => {
  if (message === 'count') process.send?.({ type: 'count', count });
  if (message === 'reset') {
    count = 0;
    first = 0;
    process.send?.({ type: 'reset' });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
