import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvLine, parseCsv } from './subscriber-csv.js';

describe('subscriber CSV', () => {
  it('parses quotes, doubled quotes, CRLF, blank lines and multi-line cells with line numbers', () => {
    const rows = parseCsv(
      '\ufeffemail,name\r\na@example.org,"Smith, Ann"\r\n\r\nb@example.org,"Say ""hi""\nthere"\nc@example.org,',
    );
    assert.deepEqual(rows, [
      { line: 1, fields: ['email', 'name'] },
      { line: 2, fields: ['a@example.org', 'Smith, Ann'] },
      { line: 4, fields: ['b@example.org', 'Say "hi"\nthere'] },
      { line: 6, fields: ['c@example.org', ''] },
    ]);
  });

  it('escapes formula injection and quotes what needs quoting', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(null), '');
    assert.equal(csvLine(['a', 'b,c']), 'a,"b,c"\r\n');
  });
});
