// A light JID check for the `jid` property: `[local@]domain[/resource]` with RFC 7622's forbidden
// local-part characters. Full stringprep is the server's job; this catches typing mistakes.

const forbiddenInLocal = /["&'/:<>@\s]/;
const forbiddenInDomain = /[\s@/"'<>&]/;

/** Why `jid` is not a valid JID, or undefined when it is. */
export function jidProblem(jid: string): string | undefined {
  if (jid === '') return 'it is empty';
  const slash = jid.indexOf('/');
  const bare = slash === -1 ? jid : jid.slice(0, slash);
  if (slash !== -1 && slash === jid.length - 1) return 'the resource after "/" is empty';
  const at = bare.lastIndexOf('@');
  const local = at === -1 ? undefined : bare.slice(0, at);
  const domain = at === -1 ? bare : bare.slice(at + 1);
  if (local !== undefined) {
    if (local === '') return 'the part before "@" is empty';
    if (forbiddenInLocal.test(local)) return `the part before "@" may not hold ${JSON.stringify(forbiddenInLocal.exec(local)![0])}`;
    if (local.length > 1023) return 'the part before "@" is longer than 1023 characters';
  }
  if (domain === '') return 'the domain is empty';
  if (forbiddenInDomain.test(domain)) return `the domain may not hold ${JSON.stringify(forbiddenInDomain.exec(domain)![0])}`;
  if (domain.startsWith('.') || domain.endsWith('..') || domain.includes('..')) return 'the domain has an empty label';
  return undefined;
}
