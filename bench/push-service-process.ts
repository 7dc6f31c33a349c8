import { startPushService } from '../src/push/test-fixtures/push-service.js';

// The local push service in its own process for `npm run bench push`: verifies every VAPID
// JWT and decrypts every payload, as in the tests. Tells the parent its origin over IPC; the
// parent makes browsers and reads counts through the service's /_fake/ control API.

const service = await startPushService();
process.send?.({ type: 'listening', origin: service.origin });
process.on('disconnect', () => {
  void service.close().then(() => process.exit(0));
});
