/**
 * Time-ordered unique ids (UUID v7): sortable, so they double as stable paging keys.
 * Random bytes come from a pool refilled 4 KiB at a time: one system call per 256 ids
 * instead of one per id (ids are made on the reservation hot path).
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

export const newId = (): string => {
  if (offset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + 16);
  offset += 16;
  return v7({ random });
};
