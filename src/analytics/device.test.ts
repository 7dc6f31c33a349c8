import assert from 'node:assert/strict';
import { it } from 'node:test';
import { deviceClass } from './device.js';

const UA = {
  iPhone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iPad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidPhone:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36',
  firefoxAndroidPhone: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  firefoxAndroidTablet: 'Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0',
  kindle:
    'Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/537.36 (KHTML, like Gecko) Silk/3.68 like Chrome/39.0.2171.93 Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  oldWindowsTabletPc:
    'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SLCC2; Tablet PC 2.0)',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

it('recognises phones', () => {
  for (const ua of [UA.iPhone, UA.androidPhone, UA.androidWebView, UA.firefoxAndroidPhone]) {
    assert.equal(deviceClass(ua, 1200), 'mobile', ua);
  }
  assert.equal(
    deviceClass('Opera/9.80 (J2ME/MIDP; Opera Mini/9.80) Presto/2.5.25', undefined),
    'mobile',
  );
});

it('recognises tablets, including Android without "Mobile"', () => {
  for (const ua of [UA.iPad, UA.androidTablet, UA.firefoxAndroidTablet, UA.kindle]) {
    assert.equal(deviceClass(ua, 390), 'tablet', ua);
  }
});

it('keeps a desktop browser desktop, however narrow its window', () => {
  for (const ua of [
    UA.windowsChrome,
    UA.macSafari,
    UA.linuxFirefox,
    UA.chromebook,
    UA.oldWindowsTabletPc,
  ]) {
    assert.equal(deviceClass(ua, 320), 'desktop', ua);
    assert.equal(deviceClass(ua, undefined), 'desktop', ua);
  }
});

it('falls back to the viewport width only when the user agent says nothing', () => {
  assert.equal(deviceClass('SomeUnknownAgent/1.0', 390), 'mobile');
  assert.equal(deviceClass('SomeUnknownAgent/1.0', 599), 'mobile');
  assert.equal(deviceClass('SomeUnknownAgent/1.0', 600), 'tablet');
  assert.equal(deviceClass('SomeUnknownAgent/1.0', 1023), 'tablet');
  assert.equal(deviceClass('SomeUnknownAgent/1.0', 1024), 'desktop');
  assert.equal(deviceClass('', 390), 'mobile');
});

it('defaults to desktop without a usable width', () => {
  assert.equal(deviceClass('', undefined), 'desktop');
  for (const width of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(deviceClass('SomeUnknownAgent/1.0', width), 'desktop', String(width));
  }
  assert.equal(deviceClass(undefined as unknown as string, 390), 'mobile');
});
