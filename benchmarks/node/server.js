// Node `ws` comparison server: /echo answers each message with itself, /bcast sends each
// message to every client of the path in a plain loop. Commands on stdin: heap, quit.
'use strict';
const { WebSocketServer } = require('ws');
const readline = require('readline');

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 64 * 1024, clientTracking: false });
const bcast = new Set();

wss.on('connection', (ws, req) => {
  if (req.url === '/bcast') {
    bcast.add(ws);
    ws.on('close', () => bcast.delete(ws));
    ws.on('message', (data, isBinary) => {
      for (const client of bcast) client.send(data, { binary: isBinary });
    });
  } else {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  }
  ws.on('error', () => {});
});
wss.on('listening', () => console.log('@@READY ' + port));

// Report what would otherwise end the process silently, and stop when the runner is gone
// (re-parented) rather than on the end of standard input.
// Node resets the signals its parent ignores: a hang-up of the shell that started the run
// (nohup) would end it silently, unlike the JVMs and Godot beside it.
process.on('SIGHUP', () => console.log('@@NOTE SIGHUP ignored'));
process.on('exit', (code) => console.log('@@EXIT ' + code));
process.on('uncaughtException', (error) => console.log('@@ERROR ' + (error && error.stack || error)));
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 2000).unref();

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'heap') {
    if (global.gc) { global.gc(); global.gc(); }
    console.log('@@HEAP ' + process.memoryUsage().heapUsed);
  } else if (command === 'ticks') {
    console.log('@@TICKS 0 0 0 0');
  } else if (command === 'quit') {
    process.exit(0);
  }
}).on('close', () => console.log('@@NOTE stdin closed'));
