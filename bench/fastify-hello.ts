// A reference point between the ceiling and Flashmall: Fastify with the same Zod type
// provider and one POST route validating the same body, answering a constant.
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const app = Fastify({ logger: false });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.withTypeProvider<ZodTypeProvider>().post('/api/v1/launches/:launchId/reservations', {
  schema: { params: z.object({ launchId: z.uuid() }), body: z.object({ skuId: z.uuid() }), response: { 409: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } },
}, async (_req, reply) => reply.code(409).send({ error: { code: 'SOLD_OUT', message: 'Sold out.' } }));
app.get('/', () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
