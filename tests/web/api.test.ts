import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, TEST_LOGN } from '../helpers';
import { errorOf, startTestHost, valueOf, type Reply } from './web-host';

const BURMESE_NAME = 'အောင်ကျော်မိုး';

const createOffice = { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot coordination office', country: 'TH', kdfLogN: TEST_LOGN };

describe('the browser host: where it listens and who it answers', () => {
  it('listens on 127.0.0.1 only, on the port it reports, and prints an address without the token', async () => {
    const { host } = await startTestHost();
    const address = host.address();
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBe(host.port);
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives every launch a different token', async () => {
    const a = await startTestHost();
    const b = await startTestHost();
    expect(a.host.token).not.toBe(b.host.token);
  });

  it('refuses a call without the token, refuses a wrong token, and answers the right one with the Result', async () => {
    const { host, request, call } = await startTestHost();
    const body = JSON.stringify({});
    const none = await request('POST', '/api/office.status', { headers: { 'Content-Type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(errorOf(none).code).toBe('UNAUTHORIZED');
    expect(errorOf(none).message).toMatch(/token/);

    const wrong = await call('office.status', {}, { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('UNAUTHORIZED');

    const notBearer = await call('office.status', {}, { Authorization: `Basic ${host.token}` });
    expect(notBearer.status).toBe(401);

    const right = await call('office.status', {});
    expect(right.status).toBe(200);
    expect(right.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(right.headers['cache-control']).toBe('no-store');
    expect(right.json).toEqual({ ok: true, value: { path: expect.stringMatching(/office\.homeward$/), exists: false, office: null, osKeystore: 'unavailable' } });
  });

  it('refuses requests addressed to another host name (DNS rebinding), for pages and calls alike', async () => {
    const { host, request, call } = await startTestHost();
    const rebound = await call('office.status', {}, { Host: `evil.example:${host.port}` });
    expect(rebound.status).toBe(403);
    expect(errorOf(rebound).code).toBe('FORBIDDEN');
    expect((await request('GET', '/', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
    expect((await request('GET', '/', { headers: { Host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await request('GET', '/', { headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses calls a foreign web page makes through the browser', async () => {
    const { host, call } = await startTestHost();
    const foreign = await call('office.status', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign).code).toBe('FORBIDDEN');
    expect((await call('office.status', {}, { Origin: 'null' })).status).toBe(403);
    // Another port on the same machine is another origin.
    expect((await call('office.status', {}, { Origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await call('office.status', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await call('office.status', {}, { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('takes call input only as JSON', async () => {
    const { call, request, host } = await startTestHost();
    const form = await call('office.status', {}, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(errorOf(form).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await call('office.status', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await call('office.status', {}, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    const broken = await request('POST', '/api/office.status', {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: '{"not json',
    });
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('BAD_REQUEST');
  });

  it('answers an unknown call with 404 UNKNOWN_CALL, including the engine-internal close message and object keys', async () => {
    const { call } = await startTestHost();
    for (const name of ['person.fly', '__close', 'constructor', 'toString', '', 'person/add']) {
      const reply = await call(name, {});
      expect(reply.status, name).toBe(404);
      expect(errorOf(reply).code, name).toBe('UNKNOWN_CALL');
    }
  });

  it('answers GET on the API with 405, and says calls are POST', async () => {
    const { request, host } = await startTestHost();
    for (const path of ['/api', '/api/', '/api/office.status']) {
      const reply = await request('GET', path, { headers: { Authorization: `Bearer ${host.token}` } });
      expect(reply.status, path).toBe(405);
      expect(reply.headers.allow).toBe('POST');
      expect(errorOf(reply).code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('refuses a body over the limit, whether it announces its length or not', async () => {
    const { host, call } = await startTestHost();
    const huge = { data: 'A'.repeat(26 * 1024 * 1024) };
    const declared = await call('office.status', huge);
    expect(declared.status).toBe(413);
    expect(errorOf(declared).code).toBe('PAYLOAD_TOO_LARGE');

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/office.status',
          agent: false,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      for (let i = 0; i < 27; i++) req.write(chunk);
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('carries a coordinator through creating the office, registering a person by a Burmese name and finding them', async () => {
    const { call, fixture } = await startTestHost();
    expect(valueOf(await call('office.status', {}))).toMatchObject({ exists: false, office: null });

    const office = valueOf<{ code: string; recoveryKey: string; path: string }>(await call('office.create', createOffice));
    expect(office.code).toBe('MSO');
    expect(office.recoveryKey.length).toBeGreaterThan(20);
    expect(office.path).toBe(fixture.databasePath);
    expect(existsSync(fixture.databasePath)).toBe(true);

    const person = valueOf<{ caseNumber: string; nativeName: string }>(await call('person.add', { nativeName: BURMESE_NAME }));
    expect(person.nativeName).toBe(BURMESE_NAME);

    const list = valueOf<{ people: { caseNumber: string; nativeName: string }[] }>(await call('person.list', { search: 'ကျော်' }));
    expect(list.people.map((p) => p.nativeName)).toEqual([BURMESE_NAME]);
    expect(list.people[0]?.caseNumber).toBe(person.caseNumber);

    // A refusal of the engine is a Result too, with HTTP 200.
    const missing = await call('person.get', { ref: 'MSO-1999-000001' });
    expect(missing.status).toBe(200);
    expect(errorOf(missing).code).toBe('NOT_FOUND');
    // The engine-internal close message cannot be sent from outside: the office stays open.
    await call('__close', null);
    expect(valueOf(await call('office.status', {}))).toMatchObject({ exists: true, office: { code: 'MSO' } });
  });

  it('reopens the office after a lock with the passphrase, on its own database file', async () => {
    const { call } = await startTestHost();
    valueOf(await call('office.create', createOffice));
    valueOf(await call('office.lock', {}));
    expect(errorOf(await call('person.list', {})).code).toBe('LOCKED');
    expect(errorOf(await call('office.unlock', { unlock: { passphrase: 'not the passphrase' } })).code).toBe('WRONG_PASSPHRASE');
    expect(valueOf(await call('office.unlock', { unlock: { passphrase: PASSPHRASE } }))).toMatchObject({ code: 'MSO' });
  });

  it('will not create or open a database file other than the one it was started on', async () => {
    const { call, fixture } = await startTestHost();
    const elsewhere = join(fixture.dir, 'elsewhere.homeward');
    const refused = await call('office.create', { ...createOffice, path: elsewhere });
    expect(refused.status).toBe(200);
    expect(errorOf(refused).code).toBe('BAD_USAGE');
    expect(errorOf(refused).message).toContain('--db');
    expect(existsSync(elsewhere)).toBe(false);
    expect(errorOf(await call('office.unlock', { path: '/etc/passwd', unlock: { passphrase: PASSPHRASE } })).code).toBe('BAD_USAGE');
    // Naming its own file is fine.
    expect(valueOf(await call('office.create', { ...createOffice, path: fixture.databasePath }))).toMatchObject({ code: 'MSO' });
  });

  it('carries a photo of 3 MB in and out (attachments travel base64 in the JSON body)', async () => {
    const { call } = await startTestHost();
    valueOf(await call('office.create', createOffice));
    const person = valueOf<{ caseNumber: string }>(await call('person.add', { nativeName: BURMESE_NAME }));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const added = valueOf<{ id: string; size: number; mime: string }>(
      await call('attachment.add', { ref: person.caseNumber, kind: 'photo', filename: 'face.png', data: png.toString('base64') }),
    );
    expect(added).toMatchObject({ size: png.length, mime: 'image/png' });
    const back = valueOf<{ data: string }>(await call('attachment.get', { id: added.id }));
    expect(Buffer.from(back.data, 'base64').equals(png)).toBe(true);
  });

  it('never gives the token away, and logs neither bodies, results, queries nor tokens', async () => {
    const t = await startTestHost();
    const { host, call, request } = t;
    valueOf(await call('office.create', createOffice));
    valueOf(await call('person.add', { nativeName: BURMESE_NAME }));
    await call('person.list', { search: 'ကျော်' });
    await call('person.get', { ref: 'nobody' });
    await call('office.status', {}, { Authorization: 'Bearer wrong' });
    await request('POST', '/api/office.status', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await call('office.status', {}, { Origin: 'https://evil.example' });
    await call('office.status', {}, { Host: 'evil.example' });
    await call('nope', {});
    await request('GET', '/api');
    await request('GET', '/');
    await request('GET', '/assets/app.js');
    await request('GET', '/cases?search=SEARCHED-NAME');
    await request('GET', '/missing.png');

    const everything = (r: Reply) => JSON.stringify(r.headers) + r.text;
    for (const reply of t.replies) expect(everything(reply)).not.toContain(host.token);

    expect(t.logs.length).toBe(t.replies.length);
    const logged = t.logs.join('\n');
    for (const secret of [host.token, PASSPHRASE, BURMESE_NAME, 'ကျော်', 'SEARCHED-NAME', 'Mae Sot', 'recoveryKey', 'evil.example']) {
      expect(logged).not.toContain(secret);
    }
    expect(t.logs).toContainEqual(expect.stringMatching(/ POST \/api\/person\.add 200 \d+ms$/));
    expect(t.logs).toContainEqual(expect.stringMatching(/ GET \/cases 200 \d+ms$/));
  });

  it('stops listening when closed', async () => {
    const { host, request } = await startTestHost();
    expect((await request('GET', '/')).status).toBe(200);
    await host.close();
    await host.close(); // closing twice is harmless
    await expect(request('GET', '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
