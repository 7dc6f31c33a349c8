import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  isValidTimeZone,
  parseNewsroomDateTime,
  toZonedIso,
  zoneOffsetMinutes,
} from './time-zone.js';

it('reads wall-clock times in the newsroom zone, across DST', () => {
  assert.equal(
    parseNewsroomDateTime('2022-10-06T15:33', 'Europe/Kyiv')?.toISOString(),
    '2022-10-06T12:33:00.000Z',
  );
  assert.equal(
    parseNewsroomDateTime('2022-12-06 15:33', 'Europe/Kyiv')?.toISOString(),
    '2022-12-06T13:33:00.000Z',
  );
  assert.equal(
    parseNewsroomDateTime('2022-10-06T15:33:00Z', 'Europe/Kyiv')?.toISOString(),
    '2022-10-06T15:33:00.000Z',
  );
  assert.equal(
    parseNewsroomDateTime('2022-10-06T15:33:00-04:00', 'UTC')?.toISOString(),
    '2022-10-06T19:33:00.000Z',
  );
  assert.equal(
    parseNewsroomDateTime('2022-03-27T04:30', 'Europe/Kyiv')?.toISOString(),
    '2022-03-27T01:30:00.000Z',
  );
});

it('rejects nonsense', () => {
  for (const bad of ['', 'yesterday', '2022-02-30T10:00', '2022-10-06T25:00', '2022-13-01T00:00']) {
    assert.equal(parseNewsroomDateTime(bad, 'UTC'), undefined, bad);
  }
});

it('formats with the zone offset and knows valid zones', () => {
  assert.equal(
    toZonedIso(new Date('2022-10-06T12:33:00Z'), 'Europe/Kyiv'),
    '2022-10-06T15:33:00+03:00',
  );
  assert.equal(zoneOffsetMinutes(new Date('2022-01-01T00:00:00Z'), 'America/New_York'), -300);
  assert.ok(isValidTimeZone('Europe/Kyiv'));
  assert.ok(!isValidTimeZone('Mars/Olympus'));
});
