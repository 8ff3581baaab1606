// The sample chat: the browser's own WebSocket API against the peersocket server
// (ChatHandler at /chat on the WebSocket port). Every command is JSON text; every answer is
// an event: hello, welcome, joined, renamed, left, message, error.
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const port = params.get('port')
    || document.querySelector('meta[name="peersocket-chat-port"]').content;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = scheme + '://' + location.hostname + ':' + port + '/chat';

  // Reconnect with exponential backoff: 0.5 s, 1 s, 2 s ... at most 10 s, plus a little jitter.
  const BACKOFF_FIRST_MS = 500;
  const BACKOFF_MAX_MS = 10000;

  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const errorBox = $('error');
  const messages = $('messages');
  const users = $('users');
  const nameInput = $('name');
  const textInput = $('text');
  const sendButton = $('send');
  const counter = $('counter');

  let socket = null;
  let failures = 0;     // closes since the last successful open: the backoff exponent
  let retryTimer = null;
  let joinedAs = null;   // the name the server accepted; sent again after a reconnect
  let maxText = null;    // the server's limit, from its hello; shown, enforced by the server
  let members = [];
  let unconfirmed = null; // the last message sent, given back to the input if the server refuses it
  let joining = false;    // a join was sent and its answer (welcome or error) has not come yet

  $('endpoint').textContent = 'Socket: ' + url;

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  // Shows an error in the banner and in the log; an error that answers a join is marked, so that
  // a join that succeeds afterwards clears it from both.
  function showError(text, answersJoin) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    const item = append('error', null, text);
    if (answersJoin) {
      item.dataset.join = 'refused';
    }
  }

  function clearJoinErrors() {
    clearError();
    messages.querySelectorAll('li[data-join="refused"]').forEach((item) => item.remove());
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
  }

  function append(kind, name, text) {
    const item = document.createElement('li');
    item.className = kind;
    if (name !== null) {
      const who = document.createElement('span');
      who.className = 'name';
      who.textContent = name + ':';
      item.appendChild(who);
    }
    item.appendChild(document.createTextNode(name !== null ? ' ' + text : text));
    messages.appendChild(item);
    messages.scrollTop = messages.scrollHeight;
    return item;
  }

  function renderUsers() {
    users.replaceChildren(...members.map((member) => {
      const item = document.createElement('li');
      item.textContent = member;
      return item;
    }));
  }

  function setJoined(name) {
    joinedAs = name;
    textInput.disabled = name === null;
    sendButton.disabled = name === null;
    textInput.placeholder = name === null ? 'Join first, then type here' : 'Say something, ' + name;
  }

  function send(command) {
    if (socket === null || socket.readyState !== WebSocket.OPEN) {
      showError('Not connected: the message was not sent. Reconnecting…');
      return false;
    }
    socket.send(JSON.stringify(command));
    return true;
  }

  // Schedules the next attempt with the backoff, and says why on the page.
  function retry(why, opened) {
    failures++;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(failures - 1, 10))
      + Math.floor(Math.random() * 250);
    setStatus('closed', 'Disconnected: ' + why + '. Retrying in ' + (delay / 1000).toFixed(1) + ' s');
    if (opened) {
      append('system', null, 'Disconnected from the server: ' + why + '. Reconnecting…');
    }
    retryTimer = setTimeout(connect, delay);
  }

  // A fresh token for every attempt (the WebSocket port closes a peer with 1008 when its token
  // expires): POST /token with this page's login session. X-Requested-With asks Spring Security
  // for a bare 401 instead of a Basic challenge, which would open the browser's password dialog.
  function fetchToken() {
    return fetch('/token', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
      .then((response) => {
        if (response.status === 401) {
          location.reload(); // the login session ended: the reload shows the login form
          return null;
        }
        if (!response.ok) {
          throw new Error('no token (HTTP ' + response.status + ')');
        }
        return response.text();
      });
  }

  function connect() {
    retryTimer = null;
    setStatus('connecting', failures === 0 ? 'Connecting…' : 'Reconnecting (attempt ' + (failures + 1) + ')…');
    fetchToken().then((token) => {
      if (token !== null) {
        openSocket(token);
      }
    }, (error) => retry(error.message, false));
  }

  function openSocket(token) {
    // Browsers cannot set headers on a WebSocket: the token goes in the query, never in the page's URL.
    const ws = new WebSocket(url + '?access_token=' + encodeURIComponent(token));
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      setStatus('open', 'Connected');
      clearError();
      if (joinedAs !== null) {
        append('system', null, 'Reconnected; joining again as ' + joinedAs + '.');
        ws.send(JSON.stringify({ type: 'join', name: joinedAs }));
        joining = true;
      }
    };
    ws.onmessage = (event) => receive(JSON.parse(event.data));
    ws.onclose = (event) => {
      if (socket !== ws) {
        return;
      }
      socket = null;
      textInput.disabled = true;
      sendButton.disabled = true;
      members = [];
      renderUsers();
      const why = event.code === 1006 ? 'connection lost'
        : 'closed with ' + event.code + (event.reason ? ' (' + event.reason + ')' : '');
      retry(why, opened);
    };
  }

  function receive(event) {
    switch (event.type) {
      case 'hello':
        maxText = event.maxText;
        updateCounter();
        break;
      case 'welcome':
        joining = false;
        clearJoinErrors();
        setJoined(event.name);
        members = event.users;
        renderUsers();
        append('system', null, 'You joined as ' + event.name + '.');
        textInput.focus();
        break;
      case 'joined':
        members = members.concat([event.name]).sort((a, b) => a.localeCompare(b));
        renderUsers();
        append('system', null, event.name + ' joined.');
        break;
      case 'renamed':
        members = members.filter((m) => m !== event.text).concat([event.name]).sort((a, b) => a.localeCompare(b));
        renderUsers();
        append('system', null, event.text + ' is now ' + event.name + '.');
        break;
      case 'left': {
        const index = members.indexOf(event.name);
        if (index >= 0) {
          members.splice(index, 1);
        }
        renderUsers();
        append('system', null, event.name + ' left.');
        break;
      }
      case 'message':
        if (unconfirmed !== null && event.name === joinedAs && event.text === unconfirmed.trim()) {
          unconfirmed = null;
        }
        append('message', event.name, event.text);
        break;
      case 'error':
        if (unconfirmed !== null && textInput.value === '') {
          textInput.value = unconfirmed;   // refused: the user keeps the text to shorten it
          updateCounter();
        }
        unconfirmed = null;
        showError(event.error, joining);
        joining = false;
        break;
      default:
        append('system', null, 'Unknown event from the server: ' + JSON.stringify(event));
    }
  }

  function updateCounter() {
    const length = [...textInput.value].length;
    counter.textContent = maxText === null ? '' : length + '/' + maxText;
    counter.classList.toggle('over', maxText !== null && length > maxText);
  }

  $('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    // No check here on purpose: the server decides and answers an error the page shows.
    joining = send({ type: 'join', name: nameInput.value });
  });

  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textInput.value;
    if (send({ type: 'say', text: text })) {
      unconfirmed = text;
      textInput.value = '';
      updateCounter();
    }
  });

  textInput.addEventListener('input', updateCounter);

  // Leaving the page (closing the tab, navigating away, or entering the back-forward cache)
  // closes the socket, so that the others see the leave at once; coming back reconnects.
  window.addEventListener('pagehide', () => {
    clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    if (ws !== null) {
      ws.close(1000, 'Left the page');
    }
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && socket === null) {
      failures = 0;
      connect();
    }
  });

  connect();
}());
