/**
 * Stores: marketplace shops and brand flagship stores (verified by an admin), with members
 * who are owners or staff. `assertStoreAccess` is the one gate every store-owned resource
 * (products, SKUs, orders, launches) passes through.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from '../shared/locales.js';
import { mergeTexts, parseTexts, pickText, type LocalizedTexts } from '../shared/texts.js';
import type { AppContext } from '../context.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Store } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { enqueueMail } from '../mail/outbox.js';

export type StoreRole = 'owner' | 'staff';

/** A store's per-locale name and description. */
export type StoreTexts = LocalizedTexts<'name' | 'description'>;

export interface PublicStore {
  id: string;
  slug: string;
  /** In the locale `toPublicStore` was given, else the primary name. */
  name: string;
  kind: 'marketplace' | 'flagship';
  description: string;
  texts: StoreTexts;
  logoUrl: string | null;
  verified: boolean;
  createdAt: number;
}

/** A store as a reader of `locale` sees it (name and description in that locale, else the primary ones). */
export function toPublicStore(s: Store, locale: Locale | null = null): PublicStore {
  const texts = parseTexts<'name' | 'description'>(s.texts_json);
  return {
    id: s.id,
    slug: s.slug,
    name: pickText(texts, 'name', locale, s.name),
    kind: s.kind,
    description: pickText(texts, 'description', locale, s.description),
    texts,
    logoUrl: s.logo_url,
    verified: s.verified === 1,
    createdAt: s.created_at,
  };
}

/**
 * Checks that the caller may act for a store: admins always, members with a sufficient
 * role otherwise. An unknown store is 404; a store the caller is not in is 403.
 */
export async function assertStoreAccess(ctx: AppContext, p: Principal, storeId: string, need: StoreRole = 'staff'): Promise<Store> {
  const store = await ctx.db.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirst();
  if (!store) throw notFound('Store');
  if (p.role === 'admin') return store;
  const m = await ctx.db.selectFrom('store_members').select('role').where('store_id', '=', storeId).where('user_id', '=', p.userId).executeTakeFirst();
  if (!m) throw new AppError('NOT_STORE_MEMBER', 'You are not a member of this store.');
  if (need === 'owner' && m.role !== 'owner') throw new AppError('OWNER_REQUIRED', 'Only the store owner may do this.');
  return store;
}

/** A store's kind, read inside any transaction (commission rates depend on it). */
export async function storeKindOf(db: Transaction<Database> | Kysely<Database>, storeId: string): Promise<Store['kind']> {
  return (await db.selectFrom('stores').select('kind').where('id', '=', storeId).executeTakeFirstOrThrow()).kind;
}

/** The names and kinds of the given stores (the operator's money view labels its rows with them). */
export async function storeLabels(db: Transaction<Database> | Kysely<Database>, storeIds: string[]): Promise<Map<string, { name: string; kind: Store['kind'] }>> {
  if (storeIds.length === 0) return new Map();
  const rows = await db.selectFrom('stores').select(['id', 'name', 'kind']).where('id', 'in', storeIds).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

/** True when the principal belongs to the store (or is an admin). */
export async function isStoreMember(ctx: AppContext, p: Principal, storeId: string): Promise<boolean> {
  if (p.role === 'admin') return true;
  const m = await ctx.db.selectFrom('store_members').select('role').where('store_id', '=', storeId).where('user_id', '=', p.userId).executeTakeFirst();
  return !!m;
}

function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'store';
}

/** Opens a store with the caller as owner. Flagship stores start unverified. */
export async function openStore(
  ctx: AppContext,
  owner: Principal,
  input: { name: string; slug?: string | undefined; kind: 'marketplace' | 'flagship'; description: string; texts?: StoreTexts | undefined; logoUrl?: string | undefined },
  locale: Locale | null = null,
): Promise<PublicStore> {
  const now = ctx.clock.now();
  const row: Store = {
    id: newId(),
    slug: input.slug ?? slugify(input.name),
    name: input.name,
    kind: input.kind,
    description: input.description,
    texts_json: JSON.stringify(mergeTexts({}, input.texts)),
    logo_url: input.logoUrl ?? null,
    verified: 0,
    verified_at: null,
    owner_id: owner.userId,
    created_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('stores').values(row).execute();
      await trx.insertInto('store_members').values({ store_id: row.id, user_id: owner.userId, role: 'owner', created_at: now }).execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('SLUG_TAKEN', `The store address "${row.slug}" is taken; choose another slug.`);
    throw err;
  }
  return toPublicStore(row, locale);
}

export async function getStore(ctx: AppContext, idOrSlug: string): Promise<Store> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const store = await ctx.db
    .selectFrom('stores')
    .selectAll()
    .where(isUuid ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
  if (!store) throw notFound('Store');
  return store;
}

export async function listStores(
  ctx: AppContext,
  q: { kind?: 'marketplace' | 'flagship' | undefined; verified?: boolean | undefined; after?: string | undefined; limit: number },
): Promise<Store[]> {
  let query = ctx.db.selectFrom('stores').selectAll().orderBy('id').limit(q.limit);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.verified !== undefined) query = query.where('verified', '=', q.verified ? 1 : 0);
  if (q.after) query = query.where('id', '>', q.after);
  return query.execute();
}

export async function updateStore(
  ctx: AppContext,
  p: Principal,
  storeId: string,
  patch: { name?: string | undefined; description?: string | undefined; texts?: StoreTexts | undefined; logoUrl?: string | null | undefined },
  locale: Locale | null = null,
): Promise<PublicStore> {
  const store = await assertStoreAccess(ctx, p, storeId, 'owner');
  const set: Partial<Store> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.texts !== undefined) set.texts_json = JSON.stringify(mergeTexts(parseTexts(store.texts_json), patch.texts));
  if (patch.logoUrl !== undefined) set.logo_url = patch.logoUrl;
  if (Object.keys(set).length) await ctx.db.updateTable('stores').set(set).where('id', '=', storeId).execute();
  return toPublicStore(await getStore(ctx, storeId), locale);
}

/** Admin: mark a flagship store verified (or take the badge away). Marketplace shops cannot be verified. */
export async function setVerified(ctx: AppContext, storeId: string, verified: boolean): Promise<PublicStore> {
  const store = await getStore(ctx, storeId);
  if (store.kind !== 'flagship') throw new AppError('NOT_FLAGSHIP', 'Only flagship stores carry the verified badge.');
  await ctx.db
    .updateTable('stores')
    .set({ verified: verified ? 1 : 0, verified_at: verified ? ctx.clock.now() : null })
    .where('id', '=', storeId)
    .execute();
  return toPublicStore(await getStore(ctx, storeId));
}

export async function listMembers(ctx: AppContext, p: Principal, storeId: string) {
  await assertStoreAccess(ctx, p, storeId);
  return ctx.db
    .selectFrom('store_members')
    .innerJoin('users', 'users.id', 'store_members.user_id')
    .select(['users.id as userId', 'users.email', 'users.name', 'store_members.role', 'store_members.created_at as addedAt'])
    .where('store_id', '=', storeId)
    .orderBy('store_members.created_at')
    .execute();
}

/** How long a store invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

const hashInvitation = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Owner invites an e-mail address to the store. The answer is the same whether the address
 * has an account, or is a member already: a mail with an acceptance token goes to the address
 * (whoever has that mailbox accepts, signed in with that address, or signs up first), so no
 * seller learns which addresses have accounts.
 */
export async function inviteMember(ctx: AppContext, p: Principal, storeId: string, emailIn: string, role: StoreRole) {
  const store = await assertStoreAccess(ctx, p, storeId, 'owner');
  const email = emailIn.trim().toLowerCase();
  const token = `inv_${randomBytes(24).toString('base64url')}`;
  const now = ctx.clock.now();
  const expiresAt = now + INVITATION_TTL_MS;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('store_invitations').values({ id: newId(), token_hash: hashInvitation(token), store_id: storeId, email, role, invited_by: p.userId, created_at: now, expires_at: expiresAt, accepted_at: null }).execute();
    await enqueueMail(ctx, trx, {
      to: email,
      subject: `You are invited to ${store.name} on Flashmall`,
      text: `${p.name} invites you to join the store "${store.name}" on Flashmall as ${role}.\n\nSign in (or create an account) with this address, then accept:\n${ctx.publicUrl()}/invitations/accept?token=${token}\n\nInvitation token: ${token}\nThe invitation expires in 7 days. If you did not expect it, ignore this mail.\n`,
    });
  });
  ctx.mail.kick();
  return { invited: true as const, email, role, expiresAt };
}

/** The signed-in invitee accepts: they join the store. An invitation for another address, expired or used, is 404. */
export async function acceptInvitation(ctx: AppContext, p: Principal, token: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const inv = await trx.selectFrom('store_invitations').selectAll().where('token_hash', '=', hashInvitation(token)).executeTakeFirst();
    if (!inv || inv.accepted_at !== null || inv.expires_at <= now || inv.email !== p.email.toLowerCase()) throw notFound('Invitation');
    const claimed = await trx.updateTable('store_invitations').set({ accepted_at: now }).where('id', '=', inv.id).where('accepted_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw notFound('Invitation');
    const existing = await trx.selectFrom('store_members').select('role').where('store_id', '=', inv.store_id).where('user_id', '=', p.userId).executeTakeFirst();
    if (existing) throw new AppError('ALREADY_MEMBER', 'You are already a member of this store.');
    await trx.insertInto('store_members').values({ store_id: inv.store_id, user_id: p.userId, role: inv.role, created_at: now }).execute();
    return { storeId: inv.store_id, userId: p.userId, role: inv.role };
  });
}

/** Owner removes a member (never the owner); their open streams of the store end at once, in every process. */
export async function removeMember(ctx: AppContext, p: Principal, storeId: string, userId: string): Promise<void> {
  const store = await assertStoreAccess(ctx, p, storeId, 'owner');
  if (userId === store.owner_id) throw new AppError('CANNOT_REMOVE_OWNER', 'The store owner cannot be removed.');
  const res = await ctx.db.deleteFrom('store_members').where('store_id', '=', storeId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Member');
  // Every process closes the removed member's streams of this store at once.
  await ctx.broadcast.publish('member-removed', `${storeId}|${userId}`);
}

/** The stores a user belongs to, with their role in each. */
export async function memberships(ctx: AppContext, userId: string) {
  return ctx.db
    .selectFrom('store_members')
    .innerJoin('stores', 'stores.id', 'store_members.store_id')
    .select(['stores.id as storeId', 'stores.name', 'store_members.role'])
    .where('store_members.user_id', '=', userId)
    .orderBy('stores.created_at')
    .execute();
}
