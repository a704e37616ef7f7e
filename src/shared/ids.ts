/** Time-ordered unique ids (UUID v7): sortable, so they double as stable paging keys. */
import { v7 } from 'uuid';

export const newId = (): string => v7();
