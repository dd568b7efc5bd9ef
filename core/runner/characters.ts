// A character's connection settings, read from its properties.

import type { Character } from '../model.js';
import { propertyValue } from '../queries.js';
import type { RunOptions } from './options.js';

export interface CharacterSettings {
  name: string;
  /** The bare JID, from the `jid` property. */
  bareJid: string;
  username: string;
  domain: string;
  password: string;
  resource?: string;
  host: string;
  port: number;
  /** Set when the character has no `connect_host` and the run locates servers (RunOptions.locate):
   *  `host` and `port` are then unused; the address is looked up from `domain` at `connects`, and
   *  `port` here, from `connect_port`, replaces the port found. */
  locate?: { port?: number };
}

/** Reads a character's settings, or returns why they are unusable. */
export function characterSettings(character: Character, options: RunOptions): CharacterSettings | { error: string } {
  const name = character.name.value;
  const property = (key: string) => propertyValue(character, key);
  const jid = property('jid');
  if (!jid) return { error: `character "${name}" has no jid` };
  const match = /^([^@/]+)@([^@/]+)(?:\/(.+))?$/.exec(jid);
  if (!match) return { error: `character "${name}" has an invalid jid "${jid}" (expected user@domain)` };
  const [, username, domain, jidResource] = match;
  const portText = property('connect_port');
  const port = portText === undefined ? options.port : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { error: `character "${name}" has an invalid connect_port "${portText}"` };
  }
  const settings: CharacterSettings = {
    name,
    bareJid: `${username}@${domain}`,
    username,
    domain,
    password: property('password') ?? '',
    resource: property('resource') || jidResource,
    host: property('connect_host') || options.host,
    port,
  };
  if (options.locate && !property('connect_host')) settings.locate = portText === undefined ? {} : { port };
  return settings;
}
