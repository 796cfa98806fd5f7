import { PASSWORD, register, signIn } from '../lib/api.ts';
import { uniqueName, type Scenario } from '../lib/context.ts';
import { load, median, type LoadRequest } from '../lib/load.ts';
import { pct, perSecond } from '../lib/report.ts';
import { hashCosts, startBetterAuth } from '../peer/better-auth.ts';

const ROUNDS = 3;

/**
 * Better Auth beside us in the same run: its GET /api/auth/get-session against our GET
 * /api/v1/me, and its email sign-in against our login, rounds alternating (bare, ours, theirs),
 * with both sides' password hashing measured on one core.
 */
export const peer: Scenario = {
  id: 'peer',
  title: 'Better Auth side by side: get-session vs GET /me, sign-in vs login, hashing cost',
  async run(ctx) {
    const better = await startBetterAuth({ log: ctx.log });
    try {
      const name = uniqueName('peer');
      await register(ctx.server.url, ctx.inviteCode, name);
      const { accessToken } = await signIn(ctx.server.url, name);
      const bare: LoadRequest = { url: `${ctx.bare.url}/bare`, connections: 50 };
      const ours: LoadRequest = {
        url: `${ctx.server.url}/api/v1/me`,
        headers: { authorization: `Bearer ${accessToken}` },
        connections: 50,
      };
      const theirs: LoadRequest = {
        url: `${better.url}/api/auth/get-session`,
        headers: better.sessionHeaders,
        connections: 50,
      };
      const logins = [];
      for (let i = 0; i < 4; i++) {
        const username = uniqueName('peerlogin');
        await register(ctx.server.url, ctx.inviteCode, username);
        logins.push(JSON.stringify({ username, password: PASSWORD }));
      }
      const ourLogin: LoadRequest = {
        url: `${ctx.server.url}/api/v1/auth/login`,
        method: 'POST',
        bodies: logins,
        connections: 8,
        seconds: 5,
      };
      const theirLogin: LoadRequest = {
        url: `${better.url}/api/auth/sign-in/email`,
        method: 'POST',
        headers: better.signInHeaders,
        body: better.signInBody,
        connections: 8,
        seconds: 5,
      };

      for (const warm of [bare, ours, theirs, ourLogin, theirLogin]) await load({ ...warm, seconds: 1 });
      const r = {
        bare: [] as number[],
        ours: [] as number[],
        theirs: [] as number[],
        ourLogin: [] as number[],
        theirLogin: [] as number[],
      };
      for (let i = 0; i < ROUNDS; i++) {
        r.bare.push((await load(bare)).rps);
        r.ours.push((await load(ours)).rps);
        r.theirs.push((await load(theirs)).rps);
      }
      for (let i = 0; i < 2; i++) {
        r.ourLogin.push((await load(ourLogin)).rps);
        r.theirLogin.push((await load(theirLogin)).rps);
      }
      const costs = await hashCosts({ log: ctx.log });
      const session = median(r.ours) / median(r.theirs);
      const signIns = median(r.ourLogin) / median(r.theirLogin);
      // a sign-in is mostly one password hash: at equal hashing cost, each side's sign-ins scale by its cost per hash
      const costRatio = costs.peer.msPerHash / costs.ours.msPerHash;
      const atEqualCost = signIns / costRatio;
      return [
        {
          id: 'peer-session',
          scenario: `${better.name}: \`GET /api/auth/get-session\` vs our \`GET /api/v1/me\``,
          result: `ours ${session.toFixed(1)}× theirs (${perSecond(median(r.ours))} vs ${perSecond(median(r.theirs))}; theirs ${pct(median(r.theirs) / median(r.bare))} of bare)`,
          target: 'ours ≥ 15×',
          met: session >= 15,
          ratio: { value: session, target: 15, of: `${better.name} get-session` },
          data: r,
        },
        {
          id: 'peer-sign-in',
          scenario: `${better.name}: \`POST /api/auth/sign-in/email\` vs our login`,
          result:
            `ours ${signIns.toFixed(1)}× theirs as configured (${perSecond(median(r.ourLogin))} vs ${perSecond(median(r.theirLogin))}); ` +
            `one of their hashes costs ${costRatio.toFixed(1)}× ours, so at equal hashing cost ours is ${atEqualCost.toFixed(1)}×`,
          target: 'ours ≥ 5× at equal or stronger hashing',
          met: atEqualCost >= 5,
          ratio: { value: atEqualCost, target: 5, of: `${better.name} sign-in, equal hash cost` },
          data: { ourLogin: r.ourLogin, theirLogin: r.theirLogin, signIns, costRatio, atEqualCost },
        },
        {
          id: 'peer-hashing',
          scenario: 'password hashing, one hash on one core',
          result: `ours ${costs.ours.params}: ${costs.ours.msPerHash.toFixed(0)} ms; theirs ${better.hashing}: ${costs.peer.msPerHash.toFixed(0)} ms`,
          target: 'reported',
          met: null,
          data: { ...costs, peerHashing: better.hashing },
        },
      ];
    } finally {
      await better.stop();
    }
  },
};
