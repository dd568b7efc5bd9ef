// core/prosody: a real Prosody starts on a free loopback port, speaks XMPP, and stops cleanly;
// a missing or broken server fails with a clear message.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adaptedConfig, defaultConfigTemplate, firstVirtualHost, startProsody } from '../../core/prosody/index.js';

/** Opens an XMPP stream to host:port and returns what the server says first. */
function streamHeader(host: string, port: number, domain: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no stream features within 3 s; got: ${received}`));
    }, 3000);
    socket.on('connect', () => {
      socket.write(`<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('</stream:features>')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('startProsody', () => {
  test('starts the project configuration on loopback, speaks XMPP, and stops cleanly', async () => {
    const server = await startProsody();
    let stopped = false;
    try {
      assert.equal(server.host, '127.0.0.1');
      assert.equal(server.domain, 'localhost');
      assert.ok(server.port > 0 && server.httpPort > 0 && server.port !== server.httpPort);
      assert.notEqual(server.port, 5222, 'a free port, not the default one');
      const features = await streamHeader(server.host, server.port, 'localhost');
      assert.match(features, /<mechanisms xmlns=['"]urn:ietf:params:xml:ns:xmpp-sasl['"]>.*PLAIN/s);
      const config = readFileSync(server.configFile, 'utf8');
      assert.match(config, new RegExp(`c2s_ports = \\{ ${server.port} \\}`));
      assert.match(server.logs(), /Prosody is using|Hello and welcome|Activated service/i);
      const dir = server.dir;
      assert.ok(existsSync(dir));
      await server.stop();
      stopped = true;
      assert.ok(await refused(server.host, server.port), 'the port no longer accepts connections');
      assert.ok(!existsSync(dir), 'the throwaway directory is gone');
      await server.exited;
      await server.stop(); // a second stop is harmless
    } finally {
      if (!stopped) await server.stop();
    }
  });

  test('two servers run side by side on different ports', async () => {
    const [first, second] = await Promise.all([startProsody(), startProsody()]);
    try {
      assert.notEqual(first.port, second.port);
      assert.notEqual(first.dir, second.dir);
      await Promise.all([streamHeader(first.host, first.port, 'localhost'), streamHeader(second.host, second.port, 'localhost')]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  test('a server that exits on its own resolves `exited`, and stop() still cleans up', async () => {
    const server = await startProsody();
    process.kill(server.pid, 'SIGKILL');
    await server.exited;
    await server.stop();
    assert.ok(!existsSync(server.dir));
  });

  test('a missing prosody binary fails with how to install it', async () => {
    await assert.rejects(startProsody({ binary: '/nonexistent/bin/prosody' }), (error: Error) => {
      assert.match(error.message, /Prosody is not installed/);
      assert.match(error.message, /\/nonexistent\/bin\/prosody/);
      assert.match(error.message, /apt-get install prosody/);
      assert.match(error.message, /npm run setup/);
      return true;
    });
  });

  test('a prosody not on PATH fails with how to install it', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(startProsody(), /no "prosody" on PATH.*apt-get install prosody/s);
    } finally {
      process.env.PATH = path;
    }
  });

  test('a configuration Prosody rejects fails with its log, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-prosody-test-'));
    const temp = join(dir, 'tmp');
    const savedTmpdir = process.env.TMPDIR;
    try {
      const template = join(dir, 'bad.cfg.lua');
      writeFileSync(template, 'modules_enabled = { "roster" \nVirtualHost "localhost"\n');
      mkdirSync(temp);
      process.env.TMPDIR = temp; // the server's throwaway directory goes here, where nothing else runs
      await assert.rejects(startProsody({ configTemplate: template }), (error: Error) => {
        assert.match(error.message, /Prosody exited/);
        assert.match(error.message, /bad\.cfg\.lua/);
        assert.match(error.message, /'}' expected/, "the log tail shows Lua's complaint");
        return true;
      });
      assert.deepEqual(readdirSync(temp), [], 'no throwaway directory left');
    } finally {
      if (savedTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmpdir;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the server gets scs's PROSODY_* variables, which a configuration reads as ENV_PROSODY_* (Prosody's spec config: network settings)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-prosody-test-'));
    const saved = process.env.PROSODY_NETWORK_SETTINGS;
    try {
      const template = join(dir, 'prosody.cfg.lua');
      writeFileSync(template, 'print("network settings: " .. tostring(ENV_PROSODY_NETWORK_SETTINGS))\nVirtualHost "localhost"\n');
      process.env.PROSODY_NETWORK_SETTINGS = '{"nagle":false}';
      const server = await startProsody({ configTemplate: template });
      try {
        assert.match(server.logs(), /^network settings: \{"nagle":false\}$/m);
      } finally {
        await server.stop();
      }
    } finally {
      if (saved === undefined) delete process.env.PROSODY_NETWORK_SETTINGS;
      else process.env.PROSODY_NETWORK_SETTINGS = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with stopGraceMs 0, stop() kills at once: no SIGTERM, no grace period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-prosody-test-'));
    try {
      // A stand-in for prosody that serves the client port of the configuration it is given (it
      // answers every connection) and ignores SIGTERM, noting it in a file outside the server's
      // folder: only SIGKILL ends it.
      const binary = join(dir, 'deaf-prosody');
      const signals = join(dir, 'signals');
      writeFileSync(
        binary,
        `#!${process.execPath}
const fs = require('node:fs');
process.on('SIGTERM', () => fs.appendFileSync(${JSON.stringify(signals)}, 'SIGTERM\\n'));
const config = fs.readFileSync(process.argv[process.argv.indexOf('--config') + 1], 'utf8');
require('node:net').createServer((socket) => socket.write("<?xml version='1.0'?>")).listen(Number(/^c2s_ports = \\{ (\\d+) \\}/m.exec(config)[1]), '127.0.0.1');
`,
        { mode: 0o755 },
      );
      const server = await startProsody({ binary, stopGraceMs: 0 });
      const started = performance.now();
      await server.stop();
      const took = performance.now() - started;
      assert.ok(took < 2000, `stop() took ${Math.round(took)} ms: it waited for a grace period`);
      assert.equal(existsSync(signals) ? readFileSync(signals, 'utf8') : '', '', 'no SIGTERM was sent');
      assert.ok(await refused(server.host, server.port), 'the port no longer accepts connections');
      assert.ok(!existsSync(server.dir), 'the throwaway directory is gone');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('resolves once the server answers on its port, not when the port first accepts (Prosody binds it before its loop runs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-prosody-test-'));
    try {
      // A stand-in that binds the client port at once but answers connections, those waiting
      // included, only 1 s later, noting in a file when it starts answering.
      const binary = join(dir, 'slow-prosody');
      const answering = join(dir, 'answering');
      writeFileSync(
        binary,
        `#!${process.execPath}
const fs = require('node:fs');
const config = fs.readFileSync(process.argv[process.argv.indexOf('--config') + 1], 'utf8');
const waiting = [];
let ready = false;
const answer = (socket) => socket.write("<?xml version='1.0'?>");
require('node:net').createServer((socket) => (ready ? answer(socket) : waiting.push(socket))).listen(Number(/^c2s_ports = \\{ (\\d+) \\}/m.exec(config)[1]), '127.0.0.1');
setTimeout(() => {
  fs.writeFileSync(${JSON.stringify(answering)}, '');
  ready = true;
  waiting.forEach(answer);
}, 1000);
`,
        { mode: 0o755 },
      );
      const server = await startProsody({ binary, stopGraceMs: 0 });
      try {
        assert.ok(existsSync(answering), 'startProsody resolved before the server answered');
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a configuration that does not exist is named', async () => {
    await assert.rejects(startProsody({ configTemplate: '/nonexistent/prosody.cfg.lua' }), /configuration not found: \/nonexistent\/prosody\.cfg\.lua/);
  });
});

describe('adaptedConfig', () => {
  test('includes the template unchanged and overrides only the settings for running here', () => {
    const text = adaptedConfig({
      template: '/a/b/prosody.cfg.lua',
      host: '127.0.0.1',
      c2sPort: 41000,
      httpPort: 41001,
      dataDir: '/tmp/x/data',
      pidFile: '/tmp/x/prosody.pid',
      logFile: '/tmp/x/prosody.log',
      logLevel: 'info',
    });
    assert.match(text, /^Include "\/a\/b\/prosody\.cfg\.lua"$/m);
    assert.match(text, /^c2s_ports = \{ 41000 \}$/m);
    assert.match(text, /^http_ports = \{ 41001 \}$/m);
    assert.match(text, /^interfaces = \{ "127\.0\.0\.1" \}$/m);
    assert.match(text, /^data_path = "\/tmp\/x\/data"$/m);
    assert.match(text, /^pidfile = "\/tmp\/x\/prosody\.pid"$/m);
    assert.match(text, /^daemonize = false$/m);
    assert.match(text, /^run_as_root = true/m);
    assert.doesNotMatch(text, /VirtualHost|Component|modules_enabled|authentication/, 'hosts, modules and auth come from the template');
  });

  test('firstVirtualHost finds the first host, ignoring comments', () => {
    assert.equal(firstVirtualHost('-- VirtualHost "commented"\nVirtualHost "example.org"\nVirtualHost "other"'), 'example.org');
    assert.equal(firstVirtualHost("Host 'a.test'"), 'a.test');
    assert.equal(firstVirtualHost('Component "conference.localhost" "muc"'), undefined);
  });

  test('the default template is the project configuration', () => {
    assert.match(defaultConfigTemplate(), /scenarios\/prosody\.cfg\.lua$/);
  });
});
