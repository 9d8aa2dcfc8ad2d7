import { isSafeEmail } from '../email';
import { makeId, prefixOf } from '../ids';
import type { Agent, Snippet } from '../types';
import { refuse, type Session } from './session';
import { trashAlone, type Trashed } from './trash';
import { MAX_TEXT, normalizeEmail, requiredText } from './validate';

/** Saved replies (R14) and teammates (owners): the help desk's small reference lists. */

export async function saveSnippet(s: Session, id: string | undefined, name: unknown, body: unknown): Promise<Snippet> {
  const fields = { name: requiredText(name, 'snippetName'), body: requiredText(body, 'snippetBody', MAX_TEXT) };
  if (id === undefined) return s.create<Snippet>(makeId('snippet', s.ctx.newUlid()), fields);
  const snippet = await s.snippet(id);
  if (!snippet) refuse('not_found', 'snippetGone');
  if (snippet.deletedAt !== null) refuse('conflict', 'snippetTrashed');
  return s.change<Snippet>(snippet, fields) ?? snippet;
}

export async function deleteSnippet(s: Session, id: string): Promise<Trashed> {
  const snippet = await s.snippet(id);
  if (!snippet) refuse('not_found', 'snippetGone');
  return trashAlone(s, snippet);
}

/**
 * Creates or edits a teammate. An unknown `agent:` id is created under that
 * id, so the background can make the local agent (LocalMeta.meId) with this
 * same command on first run.
 */
export async function saveAgent(s: Session, id: string | undefined, name: unknown, email: unknown): Promise<Agent> {
  const fields = { name: requiredText(name, 'agentName'), email: agentEmail(email) };
  const agent = id === undefined ? undefined : await s.agent(id);
  if (!agent) return s.create<Agent>(newAgentId(s, id), fields);
  if (agent.deletedAt !== null) refuse('conflict', 'agentTrashed');
  return s.change<Agent>(agent, fields) ?? agent;
}

function newAgentId(s: Session, id: string | undefined): string {
  if (id === undefined) return makeId('agent', s.ctx.newUlid());
  if (prefixOf(id) !== 'agent' || id.length <= 'agent:'.length) refuse('invalid', 'agentIdInvalid');
  return id;
}

/**
 * Optional; stored lower-cased like contacts' emails. The same check as the
 * messages and an imported file use (core/domain/email.ts), so what the rules
 * accept, a backup of it restores.
 */
function agentEmail(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') refuse('invalid', 'agentEmailNotText');
  const email = normalizeEmail(value);
  if (email === null) return '';
  if (!isSafeEmail(email)) refuse('invalid', 'agentEmailInvalid', { value: value.trim().slice(0, 80) });
  return email;
}

/**
 * To the trash. Tickets and conversations they own keep them as owner, so a
 * restore brings back everything as it was; the purge keeps them there while
 * anything names them (core/domain/rules/trash.ts). The local agent can't be
 * deleted.
 */
export async function deleteAgent(s: Session, id: string): Promise<Trashed> {
  if (id === s.ctx.agentId) refuse('conflict', 'agentDeleteSelf');
  const agent = await s.agent(id);
  if (!agent) refuse('not_found', 'agentGone');
  return trashAlone(s, agent);
}
