import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDate, rewriteNumericDates, slashOrderFor } from './numeric-dates.js';

describe('dates in figures', () => {
  it('read slashes month first only for US-style English', () => {
    assert.equal(slashOrderFor('en-US'), 'month-first');
    assert.equal(slashOrderFor('en_us'), 'month-first');
    assert.equal(slashOrderFor('en-PH'), 'month-first');
    for (const tag of ['en', 'en-GB', 'en-UA', 'uk', 'uk-UA', 'de', 'es-419'])
      assert.equal(slashOrderFor(tag), 'day-first', tag);
  });

  it('are real calendar days only', () => {
    assert.deepEqual(calendarDate(2024, 2, 29), { year: 2024, month: 2, day: 29 });
    assert.equal(calendarDate(2023, 2, 29), undefined);
    assert.equal(calendarDate(2024, 4, 31), undefined);
    assert.equal(calendarDate(2024, 13, 1), undefined);
    assert.equal(calendarDate(2024, 0, 1), undefined);
  });

  it('are found dotted (day first), ISO and slashed; other figures are left alone', () => {
    const found: string[] = [];
    const said = rewriteNumericDates(
      '05.12.2024, 2024-12-06, 7/12/2024, 12/13/2024, 32.13.2024, 1.2.3, 10.5 and 3/4',
      { slashOrder: 'day-first' },
      (date) => {
        found.push(`${date.year}-${date.month}-${date.day}`);
        return 'D';
      },
    );
    assert.deepEqual(found, ['2024-12-5', '2024-12-6', '2024-12-7', '2024-12-13']);
    assert.equal(said, 'D, D, D, D, 32.13.2024, 1.2.3, 10.5 and 3/4');
  });
});
