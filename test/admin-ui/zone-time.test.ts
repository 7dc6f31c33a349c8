import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utcToZoned, zonedToUtc } from '../../admin-ui/src/zone-time.js';

// The editor enters and shows publication times in the newsroom's zone, whatever the browser's.
describe('admin zone-time conversions', () => {
  it('converts a newsroom-local time to UTC and back', () => {
    assert.equal(zonedToUtc('2026-11-25T09:30', 'Europe/Kyiv'), '2026-11-25T07:30:00.000Z');
    assert.equal(zonedToUtc('2026-07-01T09:30', 'Europe/Kyiv'), '2026-07-01T06:30:00.000Z');
    assert.equal(zonedToUtc('2026-11-25T09:30', 'America/New_York'), '2026-11-25T14:30:00.000Z');
    assert.equal(utcToZoned('2026-11-25T07:30:00.000Z', 'Europe/Kyiv'), '2026-11-25T09:30');
    assert.equal(utcToZoned('2026-11-25T07:30:00.000Z', 'UTC'), '2026-11-25T07:30');
  });

  it('handles the day clocks go forward', () => {
    // Kyiv: 2026-03-29 03:00 local becomes 04:00; 05:00 local is UTC+3.
    assert.equal(zonedToUtc('2026-03-29T05:00', 'Europe/Kyiv'), '2026-03-29T02:00:00.000Z');
    assert.equal(zonedToUtc('2026-03-29T01:00', 'Europe/Kyiv'), '2026-03-28T23:00:00.000Z');
  });

  it('refuses text that is not a date and time', () => {
    assert.equal(zonedToUtc('tomorrow', 'UTC'), null);
    assert.equal(utcToZoned('nope', 'UTC'), '');
  });
});
