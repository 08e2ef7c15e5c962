// The simplest thing that could work, for comparison: node:http, the same zod
// schema, one insert into better-sqlite3 with the same durability (WAL,
// synchronous=FULL). No routing, outbox, idempotency or rate limit.
import http from 'node:http';
import Database from 'better-sqlite3';

const { validateIntake } = await import(process.env.INTAKE_MODULE);
const db = new Database(process.env.SQLITE_FILE);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists requests (id text primary key, body text not null, created_at text not null)');
const insert = db.prepare('insert into requests (id, body, created_at) values (?, ?, ?)');

http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => { raw += c; });
  req.on('end', () => {
    let body;
    try { body = JSON.parse(raw); } catch { res.writeHead(400).end(); return; }
    const result = validateIntake(body);
    if (!result.ok) { res.writeHead(422).end(); return; }
    insert.run(result.value.id, JSON.stringify(result.value), new Date().toISOString());
    res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('{"event":"server.listening"}\n'));
