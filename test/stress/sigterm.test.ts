import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/ids.ts';
import { addUser, BATCH, json, onNewConnection, PASSWORD, send, tail, type Outcome } from '../helpers/faults.ts';
import { signIn, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 11, faults (the others: connection-loss.postgres.test.ts, kill-during-deletion.test.ts;
 * what they share is test/helpers/faults.ts): the real server as its own process, on a real
 * database, when SIGTERM arrives under load. The test checks outcomes (answers, rows, exit codes),
 * never durations. The figures are printed for SECURITY.md.
 */

describe(`SIGTERM under a steady load (${dbKind})`, () => {
  const WORKERS = 8;
  /** requests answered before the signal is sent */
  const WARM_UP = 80;
  /** rows of 1 KiB in the export that is mid-answer when the signal comes: ~20 MiB, more than sockets buffer */
  const EXPORT_ROWS = 20_000;
  let testDb: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await testDb?.drop();
  });

  it('finishes the requests it accepted, refuses new ones cleanly, and exits 0', { timeout: 300_000 }, async () => {
    const db = testDb.database.db;
    const userId = await addUser(db, 'sam');
    await db.transaction().execute(async (trx) => {
      const data = JSON.stringify({ reading: 'x'.repeat(1000) });
      for (let from = 0; from < EXPORT_ROWS; from += BATCH) {
        const rows = Array.from({ length: BATCH }, (_, k) => {
          const stamp = new Date(Date.UTC(2020, 0, 1) + (from + k) * 60_000).toISOString();
          const at = { recorded_at: stamp, created_at: stamp, updated_at: stamp };
          return { id: newId(), user_id: userId, type: 'reading', data, notes: null, ...at };
        });
        await trx.insertInto('health_records').values(rows).execute();
      }
    });
    server = await startServerProcess(testDb.url);
    const { url } = server;
    const token = await signIn(server, 'sam', PASSWORD);

    // an accepted request in the middle of its answer: the export's first bytes are read, the rest waits
    const exportResponse = await fetch(`${url}/api/v1/me/export?format=json`, json(token, 'GET'));
    expect(exportResponse.status).toBe(200);
    const exportReader = exportResponse.body!.getReader();
    const exportChunks: Uint8Array[] = [(await exportReader.read()).value!];

    /** afterSignal: sent after SIGTERM; inFlight: sent before it and answered after it */
    type Sent = {
      kind: 'read' | 'write';
      note: string | null;
      afterSignal: boolean;
      inFlight: boolean;
      outcome: Outcome;
    };
    const sent: Sent[] = [];
    let signalled = false;
    let warm: () => void;
    const warmedUp = new Promise<void>((resolve) => (warm = resolve));
    const refused = (o: Outcome) => o.status === 503 || o.error === 'ECONNREFUSED';
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const afterSignal = signalled;
        const write = i % 2 === 1;
        const note = write ? `steady ${w}-${i}` : null;
        const outcome = write
          ? await send(`${url}/api/v1/check-ins`, json(token, 'POST', { date: '2026-03-01', notes: note }))
          : await send(`${url}/api/v1/me`, json(token, 'GET'));
        sent.push({ kind: write ? 'write' : 'read', note, afterSignal, inFlight: !afterSignal && signalled, outcome });
        if (sent.length >= WARM_UP) warm();
        // each worker stops at its first refusal; before the signal nothing may refuse it
        if (refused(outcome) || outcome.error !== null) return;
      }
    };
    const workers = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await warmedUp;
    signalled = true;
    server.child.kill('SIGTERM');
    await workers;

    // the listener is closed while the export still holds the process open; then the export completes whole
    expect(await onNewConnection(`${url}/api/v1/me`)).toBe('ECONNREFUSED');
    const drainingAtRefusal = server.child.exitCode === null && server.child.signalCode === null;
    for (;;) {
      const { done, value } = await exportReader.read();
      if (done) break;
      exportChunks.push(value);
    }
    const document = JSON.parse(Buffer.concat(exportChunks).toString('utf8'));
    expect(document.healthRecords).toHaveLength(EXPORT_ROWS);
    const exit = await server.exited;
    expect(exit, tail(server.output())).toEqual({ code: 0, signal: null });
    expect(drainingAtRefusal).toBe(true);

    const bad = sent.filter((s) => {
      const normal = s.outcome.status === (s.kind === 'write' ? 201 : 200);
      return !(normal || (s.afterSignal && refused(s.outcome)));
    });
    expect(
      bad.map((s) => ({ ...s, outcome: s.outcome.status ?? s.outcome.error })),
      tail(server.output()),
    ).toEqual([]);
    // a write answered 201 is saved; a refused one was never carried out
    const saved = new Set(
      (await db.selectFrom('check_ins').select('notes').where('notes', 'like', 'steady %').execute()).map(
        (r) => r.notes,
      ),
    );
    const writes = sent.filter((s) => s.kind === 'write');
    expect(writes.filter((s) => s.outcome.status === 201 && !saved.has(s.note))).toEqual([]);
    expect(writes.filter((s) => refused(s.outcome) && saved.has(s.note))).toEqual([]);

    // the requests the signal caught in flight were answered as usual (the check above), and there were some
    const inFlight = sent.filter((s) => s.inFlight);
    expect(inFlight.length, 'no request was in flight at the signal: the test proved nothing').toBeGreaterThan(0);

    const after = sent.filter((s) => s.afterSignal);
    const count = (list: Sent[], test: (o: Outcome) => boolean) => list.filter((s) => test(s.outcome)).length;
    console.log(
      `[${dbKind}] SIGTERM under load: ${sent.length} requests from ${WORKERS} clients (reads and writes); ` +
        `${inFlight.length} in flight at the signal, all completed normally, and the ${EXPORT_ROWS}-row export ` +
        `mid-answer completed whole; ` +
        `${after.length} of them sent after the signal: ${count(after, (o) => o.status === 200 || o.status === 201)} ` +
        `completed normally, ${count(after, (o) => o.status === 503)} answered 503, ` +
        `${count(after, (o) => o.error === 'ECONNREFUSED')} refused (ECONNREFUSED), 0 reset or hung; exit code ${exit.code}`,
    );
  });
});
