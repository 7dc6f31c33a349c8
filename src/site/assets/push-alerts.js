// Breaking-news and live-coverage alerts (src/push/): enhances the opt-in buttons the page
// carries (hidden until this script finds web push supported). Permission is asked only when
// the reader presses a button, never on page load. The page is the same for everyone; what
// this browser follows is asked of the server with its own subscription's endpoint.
// Safe to load more than once.
(function () {
  if (window.mastheadPush) return;
  window.mastheadPush = true;
  var nav = navigator;
  if (
    !('serviceWorker' in nav) ||
    !('PushManager' in window) ||
    !('Notification' in window) ||
    !window.fetch
  )
    return;

  function post(path, body) {
    return window
      .fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      })
      .then(function (response) {
        if (!response.ok) throw new Error('push request failed: ' + response.status);
        return response.status === 204 ? {} : response.json();
      });
  }

  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = window.atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  /** This browser's subscription, if it has one (without asking for anything). */
  function currentSubscription() {
    return nav.serviceWorker.getRegistration('/').then(function (registration) {
      return registration ? registration.pushManager.getSubscription() : null;
    });
  }

  var state = currentSubscription()
    .then(function (subscription) {
      if (!subscription) return { subscription: null, topics: [] };
      return post('/push/subscriptions/status', { endpoint: subscription.endpoint }).then(
        function (answer) {
          return { subscription: subscription, topics: answer.topics || [] };
        },
      );
    })
    .catch(function () {
      return { subscription: null, topics: [] };
    });

  function subscribeWith(registration, key) {
    var options = { userVisibleOnly: true, applicationServerKey: keyBytes(key) };
    return registration.pushManager.subscribe(options).catch(function (error) {
      // Subscribed before with another key (the server's keys were replaced): start again.
      return registration.pushManager.getSubscription().then(function (old) {
        if (!old) throw error;
        return old.unsubscribe().then(function () {
          return registration.pushManager.subscribe(options);
        });
      });
    });
  }

  function follow(topic, language) {
    // First, in the click's own turn: browsers only show the prompt for a user gesture.
    var permission = window.Notification.requestPermission();
    return Promise.resolve(permission)
      .then(function (answer) {
        if (answer !== 'granted') throw Object.assign(new Error('denied'), { denied: true });
        return nav.serviceWorker.register('/push-sw.js', { scope: '/' });
      })
      .then(function () {
        return nav.serviceWorker.ready;
      })
      .then(function (registration) {
        return registration.pushManager.getSubscription().then(function (existing) {
          if (existing) return existing;
          return window
            .fetch('/push/key', { credentials: 'omit' })
            .then(function (response) {
              return response.json();
            })
            .then(function (answer) {
              return subscribeWith(registration, answer.publicKey);
            });
        });
      })
      .then(function (subscription) {
        return post('/push/subscriptions', {
          subscription: subscription.toJSON(),
          topics: [topic],
          language: language || undefined,
        }).then(function (answer) {
          return { subscription: subscription, topics: answer.topics || [] };
        });
      });
  }

  function unfollow(current, topics) {
    var body = { endpoint: current.subscription.endpoint };
    if (topics) body.topics = topics;
    return post('/push/subscriptions/remove', body).then(function (answer) {
      var left = answer.topics || [];
      var done = left.length === 0 ? current.subscription.unsubscribe() : Promise.resolve();
      return done.then(function () {
        return { subscription: left.length === 0 ? null : current.subscription, topics: left };
      });
    });
  }

  function enhanceButton(box) {
    var topic = box.getAttribute('data-push-topic');
    var button = box.querySelector('button');
    var status = box.querySelector('[role="status"]');
    var offerText = button.textContent;
    function label(name) {
      return box.getAttribute('data-label-' + name) || '';
    }
    function show(current) {
      var on = current.topics.indexOf(topic) !== -1;
      box.setAttribute('data-push-on', on ? 'true' : 'false');
      button.textContent = on ? label('off') : offerText;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      // Turning off leaves its own message ("Alerts are off."); only the "on" line is cleared.
      if (on) status.textContent = label('on');
      else if (status.textContent === label('on') || status.textContent === label('working'))
        status.textContent = '';
      button.disabled = false;
    }
    box.hidden = false;
    if (window.Notification.permission === 'denied') status.textContent = label('denied');
    state.then(show);
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = label('working');
      var next = state.then(function (current) {
        if (current.topics.indexOf(topic) !== -1)
          return unfollow(current, [topic]).then(function (after) {
            status.textContent = label('stopped');
            return after;
          });
        return follow(topic, box.getAttribute('data-push-language'));
      });
      var previous = state;
      state = next.catch(function () {
        return previous;
      });
      next.then(
        function (current) {
          refreshAll(current);
        },
        function (error) {
          button.disabled = false;
          status.textContent = error && error.denied ? label('denied') : label('failed');
        },
      );
    });
    return show;
  }

  var views = [];

  function refreshAll(current) {
    views.forEach(function (view) {
      view(current);
    });
  }

  function enhanceAccount(section) {
    var list = section.querySelector('ul');
    var status = section.querySelector('[role="status"]');
    var off = section.querySelector('button');
    function label(name) {
      return section.getAttribute('data-label-' + name) || '';
    }
    function show(current) {
      list.textContent = '';
      var live = current.topics.filter(function (topic) {
        return topic.indexOf('live:') === 0;
      }).length;
      var items = [];
      if (current.topics.indexOf('breaking') !== -1) items.push(label('breaking'));
      if (live > 0) items.push(label('live').replace('{count}', String(live)));
      items.forEach(function (text) {
        var item = document.createElement('li');
        item.textContent = text;
        list.appendChild(item);
      });
      if (items.length === 0 && status.textContent !== label('stopped'))
        status.textContent = label('none');
      off.hidden = items.length === 0;
    }
    section.hidden = false;
    state.then(show);
    off.addEventListener('click', function () {
      off.disabled = true;
      var next = state.then(function (current) {
        return current.subscription ? unfollow(current) : current;
      });
      var previous = state;
      state = next.catch(function () {
        return previous;
      });
      next.then(
        function (current) {
          off.disabled = false;
          status.textContent = label('stopped');
          refreshAll(current);
        },
        function () {
          off.disabled = false;
          status.textContent = section.getAttribute('data-label-failed') || '';
        },
      );
    });
    return show;
  }

  function start() {
    var boxes = document.querySelectorAll('[data-push-topic]');
    for (var i = 0; i < boxes.length; i += 1) views.push(enhanceButton(boxes[i]));
    var sections = document.querySelectorAll('[data-push-manage]');
    for (var j = 0; j < sections.length; j += 1) views.push(enhanceAccount(sections[j]));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
