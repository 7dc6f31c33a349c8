import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMessage, messageArguments } from './message-format.js';
import { englishMessages } from './messages.en.js';
import { ukrainianMessages } from './messages.uk.js';
import { catalogs, localeFor, locales, translate } from './translate.js';
import { siteAssets } from '../assets.js';

describe('message catalogs', () => {
  it('the Ukrainian catalog has exactly the English keys, none empty, with the same placeholders', () => {
    const english = Object.keys(englishMessages).sort();
    assert.deepEqual(Object.keys(ukrainianMessages).sort(), english);
    for (const locale of locales) {
      for (const key of english) {
        const message = catalogs[locale][key as keyof typeof englishMessages];
        assert.ok(message.trim().length > 0, `${locale} ${key} is empty`);
        assert.deepEqual(
          messageArguments(message),
          messageArguments(englishMessages[key as keyof typeof englishMessages]),
          `${locale} ${key} has other placeholders than English`,
        );
      }
    }
  });

  it('every message formats in both languages (syntax is valid, plurals have "other")', () => {
    for (const locale of locales)
      for (const key of Object.keys(englishMessages) as Array<keyof typeof englishMessages>) {
        // Every placeholder gets a number, which plural and plain placeholders both accept.
        const names = messageArguments(englishMessages[key]);
        const params = Object.fromEntries(names.map((name) => [name, 3]));
        assert.doesNotMatch(translate(locale, key, params), /[{}#]/, `${locale} ${key}`);
      }
  });

  it('picks Ukrainian plural forms for 1, 2, 5, 11, 21 and 22 minutes', () => {
    const uk = [1, 2, 5, 11, 21, 22].map((minutes) =>
      translate('uk', 'article.readingTime', { minutes }),
    );
    assert.deepEqual(uk, [
      '1 хвилина читання',
      '2 хвилини читання',
      '5 хвилин читання',
      '11 хвилин читання',
      '21 хвилина читання',
      '22 хвилини читання',
    ]);
    assert.equal(translate('en', 'article.readingTime', { minutes: 1 }), '1 min read');
    assert.equal(translate('en', 'article.readingTime', { minutes: 12 }), '12 min read');
    assert.equal(translate('uk', 'article.byline', { count: 1 }), 'Автор:');
    assert.equal(translate('uk', 'article.byline', { count: 3 }), 'Автори:');
  });

  it('formats exact matches, numbers for the locale and placeholders; refuses a missing value', () => {
    const message = '{n, plural, =0 {none} one {# item} other {# items in {place}}}';
    assert.equal(formatMessage(message, 'en-US', { n: 0, place: 'x' }), 'none');
    assert.equal(formatMessage(message, 'en-US', { n: 1, place: 'x' }), '1 item');
    assert.equal(formatMessage(message, 'en-US', { n: 1200, place: 'x' }), '1,200 items in x');
    assert.equal(formatMessage('{n} разів', 'uk', { n: 1200 }), '1\u00a0200 разів');
    assert.throws(() => formatMessage('Hi {name}', 'en-US', {}), /No value for \{name\}/);
    assert.throws(() => formatMessage('{n, plural, one {x}}', 'en-US', { n: 1 }), /Bad message/);
    assert.throws(() => formatMessage('{n, plural, other {x}', 'en-US', { n: 1 }), /Bad message/);
  });

  it('maps language tags to a catalog, English when there is none', () => {
    assert.equal(localeFor('uk'), 'uk');
    assert.equal(localeFor('uk-UA'), 'uk');
    assert.equal(localeFor('UK'), 'uk');
    assert.equal(localeFor('en-GB'), 'en');
    assert.equal(localeFor('de'), 'en');
    assert.equal(localeFor(''), 'en');
    assert.equal(localeFor(undefined), 'en');
  });

  it('gives the page scripts their words from both catalogs', () => {
    for (const asset of [siteAssets().editPost, siteAssets().audioPlayer]) {
      const script = asset.body.toString('utf8');
      assert.doesNotMatch(script, /= __MASTHEAD_MESSAGES__/);
      assert.doesNotThrow(() => new Function(script), 'the script still parses');
    }
    assert.match(siteAssets().editPost.body.toString('utf8'), /"Редагувати матеріал"/);
    assert.match(siteAssets().audioPlayer.body.toString('utf8'), /"Відтворити"/);
  });
});
