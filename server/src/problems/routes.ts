/**
 * Problem groups over HTTP (issue 13, «several citizens, one problem»; docs/DOMAIN.md «Одна проблема —
 * несколько заявителей»). Scope as appeals: every appeal named must be the caller's (404 / 403).
 *
 * - `GET /api/v1/appeals/:id/problem-candidates`: the appeal's group (if any) and candidates with evidence;
 * - `GET /api/v1/problems/:id`: the group's members the caller may see and their count;
 * - `POST /api/v1/problems` `{ appealIds }`: a person groups the appeals (new group, or the one some are in);
 * - `DELETE /api/v1/problems/:id/members/:appealId`: takes an appeal out;
 * - `POST /api/v1/problems/:id/answer` `{ text, fileIds? }`: answers every member, each citizen in their
 *   own chat, with the files an official uploaded for one member's answer (answer.ts).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { appealInScope } from '../appeals/in-scope';
import { requireAuth } from '../auth/require-auth';
import { inTransaction } from '../db/pool';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { answerProblem } from './answer';
import { problemCandidates } from './candidates';
import { groupAppeals, maxProblemMembers, problemGroup, ungroupAppeal } from './groups';

const id = idParams.properties.id;

const groupBody = {
  type: 'object',
  additionalProperties: false,
  required: ['appealIds'],
  properties: { appealIds: { type: 'array', minItems: 2, maxItems: maxProblemMembers, items: id } },
} as const;

const memberParams = {
  type: 'object',
  required: ['id', 'appealId'],
  properties: { id, appealId: id },
} as const;

/** An answer's length limit, as a staff message's (shared/schemas/messages.ts). */
const answerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 10000 },
    fileIds: { type: 'array', maxItems: 20, uniqueItems: true, items: id },
  },
} as const;

export async function problemRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/problem-candidates',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request, reply) => {
      const { auth } = request;
      const appeal = await appealInScope(db, auth, request.params.id);
      const problemId = (appeal.problemId as string | null | undefined) ?? null;
      const candidates = await problemCandidates(db, auth, request.params.id, appeal);
      const problem = problemId ? await problemGroup(db, auth, problemId).catch(() => null) : null;
      reply.header('cache-control', 'no-store');
      return { problem, candidates };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/problems/:id',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { problem: await problemGroup(db, request.auth, request.params.id) };
    },
  );

  app.post<{ Body: { appealIds: string[] } }>(
    '/api/v1/problems',
    { preHandler: requireAuth, schema: { body: groupBody } },
    async (request) => {
      const { auth } = request;
      const problemId = await inTransaction(db, (tx) => groupAppeals(tx, auth, request.body.appealIds));
      return { problem: await problemGroup(db, auth, problemId) };
    },
  );

  app.delete<{ Params: { id: string; appealId: string } }>(
    '/api/v1/problems/:id/members/:appealId',
    { preHandler: requireAuth, schema: { params: memberParams } },
    async (request) => {
      const { auth } = request;
      const { id: problemId, appealId } = request.params;
      await inTransaction(db, (tx) => ungroupAppeal(tx, auth, problemId, appealId));
      return { removed: appealId };
    },
  );

  app.post<{ Params: { id: string }; Body: { text: string; fileIds?: string[] } }>(
    '/api/v1/problems/:id/answer',
    { preHandler: requireAuth, schema: { params: idParams, body: answerBody } },
    async (request) => {
      const { auth } = request;
      const text = request.body.text.trim();
      if (text === '') throw new ApiError(400, 'answer_empty', 'The answer has no text');
      const fileIds = request.body.fileIds ?? [];
      return inTransaction(db, (tx) => answerProblem(tx, auth, request.params.id, text, Date.now(), fileIds));
    },
  );
}
