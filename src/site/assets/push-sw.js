/* global self, clients, fetch */
// Masthead's service worker for breaking-news and live-coverage alerts (src/push/). It only
// shows what the newsroom sent, opens the alert's link on click and counts the click once.
// Served at /push-sw.js so its scope is the whole site; it caches nothing.

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function safeUrl(value) {
  try {
    var url = new URL(value || '/', self.location.origin);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url.href
      : self.location.origin + '/';
  } catch {
    return self.location.origin + '/';
  }
}

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  var options = {
    body: data.body || '',
    tag: data.tag || undefined,
    data: { url: safeUrl(data.url), d: data.d, t: data.t },
  };
  if (data.image) options.image = safeUrl(data.image);
  if (data.lang) options.lang = data.lang;
  event.waitUntil(
    self.registration.showNotification(data.title || self.location.hostname, options),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var data = event.notification.data || {};
  var url = safeUrl(data.url);
  var ping = data.d
    ? fetch('/push/clicks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ d: data.d, t: data.t }),
        credentials: 'omit',
      }).catch(function () {
        return undefined;
      })
    : Promise.resolve();
  var open = clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].url === url && 'focus' in list[i]) return list[i].focus();
    }
    return clients.openWindow(url);
  });
  event.waitUntil(Promise.all([ping, open]));
});

// The push service replaced the subscription (keys rotated, expired): subscribe again with the
// same key and move this browser's topics to the new endpoint.
self.addEventListener('pushsubscriptionchange', function (event) {
  var old = event.oldSubscription;
  var renew = (
    event.newSubscription
      ? Promise.resolve(event.newSubscription)
      : self.registration.pushManager.subscribe(old ? old.options : { userVisibleOnly: true })
  ).then(function (subscription) {
    return fetch('/push/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subscription: subscription.toJSON(),
        topics: [],
        replaces: old ? old.endpoint : undefined,
      }),
      credentials: 'omit',
    });
  });
  event.waitUntil(
    renew.catch(function () {
      return undefined;
    }),
  );
});
