// A real OpenID provider for the single sign-on tests: oidc-provider on a loopback port, with one client, a few people and
// a sign-in form that also chooses what kind of id_token comes back (a valid one, or one the app must refuse).
//
//   node server.mjs --port 4400 [--client-id reverse-mentoring] [--client-secret ...] [--exit-with-stdin]
//
// It holds its own signing key, made at start. A refused token is the provider's real id_token re-signed after a change:
// another audience, an expiry in the past, or a signature by a key the provider does not publish.
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4400' },
    'client-id': { type: 'string', default: 'reverse-mentoring' },
    'client-secret': { type: 'string', default: 'reverse-mentoring-test-secret' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const issuer = `http://127.0.0.1:${port}`;
const kid = 'test-signing-key';
const signing = await jose.generateKeyPair('RS256', { extractable: true });
const stranger = await jose.generateKeyPair('RS256');
const jwk = { ...(await jose.exportJWK(signing.privateKey)), kid, alg: 'RS256', use: 'sig' };

// The people who can sign in. Department, job level and manager come as custom claims, as Entra ID's optional claims do.
const people = {
  alice: {
    email: 'alice.adams@contoso.test', email_verified: true, name: 'Alice Adams',
    department: 'Finance', job_level: 'Director', manager_email: 'carol.chief@contoso.test',
  },
  bob: {
    email: 'bob.brown@contoso.test', email_verified: true, name: 'Bob Brown',
    department: 'Engineering', job_level: 'Graduate', manager_email: 'dan.lead@contoso.test',
  },
  nomail: { name: 'Nora Nomail' },
  unverified: { email: 'uma.unverified@contoso.test', email_verified: false, name: 'Uma Unverified' },
};

const tokens = ['valid', 'aud', 'exp', 'sig'];

const provider = new Provider(issuer, {
  clients: [{
    client_id: values['client-id'],
    client_secret: values['client-secret'],
    redirect_uris: ['https://localhost/signin-oidc'],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [jwk] },
  pkce: { methods: ['S256'], required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    org: ['department', 'job_level', 'manager_email'],
  },
  // The claims of the granted scopes go in the id_token itself, as Entra ID and Google put them.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['reverse-mentoring-test-cookies'] },
  // An account id is "<person>" or "<person>~<kind of token>"; the subject carries it, so the token endpoint knows.
  findAccount: (ctx, id) => {
    const person = people[id.split('~')[0]];
    return person && { accountId: id, claims: () => ({ sub: id, ...person }) };
  },
});

// The app runs on a random loopback port in the browser tests: any loopback /signin-oidc is its callback here.
const registered = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
  try {
    const url = new URL(uri);
    if (['localhost', '127.0.0.1'].includes(url.hostname) && url.pathname === '/signin-oidc') {
      return true;
    }
  } catch {
    return false;
  }
  return registered.call(this, uri);
};

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body?.id_token) {
    return;
  }
  const payload = jose.decodeJwt(ctx.body.id_token);
  const kind = String(payload.sub).split('~')[1];
  if (!kind || kind === 'valid') {
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  if (kind === 'aud') {
    payload.aud = 'another-application';
  } else if (kind === 'exp') {
    payload.iat = now - 7200;
    payload.exp = now - 3600;
  }
  const key = kind === 'sig' ? stranger.privateKey : signing.privateKey;
  const header = jose.decodeProtectedHeader(ctx.body.id_token);
  ctx.body = { ...ctx.body, id_token: await new jose.SignJWT(payload).setProtectedHeader(header).sign(key) };
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contoso sign-in</title></head><body><main>${body}</main></body></html>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function finish(req, res, details, accountId) {
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST') {
    const form = await readForm(req);
    const person = form.get('login') ?? '';
    const token = form.get('token') ?? 'valid';
    if (!people[person] || !tokens.includes(token)) {
      page(res, 400, '<p>Unknown person or token.</p>');
      return;
    }
    await finish(req, res, details, token === 'valid' ? person : `${person}~${token}`);
    return;
  }
  if (details.prompt.name === 'consent' && details.session?.accountId) {
    await finish(req, res, details, details.session.accountId);
    return;
  }
  const options = (list) => list.map((v) => `<option value="${escape(v)}">${escape(v)}</option>`).join('');
  page(res, 200, `<h1>Contoso sign-in</h1>
<form method="post" action="/interaction/${escape(details.uid)}">
<p><label for="login">Person</label> <select id="login" name="login">${options(Object.keys(people))}</select></p>
<p><label for="token">Token</label> <select id="token" name="token">${options(tokens)}</select></p>
<p><button type="submit">Sign in</button></p>
</form>`);
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => page(res, 500, `<p>${escape(error.message)}</p>`));
    return;
  }
  callback(req, res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// Started by a test run that keeps stdin open: when that run ends, however it ends, so does this provider.
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
